// The transcript: messages as bubbles (ours on the right, with Sent/Delivered/Read), events as quiet lines.
// It follows new items while you are at the bottom and leaves you alone when you scrolled up.
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import { receiptState, type Item } from "../logic/transcript.js";
import { formatClock } from "../logic/time.js";
import { SmsSendStatus } from "./SmsSendStatus.js";

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
  return kind === "chat.ended" ? text : `${i.DisplayName ?? i.ParticipantRole ?? "Someone"} ${text}`;
}

export function Transcript({ items, me, loading }: { items: Item[]; me: string; loading: boolean }) {
  const box = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);

  useLayoutEffect(() => {
    const el = box.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [items]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const onScroll = () => (atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40);
    el.addEventListener("scroll", onScroll);
    return () => el.removeEventListener("scroll", onScroll);
  }, []);

  return (
    <ol class="transcript" ref={box} aria-label="Transcript" aria-live="polite" aria-busy={loading} data-testid="transcript" tabIndex={0}>
      {loading && <li class="event muted">Loading the transcript…</li>}
      {items.map((i) => {
        if (i.Type !== "MESSAGE") {
          const line = eventLine(i);
          return line ? (
            <li key={i.Id} class="event">
              {line} <time class="muted">{formatClock(i.AbsoluteTime)}</time>
            </li>
          ) : null;
        }
        const mine = i.ParticipantId === me;
        const role = (i.ParticipantRole ?? "").toLowerCase();
        const state = mine ? receiptState(i) : undefined;
        return (
          <li key={i.Id} class={`msg ${mine ? "mine" : "theirs"} role-${role} ${i.pending ? "pending" : ""} ${i.failed ? "failed" : ""}`} data-role={i.ParticipantRole} data-testid="message">
            {!mine && <span class="who">{i.DisplayName ?? i.ParticipantRole}</span>}
            <div class="bubble">{i.Content}</div>
            <span class="meta">
              <time dateTime={i.AbsoluteTime}>{formatClock(i.AbsoluteTime)}</time>
              {i.pending && " · Sending…"}
              {i.failed && " · Not sent"}
              {state && <span class={`receipt ${state}`} data-testid="receipt"> · {state === "read" ? "Read" : state === "delivered" ? "Delivered" : "Sent"}</span>}
              <SmsSendStatus item={i} me={me} />
            </span>
          </li>
        );
      })}
    </ol>
  );
}
