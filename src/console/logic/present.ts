// How a transcript reads, pure: links found in message text (http and https only), messages grouped by sender,
// date separators (a chat can last 25 hours, so it can span days), the "new messages" marker, and the API's
// reason codes as words. The UI (ui/Transcript.tsx, ui/Details.tsx) renders what these return.
import type { Item } from "./transcript.js";

export type Piece = { text: string; href?: undefined } | { text: string; href: string };

const URLISH = /\bhttps?:\/\/[^\s<>"'`]+/gi;

/**
 * The text split into plain pieces and links. Only http(s) URLs become links (never javascript:, data: …); a URL
 * ends before trailing punctuation (a sentence's full stop, a closing parenthesis it did not open).
 */
export function linkify(text: string): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of text.matchAll(URLISH)) {
    let url = m[0];
    // Trailing punctuation belongs to the sentence; a ")" only to the URL when it opened one.
    for (;;) {
      const end = url.at(-1)!;
      if (/[.,;:!?]/.test(end)) url = url.slice(0, -1);
      else if (end === ")" && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) url = url.slice(0, -1);
      else break;
    }
    let href: string | undefined;
    try {
      const u = new URL(url);
      if (u.protocol === "http:" || u.protocol === "https:") href = u.href;
    } catch {
      href = undefined;
    }
    if (!href) continue;
    const at = m.index!;
    if (at > last) out.push({ text: text.slice(last, at) });
    out.push({ text: url, href });
    last = at + url.length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

export type Row =
  | { kind: "date"; key: string; label: string }
  | { kind: "marker"; key: string }
  | { kind: "event"; key: string; item: Item }
  | { kind: "message"; key: string; item: Item; /** First of a run by one sender: show who. */ first: boolean; /** Last of the run: show the time. */ last: boolean };

/** Messages of one sender closer than this stay in one group. */
const GROUP_MS = 5 * 60_000;

/** Messages and attachments are bubbles; everything else is an event line. */
export const isMessage = (i: Item) => i.Type === "MESSAGE" || i.Type === "ATTACHMENT";

const dayOf = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;

/** "Today", "Yesterday", or the date in the viewer's words ("Mon, 1 Dec 2026" style, by locale). */
export function dayLabel(at: Date, now: Date, locale?: string): string {
  if (dayOf(at) === dayOf(now)) return "Today";
  const y = new Date(now);
  y.setDate(y.getDate() - 1);
  if (dayOf(at) === dayOf(y)) return "Yesterday";
  return at.toLocaleDateString(locale, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
}

/**
 * The rows to render: a date line before the first item of each day, the marker before the first message of
 * the others newer than `seenAt` (when there is one and seenAt is known), and messages flagged first/last of
 * their sender's run (a run breaks at another sender, an event, a new day, or a pause of 5 minutes).
 */
export function transcriptRows(items: readonly Item[], me: string, seenAt: number | undefined, now: Date, locale?: string): Row[] {
  const rows: Row[] = [];
  let day = "";
  let marked = false;
  let prev: Item | undefined;
  for (const item of items) {
    const at = new Date(Date.parse(item.AbsoluteTime) || 0);
    const d = dayOf(at);
    const isMsg = isMessage(item);
    let breaks = !prev || !isMessage(prev) || !isMsg || prev.ParticipantId !== item.ParticipantId || at.getTime() - (Date.parse(prev.AbsoluteTime) || 0) > GROUP_MS;
    if (d !== day) {
      rows.push({ kind: "date", key: `date-${d}`, label: dayLabel(at, now, locale) });
      day = d;
      breaks = true;
    }
    if (!marked && seenAt !== undefined && seenAt > 0 && isMsg && item.ParticipantId !== me && !item.pending && at.getTime() > seenAt) {
      rows.push({ kind: "marker", key: "new-marker" });
      marked = true;
      breaks = true;
    }
    if (isMsg) {
      const last = rows.at(-1);
      if (!breaks && last?.kind === "message") last.last = false;
      rows.push({ kind: "message", key: item.Id, item, first: breaks, last: true });
    } else rows.push({ kind: "event", key: item.Id, item });
    prev = item;
  }
  return rows;
}

const REASONS: Record<string, string> = {
  CUSTOMER_DISCONNECT: "Customer disconnected",
  AGENT_DISCONNECT: "Agent disconnected",
  API: "Ended by an agent",
  EXPIRED: "Chat duration ran out",
  CONTACT_FLOW_DISCONNECT: "Ended by the flow",
  THIRD_PARTY_DISCONNECT: "Third party disconnected",
  TELECOM_PROBLEM: "Network problem",
  BARGED: "A supervisor took over",
  OTHER: "Other reason",
};

/** An API reason code as words: known codes as sentences, unknown ones de-shouted ("SOME_CODE" → "Some code"). */
export function reasonText(code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (REASONS[code]) return REASONS[code];
  const words = code.toLowerCase().replace(/_/g, " ").trim();
  return words ? words[0].toUpperCase() + words.slice(1) : undefined;
}
