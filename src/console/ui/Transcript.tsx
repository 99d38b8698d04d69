// The transcript: messages as bubbles (ours on the right, with Sent/Delivered/Read), grouped by sender, a line
// per day, events as quiet lines, http(s) links clickable (new tab, no opener), each bubble's direction from its
// own text (dir="auto": Arabic or Hebrew reads right to left). It follows new items while you are at the bottom
// and leaves you alone when you scrolled up — then a "new messages" button says so and takes you down.
// A role="log" region: a screen reader announces what is added, once, not what changes (receipts, times).
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { linkify, transcriptRows } from "../logic/present.js";
import { sideOf } from "../logic/supervise.js";
import { receiptState, type Item } from "../logic/transcript.js";
import { SmsSendStatus } from "./SmsSendStatus.js";
import { formatClock } from "../logic/time.js";

const EVENT_TEXT: Record<string, string> = {
  "participant.joined": "joined",
  "participant.left": "left",
  "chat.ended": "Chat ended",
  "transfer.succeeded": "Transferred",
};

function eventLine(i: Item): string | undefined {
  const kind = i.ContentType?.replace("application/vnd.amazonaws.connect.event.", "") ?? "";
  const text = EVENT_TEXT[kind];
  if (!text) return undefined;
  if (kind === "chat.ended") return text;
  const who = `${i.DisplayName ?? i.ParticipantRole ?? "Someone"}${i.ParticipantRole === "SUPERVISOR" && i.DisplayName ? " (supervisor)" : ""}`;
  return `${who} ${text}`;
}

export function Text({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((p, i) =>
        p.href ? (
          <a key={i} href={p.href} target="_blank" rel="noopener noreferrer">
            {p.text}
          </a>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

interface Props {
  items: Item[];
  me: string;
  loading: boolean;
  /** What had been seen when the tab came to front: the "New messages" line goes after it. */
  seenAt?: number;
  /** Renders an attachment item (ui/Attachment.tsx), when the chat has them. */
  attachment?: (i: Item) => preact.ComponentChild;
}

export function Transcript({ items, me, loading, seenAt, attachment }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [missed, setMissed] = useState(0);
  const seenCount = useRef(items.length);
  const rows = useMemo(() => transcriptRows(items, me, seenAt, new Date()), [items, me, seenAt]);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
      seenCount.current = items.length;
    } else {
      // Scrolled up: count what the others added meanwhile, for the button.
      const fresh = items.slice(seenCount.current).filter((i) => i.Type === "MESSAGE" && i.ParticipantId !== me).length;
      if (fresh) setMissed((n) => n + fresh);
      seenCount.current = items.length;
    }
  }, [items]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const onScroll = () => {
      atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      if (atBottom.current) setMissed(0);
    };
    el.addEventListener("scroll", onScroll);
    return () => el.removeEventListener("scroll", onScroll);
  }, []);
  const toBottom = () => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setMissed(0);
  };

  return (
    <div class="transcript-wrap">
      <div class="transcript" ref={box} role="log" aria-label="Transcript" aria-busy={loading} data-testid="transcript" tabIndex={0}>
        <ol class="items">
        {loading && <li class="event muted">Loading the transcript…</li>}
        {rows.map((r) => {
          if (r.kind === "date")
            return (
              <li key={r.key} class="day" data-testid="day">
                <span>{r.label}</span>
              </li>
            );
          if (r.kind === "marker")
            return (
              <li key={r.key} class="marker" data-testid="new-marker">
                <span>New messages</span>
              </li>
            );
          const i = r.item;
          if (r.kind === "event") {
            const line = eventLine(i);
            return line ? (
              <li key={r.key} class="event">
                {line} <time class="muted">{formatClock(i.AbsoluteTime)}</time>
              </li>
            ) : null;
          }
          const mine = i.ParticipantId === me;
          const role = (i.ParticipantRole ?? "").toLowerCase();
          // A supervisor's message is theirs, but never drawn like the customer's: its own side class and a badge.
          const side = sideOf(i.ParticipantRole, mine);
          const state = mine ? receiptState(i) : undefined;
          const body = i.Type === "ATTACHMENT" && attachment ? attachment(i) : <Text text={i.Content ?? ""} />;
          return (
            <li
              key={r.key}
              class={`msg ${side === "mine" ? "mine" : side === "supervisor" ? "theirs supervisor" : "theirs"} role-${role} ${r.first ? "first" : "cont"} ${i.pending ? "pending" : ""} ${i.failed ? "failed" : ""}`}
              data-role={i.ParticipantRole}
              data-testid="message"
            >
              {!mine && r.first && (
                <span class="who">
                  {i.DisplayName ?? i.ParticipantRole}
                  {side === "supervisor" && <span class="role-badge" data-testid="supervisor-badge"> Supervisor</span>}
                </span>
              )}
              <div class="bubble" dir="auto">
                {body}
              </div>
              {(r.last || mine || i.pending || i.failed) && (
                <span class="meta">
                  <time dateTime={i.AbsoluteTime}>{formatClock(i.AbsoluteTime)}</time>
                  {i.pending && " · Sending…"}
                  {i.failed && " · Not sent"}
                  {state && (
                    <span class={`receipt ${state}`} data-testid="receipt">
                      {" "}
                      · {state === "read" ? "Read" : state === "delivered" ? "Delivered" : "Sent"}
                    </span>
                  )}
                  <SmsSendStatus item={i} me={me} />
                </span>
              )}
            </li>
          );
        })}
        </ol>
      </div>
      {missed > 0 && (
        <button class="jump" onClick={toBottom} data-testid="jump-new">
          {missed} new {missed === 1 ? "message" : "messages"} ↓
        </button>
      )}
    </div>
  );
}
