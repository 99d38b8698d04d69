// Delivery reports of SMS providers, on the chat: "delivered" becomes the customer's message.delivered receipt on
// the agent's message (its MessageMetadata.Receipts, pushed as MESSAGEMETADATA like a SendEvent receipt); a failed
// delivery becomes a MESSAGE from SYSTEM that only agents see, with the provider's error text.
import { ChatBase, type Sender } from "./chat-base.js";
import { CT } from "./rules.js";
import type { SmsSend } from "./ports.js";

/** What a provider's callback says about one send. */
export type DeliveryReport =
  | { kind: "delivered"; status: string }
  | { kind: "failed"; status: string; error: string }
  /** queued, sent, accepted…: recorded in sms_sends, nothing on the chat. */
  | { kind: "progress"; status: string };

/** Statuses after which no progress report may overwrite the record (callbacks arrive out of order). */
const FINAL = new Set(["delivered", "failed", "undelivered", "read"]);

/**
 * Why a MESSAGE and not an EVENT: agents' clients (chatjs, the console, CCP) render MESSAGEs and ignore EVENT content
 * types they do not know, so a failure as an event would go unseen. ParticipantRole SYSTEM with visibility AGENT
 * keeps it from the customer (it never goes out by SMS: goesOutBySms skips AGENT-only items) and from being taken
 * for something a person said.
 */
const SYSTEM: Sender = { id: "SYSTEM", displayName: "SYSTEM_MESSAGE", role: "SYSTEM" };

export class SmsDeliveries extends ChatBase {
  /** Applies one report to the send it is about; repeated or late reports change nothing. */
  async report(send: SmsSend, r: DeliveryReport): Promise<void> {
    if (!send.providerMessageId) return;
    // An error is recorded only with a failure: the send is settled then, like after delivered or read.
    const final = send.error !== undefined || FINAL.has(send.status);
    if (r.kind === "progress") {
      if (!final && send.status !== r.status) await this.tx.updateSmsSendStatus(send.provider, send.providerMessageId, r.status);
      return;
    }
    if (r.kind === "failed" && send.error !== undefined) return; // a repeated callback
    await this.tx.updateSmsSendStatus(send.provider, send.providerMessageId, r.status, r.kind === "failed" ? r.error : undefined);
    const destination = this.env.directory.destination(send.destinationId);
    const message = await this.tx.item(send.initialContactId, send.itemId);
    if (!destination || !message) return;
    const stored = await this.tx.contact(destination.accountId, message.contactId);
    if (!stored) return;
    const chat = await this.current(stored);
    const customer = this.customerOf(chat);
    if (r.kind === "delivered") {
      const receipts = message.body.MessageMetadata?.Receipts ?? [];
      if (receipts.some((x) => x.RecipientParticipantId === customer.id && x.DeliveredTimestamp)) return; // a repeated callback
      if (chat.state !== "ENDED") {
        await this.participantEvent(chat, customer, CT.delivered, { receipt: "DeliveredTimestamp", messageId: message.body.Id });
      } else {
        // The chat is over: no new item after chat.ended, but the transcript still shows the receipt.
        const mine = { RecipientParticipantId: customer.id, DeliveredTimestamp: new Date(this.env.clock.now()).toISOString() };
        await this.tx.updateItemBody({ ...message, body: { ...message.body, MessageMetadata: { MessageId: message.body.Id, Receipts: [...receipts, mine] } } });
      }
      return;
    }
    if (chat.state === "ENDED") return; // nobody is left to see it; sms_sends keeps the error
    const to = chat.identity?.sourceId ?? "the customer";
    await this.append(chat, { Type: "MESSAGE", ContentType: "text/plain", Content: `SMS to ${to} was not delivered (${r.status}): ${r.error}. Message: "${excerpt(message.body.Content ?? "")}"` }, SYSTEM, "AGENT", true);
  }
}

const excerpt = (s: string): string => ([...s].length > 80 ? `${[...s].slice(0, 79).join("")}…` : s);
