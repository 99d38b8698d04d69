// The tab strip of open chats: the customer's number, an unread badge, a status dot, and a close button.
// A WAI-ARIA tab list: only the tab in front is in the Tab order; ←/→, Home and End move between tabs and bring
// the chat to front; Delete (or Alt+W) closes the one in front. The × buttons are for the mouse (out of the Tab
// order and of the accessibility tree, so the list holds tabs only).
import { useEffect, useRef, useState } from "preact/hooks";
import type { ChatConn } from "../chat.js";
import type { TabRef } from "../session.js";

interface Props {
  tabs: TabRef[];
  active: string;
  conns: Map<string, ChatConn>;
  connOf: (t: TabRef) => ChatConn;
  onSelect: (id: string) => void;
  onClose: (id: string) => void;
  /** The list's tab on narrow screens: "Queue", or a signed-in agent's "My chats" (with their offers counted). */
  home?: string;
  offers?: number;
}

export const tabId = (id: string) => `tab-${id}`;
export const PANEL_ID = "chat-panel";

const STATUS: Record<string, string> = { connecting: "connecting", live: "live", reconnecting: "reconnecting", ended: "ended", error: "disconnected" };

export function Tabs({ tabs, active, connOf, onSelect, onClose, home = "Queue", offers = 0 }: Props) {
  const onKeyDown = (e: KeyboardEvent) => {
    const list = e.currentTarget as HTMLElement;
    // Tabs that are displayed (the Queue tab shows on narrow screens only).
    const all = [...list.querySelectorAll<HTMLElement>('[role="tab"]')].filter((t) => t.offsetParent !== null);
    const i = all.indexOf(document.activeElement as HTMLElement);
    if (i < 0) return;
    const to = e.key === "ArrowRight" ? (i + 1) % all.length : e.key === "ArrowLeft" ? (i - 1 + all.length) % all.length : e.key === "Home" ? 0 : e.key === "End" ? all.length - 1 : -1;
    if (to >= 0) {
      e.preventDefault();
      all[to].focus();
      onSelect(all[to].dataset.id!);
    } else if (e.key === "Delete" && active !== "queue") {
      e.preventDefault();
      onClose(active);
    }
  };
  return (
    <div class={`tabs ${tabs.length ? "" : "none"}`} role="tablist" aria-label="Chats" onKeyDown={onKeyDown}>
      <button
        role="tab"
        id={tabId("queue")}
        data-id="queue"
        class={`tab queue-tab ${active === "queue" ? "active" : ""}`}
        aria-selected={active === "queue"}
        aria-controls={PANEL_ID}
        tabIndex={active === "queue" ? 0 : -1}
        onClick={() => onSelect("queue")}
      >
        {home}
        {offers > 0 && (
          <span class="badge" data-testid="offers-badge">
            {offers}
            <span class="sr-only"> {offers === 1 ? "chat offered" : "chats offered"}</span>
          </span>
        )}
      </button>
      {tabs.map((t, i) => (
        <Tab key={t.contactId} tab={t} index={i} conn={connOf(t)} selected={t.contactId === active} onSelect={onSelect} onClose={onClose} />
      ))}
    </div>
  );
}

function Tab({ tab, index, conn, selected, onSelect, onClose }: { tab: TabRef; index: number; conn: ChatConn; selected: boolean; onSelect: (id: string) => void; onClose: (id: string) => void }) {
  const [, tick] = useState(0);
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => conn.subscribe(() => tick((n) => n + 1)), [conn]);
  // The strip scrolls sideways on narrow screens: the tab in front is always in view.
  useEffect(() => void (selected && ref.current?.scrollIntoView?.({ block: "nearest", inline: "nearest" })), [selected]);
  const { status, unread } = conn.state;
  const shownUnread = unread > 0 && !selected;
  return (
    <div class={`tab ${selected ? "active" : ""}`} data-testid="chat-tab" role="presentation">
      <button
        role="tab"
        ref={ref}
        id={tabId(tab.contactId)}
        data-id={tab.contactId}
        aria-selected={selected}
        aria-controls={PANEL_ID}
        tabIndex={selected ? 0 : -1}
        aria-keyshortcuts={`Alt+${index + 1}`}
        title={`Alt+${index + 1} · Delete closes`}
        // The name says it all once: number, state, unread (the dot and badge are pictures of it).
        aria-label={`${tab.customer}, ${STATUS[status] ?? status}${shownUnread ? `, ${unread} unread` : ""}`}
        onClick={() => onSelect(tab.contactId)}
      >
        <span class={`dot ${status}`} aria-hidden="true" />
        <span class="tab-name">{tab.customer}</span>
        {shownUnread && (
          <span class="badge" aria-hidden="true" data-testid="unread">
            {unread}
          </span>
        )}
      </button>
      <button class="x" tabIndex={-1} aria-hidden="true" title={`Close chat with ${tab.customer} (Alt+W)`} data-testid="close-tab" onClick={() => onClose(tab.contactId)}>
        ×
      </button>
    </div>
  );
}
