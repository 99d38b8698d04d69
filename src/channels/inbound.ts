// One inbound SMS, whichever provider brought it (Twilio's webhook, End User Messaging's two-way SQS queue): in one
// transaction, unless the provider's message id was taken already, SendChatIntegrationEvent's domain call (a
// MESSAGE with Subtype connect:sms and SourceId = the customer's number) for the destination it was sent to.
import { ResourceNotFoundException } from "../api/errors.js";
import { Journal, type DomainEnv } from "../domain/chat-base.js";
import { Chats } from "../domain/chats.js";
import type { Store } from "../domain/ports.js";

/** How long a provider's message id is remembered (providers redeliver within minutes; SQS within its retention). */
const KEY_TTL_MS = 24 * 60 * 60_000;

export interface InboundDeps {
  store: Store;
  env: DomainEnv;
  /** After the commit: push the appended items, wake the relay (app.ts's `published`). */
  published(journal: Journal): void;
}

export interface InboundSms {
  accountId: string;
  destinationId: string;
  /** The customer's number: the chat's SourceId. */
  from: string;
  content: string;
  /** The provider's message id (idempotency key) and the namespace it lives in. */
  key: string;
  operation: "TwilioInbound" | "EumInbound";
}

export async function takeInboundSms(deps: InboundDeps, m: InboundSms): Promise<void> {
  const { store, env } = deps;
  if (!env.directory.destination(m.destinationId)) throw new ResourceNotFoundException(`Destination '${m.destinationId}' is not configured`);
  const journal = new Journal();
  await store.tx(async (tx) => {
    const now = env.clock.now();
    const prior = await tx.idempotency(m.accountId, m.operation, m.key);
    if (prior && prior.expiresAt > now) return; // a redelivery of a message already taken
    await new Chats(tx, env, journal).integrationEvent(
      { accountId: m.accountId },
      { sourceId: m.from, destinationId: m.destinationId, subtype: "connect:sms", event: { type: "MESSAGE", contentType: "text/plain", content: m.content } },
    );
    await tx.putIdempotency({ accountId: m.accountId, operation: m.operation, key: m.key, fingerprint: m.key, result: "null", createdAt: now, expiresAt: now + KEY_TTL_MS });
  });
  if (journal.items.length) deps.published(journal);
}
