// How an SMS provider's refusal reaches the relay: permanent (dead-lettered at once, e.g. an invalid number) or
// not (retried with backoff), with the provider's own error text.
import type { SmsSend } from "../domain/ports.js";

export class SmsSendError extends Error {
  /** Read by the relay (see Sink in events/relay.ts): a permanent refusal is dead-lettered without retries. */
  readonly permanent: boolean;
  /** Recorded in sms_sends by the relay (the send failed for good). */
  readonly delivery?: { sms?: SmsSend };

  constructor(name: string, message: string, permanent: boolean, delivery?: { sms?: SmsSend }) {
    super(message);
    this.name = name;
    this.permanent = permanent;
    if (delivery) this.delivery = delivery;
  }
}

/** Not sent yet, and not an attempt: the number's send rate is used up; the relay brings the entry back after deferMs. */
export class SmsDeferred extends Error {
  constructor(readonly deferMs: number, message: string) {
    super(message);
    this.name = "SmsRateLimited";
  }
}

/** The text of an outbound SMS: the Content of the item the outbox entry carries. */
export function smsBody(message: string): string {
  const body = (JSON.parse(message) as { Content?: unknown }).Content;
  if (typeof body !== "string") throw new SmsSendError("SmsSendError", "the outbox entry carries no text Content", true);
  return body;
}
