// Twilio's Messages API: POST {baseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP basic auth
// AccountSid:AuthToken, form-encoded From/To/Body/StatusCallback; 201 with the Message resource ({sid, status, …}),
// or an error {code, message, more_info, status}. Plain fetch, not the `twilio` package (6.x: the generated client
// of every Twilio product plus axios, dayjs, https-proxy-agent, jsonwebtoken, qs, xmlbuilder) for one POST whose
// retries the outbox owns, and one HMAC (twilio-inbound.ts).
import { SmsSendError } from "./errors.js";

export interface TwilioAccount {
  accountSid: string;
  authToken: string;
  baseUrl: string;
}

export interface TwilioMessage {
  from: string;
  to: string;
  body: string;
  statusCallback?: string;
  /** MMS: a URL Twilio fetches the file from (Twilio's MMS Converter sends a link where MMS cannot go). */
  mediaUrl?: string;
}

interface TwilioError {
  code?: number;
  message?: string;
  more_info?: string;
  status?: number;
}

/**
 * Sends one message; resolves with Twilio's sid and status. Twilio's Messages API has no idempotency key: a request
 * that timed out may have been accepted, and its retry then sends the text twice (at least once, never at most
 * once). A definite refusal (4xx other than 429) is permanent and never retried; 429, 5xx and network errors are.
 */
export async function twilioSend(account: TwilioAccount, m: TwilioMessage, timeoutMs = 10_000): Promise<{ sid: string; status: string }> {
  const form = new URLSearchParams({ From: m.from, To: m.to, Body: m.body });
  if (m.statusCallback) form.set("StatusCallback", m.statusCallback);
  if (m.mediaUrl) form.set("MediaUrl", m.mediaUrl);
  const url = `${account.baseUrl.replace(/\/+$/, "")}/2010-04-01/Accounts/${encodeURIComponent(account.accountSid)}/Messages.json`;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: form.toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (e) {
    throw new SmsSendError("TwilioUnreachable", `Twilio request failed: ${(e as Error).message}`, false);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (res.status >= 200 && res.status < 300) {
    const sid = (json as { sid?: unknown } | undefined)?.sid;
    if (typeof sid !== "string") throw new SmsSendError("TwilioBadAnswer", `Twilio answered HTTP ${res.status} without a message sid`, false);
    return { sid, status: String((json as { status?: unknown }).status ?? "queued") };
  }
  const err = (json ?? {}) as TwilioError;
  const permanent = res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 408;
  const what = err.message ?? (text.slice(0, 200) || "no error text");
  const detail = `Twilio error ${err.code ?? "(no code)"}: ${what} (HTTP ${res.status}${err.more_info ? `, ${err.more_info}` : ""})`;
  throw new SmsSendError("TwilioError", detail, permanent);
}
