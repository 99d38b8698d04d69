// Twilio's inbound SMS webhook (POST /channels/twilio, form-encoded): the To number picks the destination by its
// sms.number, X-Twilio-Signature is checked with that destination's auth token, and the text becomes a
// SendChatIntegrationEvent MESSAGE (Subtype connect:sms, SourceId = From) in one transaction, with MessageSid as
// the idempotency key (Twilio retries a webhook that timed out). The answer is empty TwiML: replies go out through
// the outbox, not in the webhook's answer.
import { createHmac, timingSafeEqual } from "node:crypto";
import { AccessDeniedException, ValidationException } from "../api/errors.js";
import { takeInboundSms, type InboundDeps } from "./inbound.js";

export const TWILIO_INBOUND_PATH = "/channels/twilio";
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
/** Whether a request is for the inbound webhook (its path, with or without a query); cheap on every request. */
export const isTwilioInbound = (url: string | undefined): boolean =>
  url !== undefined && url.startsWith(TWILIO_INBOUND_PATH) && (url.length === TWILIO_INBOUND_PATH.length || url[TWILIO_INBOUND_PATH.length] === "?");

/** A destination Twilio may deliver to: its number, account and the auth token its webhooks are signed with. */
export interface TwilioNumber {
  number: string;
  accountId: string;
  destinationId: string;
  accountSid: string;
  authToken: string;
}

/**
 * X-Twilio-Signature as Twilio computes it: base64 HMAC-SHA1, keyed with the auth token, over the full URL it
 * called followed by every POST parameter, sorted by name, as name then value with no separators.
 */
export function twilioSignature(authToken: string, url: string, params: Iterable<[string, string]>): string {
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let data = url;
  for (const [k, v] of sorted) data += k + v;
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

/**
 * The destination a signed Twilio request is for: the number in `field` (To for inbound messages, From for status
 * callbacks) picks it, and X-Twilio-Signature must be its auth token's over publicUrl + path + the form, with its
 * AccountSid. Throws AccessDenied (403, nothing stored) otherwise.
 */
export function verifiedTwilio(
  byNumber: ReadonlyMap<string, TwilioNumber>, field: "To" | "From", publicUrl: string | undefined, path: string, signature: string | undefined, form: URLSearchParams,
): TwilioNumber {
  const number = form.get(field) ?? "";
  const route = byNumber.get(number);
  if (!publicUrl) throw new AccessDeniedException("server.publicUrl is not configured, so Twilio's signature cannot be checked");
  if (!route) throw new AccessDeniedException(`${field} '${number}' is not the sms.number of any destination with a Twilio provider`);
  const expected = twilioSignature(route.authToken, publicUrl + path, form.entries());
  const given = Buffer.from(signature ?? "");
  if (given.length !== Buffer.byteLength(expected) || !timingSafeEqual(given, Buffer.from(expected)))
    throw new AccessDeniedException("X-Twilio-Signature does not match the request");
  if (form.get("AccountSid") !== route.accountSid) throw new AccessDeniedException("AccountSid is not this destination's Twilio account");
  return route;
}

export interface TwilioInboundDeps extends InboundDeps {
  numbers: readonly TwilioNumber[];
  /** server.publicUrl: Twilio signs the URL it was given, which is this plus the request's path. */
  publicUrl?: string;
}

export class TwilioInbound {
  private readonly byNumber: Map<string, TwilioNumber>;

  constructor(private readonly deps: TwilioInboundDeps) {
    this.byNumber = new Map(deps.numbers.map((n) => [n.number, n]));
  }

  /** Handles one webhook: resolves with the TwiML to answer, or throws an AwsError (403 bad signature, …). */
  async handle(path: string, signature: string | undefined, body: string): Promise<string> {
    const form = new URLSearchParams(body);
    const route = verifiedTwilio(this.byNumber, "To", this.deps.publicUrl, path, signature, form);
    const sid = form.get("MessageSid") ?? form.get("SmsSid");
    const from = form.get("From");
    if (!sid) throw new ValidationException("MessageSid is required");
    if (!from) throw new ValidationException("From is required");
    await takeInboundSms(this.deps, { accountId: route.accountId, destinationId: route.destinationId, from, content: contentOf(form), key: sid, operation: "TwilioInbound" });
    return EMPTY_TWIML;
  }
}

/** The text, and for MMS one line per attachment so the agent sees that one arrived, with its link. */
function contentOf(form: URLSearchParams): string {
  const lines = [form.get("Body") ?? ""];
  const media = Number(form.get("NumMedia") ?? 0);
  for (let i = 0; i < media && i < 10; i++) {
    const url = form.get(`MediaUrl${i}`);
    if (url) lines.push(`[Attachment${form.get(`MediaContentType${i}`) ? ` ${form.get(`MediaContentType${i}`)}` : ""}: ${url}]`);
  }
  return lines.filter((l) => l !== "").join("\n");
}
