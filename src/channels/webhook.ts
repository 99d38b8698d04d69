// provider: webhook — each outbound SMS as a JSON POST to the destination's sms.webhook, signed exactly as the
// streaming webhooks are (X-Connect-Chat-Signature over "<timestamp>.<body>"), for gateways connect-chat has no
// adapter for. X-Connect-Chat-Item-Id is the receiver's idempotency key.
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from "../events/sinks.js";
import { SmsSendError } from "./errors.js";

export interface SmsWebhookMessage {
  To: string;
  From: string;
  Body: string;
  ItemId: string;
  InitialContactId: string;
  ContactId: string;
  DestinationId: string;
  /** An agent's attachment: its link (Body has its name and the link too). */
  MediaUrl?: string;
  MediaContentType?: string;
}

/** A 2xx is a send; 4xx other than 408/429 a permanent refusal; anything else is retried. */
export async function webhookSend(hook: { url: string; secret: string }, m: SmsWebhookMessage, now = Date.now, timeoutMs = 10_000): Promise<void> {
  const body = JSON.stringify(m);
  const timestamp = String(Math.floor(now() / 1000));
  let res: Response;
  try {
    res = await fetch(hook.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: webhookSignature(hook.secret, timestamp, body),
        "x-connect-chat-item-id": m.ItemId,
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
  } catch (e) {
    throw new SmsSendError("SmsWebhookUnreachable", `SMS webhook request failed: ${(e as Error).message}`, false);
  }
  if (res.status >= 200 && res.status < 300) return;
  const permanent = res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 408;
  throw new SmsSendError("SmsWebhookError", `SMS webhook answered HTTP ${res.status}`, permanent);
}
