// Twilio's status callback (POST /channels/twilio/status, the StatusCallback every send carries): signed like the
// inbound webhook (its From is the destination's number), MessageSid finds the send in sms_sends, and MessageStatus
// becomes a delivery report on the chat: delivered → the customer's message.delivered receipt, failed/undelivered →
// a message agents see with Twilio's ErrorCode and ErrorMessage. Repeated callbacks change nothing.
import { ResourceNotFoundException, ValidationException } from "../api/errors.js";
import { Journal } from "../domain/chat-base.js";
import { SmsDeliveries, type DeliveryReport } from "../domain/sms-status.js";
import { verifiedTwilio, type TwilioInboundDeps, type TwilioNumber } from "./twilio-inbound.js";
import { TWILIO_STATUS_PATH } from "./sink.js";

/** Whether a request is for the status callback (its path, with or without a query). */
export const isTwilioStatus = (url: string | undefined): boolean =>
  url !== undefined && url.startsWith(TWILIO_STATUS_PATH) && (url.length === TWILIO_STATUS_PATH.length || url[TWILIO_STATUS_PATH.length] === "?");

/** Twilio's MessageStatus as a delivery report (https://www.twilio.com/docs/messaging/api/message-resource#message-status-values). */
export function twilioReport(form: URLSearchParams): DeliveryReport {
  const status = form.get("MessageStatus") ?? form.get("SmsStatus") ?? "";
  if (status === "delivered" || status === "read") return { kind: "delivered", status };
  if (status === "failed" || status === "undelivered") {
    const code = form.get("ErrorCode");
    const text = form.get("ErrorMessage");
    return { kind: "failed", status, error: `Twilio error ${code || "(no code)"}${text ? `: ${text}` : ""}` };
  }
  return { kind: "progress", status };
}

export class TwilioStatus {
  private readonly byNumber: Map<string, TwilioNumber>;

  constructor(private readonly deps: TwilioInboundDeps) {
    this.byNumber = new Map(deps.numbers.map((n) => [n.number, n]));
  }

  async handle(path: string, signature: string | undefined, body: string): Promise<string> {
    const form = new URLSearchParams(body);
    verifiedTwilio(this.byNumber, "From", this.deps.publicUrl, path, signature, form);
    const sid = form.get("MessageSid") ?? form.get("SmsSid");
    if (!sid) throw new ValidationException("MessageSid is required");
    if (!form.get("MessageStatus") && !form.get("SmsStatus")) throw new ValidationException("MessageStatus is required");
    const report = twilioReport(form);
    const journal = new Journal();
    await this.deps.store.tx(async (tx) => {
      const send = await tx.smsSendByProviderId("twilio", sid);
      if (!send) throw new ResourceNotFoundException(`No SMS sent by connect-chat has MessageSid '${sid}'`);
      await new SmsDeliveries(tx, this.deps.env, journal).report(send, report);
    });
    if (journal.items.length) this.deps.published(journal);
    return "";
  }
}
