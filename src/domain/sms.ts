// SMS rules of the domain: segment counting (GSM-7 vs UCS-2), which items go out to the customer's phone, and
// the maximum-segments check made before an agent's reply is stored.
import { ValidationException } from "../api/errors.js";
import type { Contact, Destination, Item, ParticipantRole } from "./types.js";

// Segment counting is shared with the agent console (its reply box counts as the server checks).
import { smsSegments } from "../shared/sms-segments.js";
export { smsSegments, type Segments } from "../shared/sms-segments.js";

export const DEFAULT_MAX_SEGMENTS = 10;

/**
 * Who speaks to the customer's phone: agents, bots, the system (flows) and a supervisor who barged in (a silent
 * monitor cannot send: domain/monitor.ts). Never the customer itself.
 */
const OUTBOUND_ROLES: ReadonlySet<ParticipantRole | undefined> = new Set<ParticipantRole | undefined>(["AGENT", "CUSTOM_BOT", "SYSTEM", "SUPERVISOR"]);

/** An SMS chat (SendChatIntegrationEvent with Subtype connect:sms) whose destination has an SMS provider. */
export function smsChannel(chat: Contact, destination: Destination | undefined): destination is Destination & { sms: NonNullable<Destination["sms"]> } {
  return !!destination?.sms && chat.identity?.subtypeKey === "connect:sms";
}

/** Whether an item goes out by SMS: a MESSAGE or ATTACHMENT (MMS or a link) by an outbound role that the customer can see. */
export function goesOutBySms(item: Item): boolean {
  return (item.body.Type === "MESSAGE" || item.body.Type === "ATTACHMENT") && OUTBOUND_ROLES.has(item.body.ParticipantRole) && item.visibility !== "AGENT";
}

/**
 * sms.split: the text as consecutive parts of at most `maxSegments` segments each, every part as long as it can be,
 * broken after the last whitespace of a part when there is one (words stay whole), never inside a character.
 * Joined, the parts are the text again.
 */
export function splitSms(text: string, maxSegments: number): string[] {
  const chars = [...text];
  const parts: string[] = [];
  let start = 0;
  while (start < chars.length) {
    // The longest prefix of the rest that fits (segments grow with length): binary search on its end.
    let lo = start + 1;
    let hi = chars.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (smsSegments(chars.slice(start, mid).join("")).segments <= maxSegments) lo = mid;
      else hi = mid - 1;
    }
    let end = lo;
    if (end < chars.length) {
      for (let i = end - 1; i > start; i--)
        if (/\s/.test(chars[i])) {
          end = i + 1;
          break;
        }
    }
    parts.push(chars.slice(start, end).join(""));
    start = end;
  }
  return parts.length ? parts : [text];
}

/** Refuses (before anything is stored) a reply longer than the destination's sms.maxSegments, unless it is split. */
export function checkSmsLength(role: ParticipantRole, content: string, maxSegments: number, split = false): void {
  if (!OUTBOUND_ROLES.has(role) || split) return;
  const s = smsSegments(content);
  if (s.segments > maxSegments)
    throw new ValidationException(
      `Content is ${s.segments} SMS segments long (${s.units} ${s.encoding === "GSM-7" ? "GSM-7 septets" : "UCS-2 units"}); ` +
        `this chat's SMS destination allows at most ${maxSegments} segments per message (sms.maxSegments; sms.split sends longer ones in parts)`,
    );
}
