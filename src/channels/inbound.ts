// One inbound SMS, whichever provider brought it (Twilio's webhook, End User Messaging's two-way SQS queue): in one
// transaction, unless the provider's message id was taken already, SendChatIntegrationEvent's domain call (a
// MESSAGE with Subtype connect:sms and SourceId = the customer's number) for the destination it was sent to, and the
// carriers' keywords: STOP (opt-out, the chat ends), START/UNSTOP (opt back in), HELP (sms.helpText sent back).
import { ResourceNotFoundException } from "../api/errors.js";
import { Journal, type DomainEnv } from "../domain/chat-base.js";
import { Chats } from "../domain/chats.js";
import type { Store } from "../domain/ports.js";
import { smsKeyword, SmsKeywords } from "../domain/sms-keywords.js";

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
  journal.dispatching = true; // deps.published hands the leased entries to the relay
  await store.tx(async (tx) => {
    const now = env.clock.now();
    const prior = await tx.idempotency(m.accountId, m.operation, m.key);
    if (prior && prior.expiresAt > now) return; // a redelivery of a message already taken
    const identity = { accountId: m.accountId, destinationId: m.destinationId, sourceId: m.from, subtypeKey: "connect:sms" };
    const keyword = smsKeyword(m.content);
    const helpText = env.directory.destination(m.destinationId)?.sms?.helpText;
    const keywords = new SmsKeywords(tx, env, journal);
    // STOP and START start no chat; in a chat they are shown to the agent like any text. HELP without a configured
    // answer is an ordinary message.
    if ((keyword !== "STOP" && keyword !== "START") || (await tx.activeChat(identity))?.state === "ACTIVE")
      await new Chats(tx, env, journal).integrationEvent(
        { accountId: m.accountId },
        { sourceId: m.from, destinationId: m.destinationId, subtype: "connect:sms", event: { type: "MESSAGE", contentType: "text/plain", content: m.content } },
      );
    if (keyword === "STOP") await keywords.stop(identity);
    else if (keyword === "START") await keywords.start(identity);
    else if (keyword === "HELP" && helpText) await keywords.help(identity, helpText);
    await tx.putIdempotency({ accountId: m.accountId, operation: m.operation, key: m.key, fingerprint: m.key, result: "null", createdAt: now, expiresAt: now + KEY_TTL_MS });
  });
  if (journal.items.length) deps.published(journal);
}
