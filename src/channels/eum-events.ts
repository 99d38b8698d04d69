// End User Messaging's delivery events (a configuration set's SNS event destination, consumed from an SQS queue):
// the event's messageId finds the send in sms_sends, and its messageStatus becomes a delivery report on the chat —
// DELIVERED → the customer's message.delivered receipt, a final failure → a message agents see with the status
// description. https://docs.aws.amazon.com/sms-voice/latest/userguide/configuration-sets-event-format.html
import { Journal, type DomainEnv } from "../domain/chat-base.js";
import type { Logger, Store } from "../domain/ports.js";
import { SmsDeliveries, type DeliveryReport } from "../domain/sms-status.js";
import { snsMessage } from "./sqs-consumer.js";

/** The members of an SMS event connect-chat reads. */
export interface EumEvent {
  eventType?: string;
  eventTimestamp?: number;
  isFinal?: boolean;
  messageId?: string;
  messageStatus?: string;
  messageStatusDescription?: string;
}

/** Statuses that are not failures: on the way (or accepted by the carrier, where no handset receipt comes). */
const NOT_FAILED = new Set(["DELIVERED", "SUCCESSFUL", "PENDING", "QUEUED", "UNKNOWN"]);

export function eumReport(e: EumEvent): DeliveryReport {
  const status = String(e.messageStatus ?? e.eventType ?? "UNKNOWN");
  if (status === "DELIVERED") return { kind: "delivered", status };
  if (!NOT_FAILED.has(status) && e.isFinal !== false)
    return { kind: "failed", status, error: `End User Messaging ${e.eventType ?? status}${e.messageStatusDescription ? `: ${e.messageStatusDescription}` : ""}` };
  return { kind: "progress", status };
}

/** How long an event for a send not (yet) recorded is retried: the relay records a send just after the provider answered. */
const UNKNOWN_RETRY_MS = 5 * 60_000;

export function eumEventHandler(deps: { store: Store; env: DomainEnv; published(j: Journal): void; log: Logger }) {
  return async (body: string): Promise<void> => {
    const e = snsMessage(body) as EumEvent;
    if (!e || typeof e !== "object" || typeof e.messageId !== "string") {
      deps.log.warn({ event: "eum-event", body: body.slice(0, 500) }, "not an End User Messaging SMS event; dropped");
      return;
    }
    const journal = new Journal();
    const found = await deps.store.tx(async (tx) => {
      const send = await tx.smsSendByProviderId("endUserMessaging", e.messageId!);
      if (!send) return false;
      await new SmsDeliveries(tx, deps.env, journal).report(send, eumReport(e));
      return true;
    });
    if (journal.items.length) deps.published(journal);
    if (found) return;
    const age = deps.env.clock.now() - Number(e.eventTimestamp ?? 0);
    // Maybe the send's record is about to commit: leave the message for redelivery. Older ones are not ours.
    if (age < UNKNOWN_RETRY_MS) throw new Error(`no SMS sent by connect-chat has MessageId '${e.messageId}' (yet)`);
    deps.log.warn({ event: "eum-event", messageId: e.messageId }, "delivery event for a message connect-chat did not send; dropped");
  };
}
