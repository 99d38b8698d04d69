// The rules of SPEC §3 that the model alone does not express, as data: content types and their limits,
// subtypes, identifiers. Each rule names the field it guards in its error message.
import { InvalidRequestException } from "../api/errors.js";
import { charLength, utf8Length } from "../api/text.js";

export const EVENT_PREFIX = "application/vnd.amazonaws.connect.event.";
export const CT = {
  typing: `${EVENT_PREFIX}typing`,
  ack: `${EVENT_PREFIX}connection.acknowledged`,
  delivered: `${EVENT_PREFIX}message.delivered`,
  read: `${EVENT_PREFIX}message.read`,
  joined: `${EVENT_PREFIX}participant.joined`,
  left: `${EVENT_PREFIX}participant.left`,
  ended: `${EVENT_PREFIX}chat.ended`,
  metadata: `${EVENT_PREFIX}message.metadata`,
  interactive: "application/vnd.amazonaws.connect.message.interactive",
  interactiveResponse: "application/vnd.amazonaws.connect.message.interactive.response",
} as const;

// Every table below is looked up with names from requests: Maps, never object literals, so a name such as
// `constructor` or `__proto__` finds nothing instead of something inherited from Object.prototype.

/** Message content types a participant may send, with the maximum Content length in characters. */
export const MESSAGE_CONTENT_LIMITS: ReadonlyMap<string, number> = new Map([
  ["text/plain", 1024],
  ["text/markdown", 1024],
  ["application/json", 12000],
  [CT.interactiveResponse, 12288],
]);

/** Values allowed in SupportedMessagingContentTypes (text/plain is mandatory). */
export const SUPPORTED_MESSAGING_CONTENT_TYPES: ReadonlySet<string> = new Set([
  "text/plain",
  "text/markdown",
  "application/json",
  CT.interactive,
  CT.interactiveResponse,
]);

/** Event content types and whether they carry Content ({"messageId": ...}). */
export const EVENT_CONTENT_TYPES: ReadonlyMap<string, { receipt?: "DeliveredTimestamp" | "ReadTimestamp" }> = new Map([
  [CT.typing, {}],
  [CT.ack, {}],
  [CT.delivered, { receipt: "DeliveredTimestamp" as const }],
  [CT.read, { receipt: "ReadTimestamp" as const }],
]);

/** Subtypes of SendChatIntegrationEvent, keyed by their lower-case form, with the segment-attribute value. */
export const SUBTYPES: ReadonlyMap<string, { canonical: string; textOnly: boolean; e164: boolean }> = new Map([
  ["connect:sms", { canonical: "connect:SMS", textOnly: true, e164: true }],
  ["connect:whatsapp", { canonical: "connect:WhatsApp", textOnly: true, e164: true }],
]);

export const E164 = /^\+[1-9][0-9]{1,14}$/;
export const ATTRIBUTE_KEY = /^[A-Za-z0-9_-]+$/;
export const ATTRIBUTES_MAX_BYTES = 32768;
export const SNS_TOPIC_ARN = /^arn:(aws[a-zA-Z-]*):sns:([a-z0-9-]+):([0-9]{12}):([A-Za-z0-9_-]{1,256}(?:\.fifo)?)$/;
export const DEFAULT_CHAT_MINUTES = 25 * 60;
export const DEFAULT_DISPLAY_NAME = "Customer";
export const MAX_STREAMING_ENDPOINTS = 2;

/** How much of the newest message a contact search shows (characters = code points). */
export const LAST_MESSAGE_CHARS = 200;

/** The first LAST_MESSAGE_CHARS code points; a string of no more UTF-16 units has no more code points, so most
 * messages are kept as they are without splitting them into an array of characters. */
export function clipLastMessage(content: string): string {
  return content.length <= LAST_MESSAGE_CHARS ? content : Array.from(content).slice(0, LAST_MESSAGE_CHARS).join("");
}

const invalid = (message: string) => new InvalidRequestException(message);
/** A member's name under its parent ("Event.ContentType"), or alone for top-level members. */
const at = (parent: string, member: string) => (parent ? `${parent}.${member}` : member);

