// The reply box's rules: 1024 characters per message, counted as the server counts them (code points, so an
// emoji is one character, not two UTF-16 units); on SMS chats the segments and encoding the text takes (the
// server's own counter, src/shared/sms-segments.ts); why Send is disabled, in words; and what a screen reader
// hears — only when something that matters changes (segments, encoding, the limit), never per keystroke.
import { smsSegments, type Segments } from "../../shared/sms-segments.js";

export const SMS_LIMIT = 1024;

export function replyLength(text: string): { length: number; over: boolean; near: boolean; sendable: boolean } {
  const length = [...text].length;
  const over = length > SMS_LIMIT;
  return { length, over, near: !over && length > SMS_LIMIT * 0.9, sendable: text.trim() !== "" && !over };
}

export interface ReplyState {
  length: number;
  over: boolean;
  near: boolean;
  /** Only for SMS chats: what the text costs on the phone. */
  sms?: Segments & { perSegment: number };
  canSend: boolean;
  /** Why Send is disabled (undefined when it is not). */
  blocked?: string;
}

export interface ReplyContext {
  sms: boolean;
  ended: boolean;
  offline: boolean;
}

/** "connect:SMS" / "connect:sms" → an SMS chat. */
export const isSmsSubtype = (subtype: string | undefined) => /^connect:sms$/i.test(subtype ?? "");

export function replyState(text: string, ctx: ReplyContext): ReplyState {
  const { length, over, near, sendable } = replyLength(text);
  let sms: ReplyState["sms"];
  if (ctx.sms) {
    const s = smsSegments(text);
    const gsm = s.encoding === "GSM-7";
    sms = { ...s, perSegment: s.segments === 1 ? (gsm ? 160 : 70) : gsm ? 153 : 67 };
  }
  const blocked = ctx.ended
    ? "The chat has ended."
    : ctx.offline
      ? "Waiting for the connection."
      : over
        ? `Too long: ${length - SMS_LIMIT} characters over the ${SMS_LIMIT}-character limit.`
        : text.trim() === ""
          ? "Write a reply first."
          : undefined;
  return { length, over, near, sms, canSend: sendable && !blocked, blocked };
}

/** The counter as a sentence: "2 SMS segments, GSM-7" (for the live region and the visible label). */
export function segmentsLabel(s: Segments): string {
  return `${s.segments} SMS ${s.segments === 1 ? "segment" : "segments"}, ${s.encoding}`;
}

/**
 * What the polite live region says, or undefined for "nothing new": a change of segments or encoding, and crossing
 * the limit (either way). Typing inside one segment says nothing; an empty box resets to silence.
 */
export function announcement(prev: ReplyState | undefined, next: ReplyState): string | undefined {
  if (next.length === 0) return undefined;
  if (next.over !== !!prev?.over) return next.over ? `Over the ${SMS_LIMIT}-character limit.` : "Back within the limit.";
  if (!next.sms) return undefined;
  const before = prev && prev.length > 0 ? prev.sms : undefined;
  // The first character: worth saying only when it is not the ordinary one GSM-7 segment.
  if (!before) return next.sms.segments > 1 || next.sms.encoding !== "GSM-7" ? segmentsLabel(next.sms) : undefined;
  if (before.segments === next.sms.segments && before.encoding === next.sms.encoding) return undefined;
  return segmentsLabel(next.sms);
}
