// The queue: active chats, longest waiting first, refreshed by polling. ↑/↓ move, Enter joins, / filters.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Explained } from "../logic/errors.js";
import { awaitingReply, filterRows, type QueueRow } from "../logic/queue.js";
import { formatWaiting } from "../logic/time.js";
import { AlertSettings } from "./Notifications.js";
import type { QueueState } from "./Workspace.js";

export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

interface Props {
  state: QueueState;
  activeId: string;
  joining?: string;
  joinError?: Explained;
  onOpen: (row: QueueRow) => void;
  onSignOut: () => void;
  /** "Queue" (every chat, for administrators) or "My chats" (a signed-in agent's). */
  title?: string;
  /** What an empty list says, under "No active chats." */
  emptyHint?: string;
  /** Above and below the list: a signed-in agent's offers and queues. */
  top?: ComponentChildren;
  bottom?: ComponentChildren;
}

export function Queue({ state, activeId, joining, joinError, onOpen, onSignOut, title = "Queue", emptyHint = "New conversations appear here within a few seconds.", top, bottom }: Props) {
  const now = useNow();
  const [filter, setFilter] = useState("");
  const list = useRef<HTMLUListElement>(null);
  const rows = filterRows(state.rows, filter);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (e.key === "/" && !/INPUT|TEXTAREA/.test(t.tagName)) {
        e.preventDefault();
        document.getElementById("queue-filter")?.focus();
      }
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);

  const move = (e: KeyboardEvent) => {
    const items = [...(list.current?.querySelectorAll<HTMLElement>("[data-row]") ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = e.key === "ArrowDown" ? Math.min(items.length - 1, i + 1) : Math.max(0, i - 1);
      items[next]?.focus();
    }
  };

  return (
    <aside class="queue" aria-label={title}>
      {top}
      <div class="queue-head">
        <h2>
          {title} <span class="count" data-testid="queue-count">{state.rows.length}</span>
        </h2>
        <div class="filter">
          <input id="queue-filter" type="search" placeholder="Filter by number or message" aria-label="Filter chats" aria-keyshortcuts="/" value={filter} onInput={(e) => setFilter((e.target as HTMLInputElement).value)} onKeyDown={(e) => e.key === "ArrowDown" && (list.current?.querySelector<HTMLElement>("[data-row]")?.focus(), e.preventDefault())} />
          <kbd aria-hidden="true">/</kbd>
        </div>
      </div>
      {state.error && (
        <div class="alert" role="alert" data-testid="queue-error">
          <strong>{state.error.title}.</strong> {state.error.detail}
          {state.error.kind === "auth" && (
            <button class="ghost tiny" onClick={onSignOut}>
              Sign in again
            </button>
          )}
        </div>
      )}
      {joinError && (
        <div class="alert" role="alert">
          <strong>Could not join: {joinError.title}.</strong> {joinError.detail}
        </div>
      )}
      {state.loading ? (
        <ul class="rows" aria-busy="true">
          {[0, 1, 2].map((i) => <li key={i} class="row skeleton" />)}
        </ul>
      ) : rows.length === 0 ? (
        <div class="empty" data-testid="queue-empty">
          <p>{filter ? "No chat matches the filter." : "No active chats."}</p>
          <p class="muted">{filter ? "" : emptyHint}</p>
        </div>
      ) : (
        <ul class="rows" ref={list} onKeyDown={move} data-testid="queue">
          {rows.map((r) => (
            <li key={r.contactId}>
              <button
                data-row
                data-contact-id={r.contactId}
                class={`row ${r.contactId === activeId ? "current" : ""} ${state.fresh.has(r.contactId) ? "fresh" : ""} ${awaitingReply(r) ? "awaiting" : ""}`}
                onClick={() => onOpen(r)}
                aria-busy={joining === r.contactId}
              >
                <span class="row-top">
                  <span class="customer">{r.customer}</span>
                  <span class="wait" title="Waiting since the chat started">{formatWaiting(now - r.initiated)}</span>
                </span>
                <span class="row-mid">
                  <span class="pill">{r.subtype.replace(/^connect:/, "") || r.channel}</span>
                  {awaitingReply(r) && <span class="pill warn">Awaiting reply</span>}
                  {joining === r.contactId && <span class="muted">Joining…</span>}
                </span>
                <span class="last">
                  {r.lastRole && <span class="muted">{r.lastRole === "CUSTOMER" ? "" : `${r.lastRole.toLowerCase()}: `}</span>}
                  {r.lastMessage ?? <span class="muted">No messages yet</span>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {state.more && <p class="fine muted">Showing the first 1,000 chats of the last week.</p>}
      {bottom}
      <AlertSettings />
    </aside>
  );
}