export function subtypeRule(field: string, subtype: string | undefined) {
  if (subtype === undefined) return undefined;
  const rule = SUBTYPES.get(subtype.toLowerCase());
  if (!rule) throw invalid(`${field} '${subtype}' is not supported; supported values: connect:sms, connect:WhatsApp`);
  return rule;
}

/** A message's ContentType and Content against the participant service's table and the chat's own list. */
export function checkMessage(field: string, contentType: string | undefined, content: string | undefined, allowed: readonly string[], textOnly: boolean) {
  if (contentType === undefined) throw invalid(`${at(field, "ContentType")} is required when ${at(field, "Type")} is MESSAGE`);
  if (content === undefined) throw invalid(`${at(field, "Content")} is required when ${at(field, "Type")} is MESSAGE`);
  const max = MESSAGE_CONTENT_LIMITS.get(contentType);
  if (max === undefined)
    throw invalid(`${at(field, "ContentType")} '${contentType}' is not a message content type; valid values: ${[...MESSAGE_CONTENT_LIMITS.keys()].join(", ")}`);
  if (textOnly && contentType !== "text/plain")
    throw invalid(`${at(field, "ContentType")} '${contentType}' is not supported for SMS and WhatsApp chats; only text/plain is`);
  if (!allowed.includes(contentType))
    throw invalid(`${at(field, "ContentType")} '${contentType}' is not in the chat's SupportedMessagingContentTypes (${allowed.join(", ")})`);
  const len = content.length <= max ? content.length : charLength(content);
  if (len > max) throw invalid(`${at(field, "Content")} has ${len} characters; at most ${max} are allowed for ${contentType}`);
  if (len < 1) throw invalid(`${at(field, "Content")} must not be empty`);
}

/** An event's ContentType, and for receipts the messageId its Content names. */
export function checkEvent(field: string, contentType: string | undefined, content: string | undefined): { receipt?: "DeliveredTimestamp" | "ReadTimestamp"; messageId?: string } {
  if (contentType === undefined) throw invalid(`${at(field, "ContentType")} is required when ${at(field, "Type")} is EVENT`);
  const rule = EVENT_CONTENT_TYPES.get(contentType);
  if (!rule) throw invalid(`${at(field, "ContentType")} '${contentType}' is not an event content type; valid values: ${[...EVENT_CONTENT_TYPES.keys()].join(", ")}`);
  if (!rule.receipt) return {};
  if (content === undefined) throw invalid(`${at(field, "Content")} is required for ${contentType}: {"messageId": "<Id of a message>"}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw invalid(`${at(field, "Content")} must be JSON {"messageId": "<Id of a message>"} for ${contentType}`);
  }
  const messageId = (parsed as { messageId?: unknown } | null)?.messageId;
  if (typeof messageId !== "string" || messageId.length === 0 || messageId.length > 256)
    throw invalid(`${at(field, "Content")} must be JSON {"messageId": "<Id of a message>"} for ${contentType}`);
  return { receipt: rule.receipt, messageId };
}

export function checkSupportedContentTypes(field: string, types: readonly string[]) {
  if (!types.includes("text/plain")) throw invalid(`${field} must include text/plain`);
  for (const t of types)
    if (!SUPPORTED_MESSAGING_CONTENT_TYPES.has(t))
      throw invalid(`${field} value '${t}' is not supported; valid values: ${[...SUPPORTED_MESSAGING_CONTENT_TYPES].join(", ")}`);
}

export function checkAttributes(field: string, attributes: Record<string, string>) {
  let bytes = 0;
  for (const [k, v] of Object.entries(attributes)) {
    if (!ATTRIBUTE_KEY.test(k)) throw invalid(`${field} key '${k}' may contain only letters, digits, '-' and '_'`);
    bytes += utf8Length(k) + utf8Length(v);
  }
  if (bytes > ATTRIBUTES_MAX_BYTES)
    throw invalid(`${field} total ${bytes} UTF-8 bytes of keys and values; at most ${ATTRIBUTES_MAX_BYTES} are allowed`);
}

export function checkTopicArn(field: string, arn: string, region: string) {
  const m = SNS_TOPIC_ARN.exec(arn);
  if (!m) throw invalid(`${field} '${arn}' is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)`);
  if (m[2] !== region) throw invalid(`${field} '${arn}' is in region ${m[2]}; the topic must be in ${region}, the instance's region`);
}
