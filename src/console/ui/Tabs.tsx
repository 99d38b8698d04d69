// The tab strip of open chats: the customer's number, an unread badge, a status dot, and a close button.
import { useEffect, useState } from "preact/hooks";
import type { ChatConn } from "../chat.js";
import type { TabRef } from "../session.js";

interface Props {
  tabs: TabRef[];
  active: string;
  conns: Map<string, ChatConn>;
  connOf: (t: TabRef) => ChatConn;
  onSelect: (id: string) => void;
  onClose: (id: string) => void;
}

export function Tabs({ tabs, active, connOf, onSelect, onClose }: Props) {
  return (
    <nav class={`tabs ${tabs.length ? "" : "none"}`} role="tablist" aria-label="Chats">
      <button role="tab" class={`tab queue-tab ${active === "queue" ? "active" : ""}`} aria-selected={active === "queue"} onClick={() => onSelect("queue")}>
        Queue
      </button>
      {tabs.map((t, i) => (
        <Tab key={t.contactId} tab={t} index={i} conn={connOf(t)} selected={t.contactId === active} onSelect={onSelect} onClose={onClose} />
      ))}
    </nav>
  );
}

function Tab({ tab, index, conn, selected, onSelect, onClose }: { tab: TabRef; index: number; conn: ChatConn; selected: boolean; onSelect: (id: string) => void; onClose: (id: string) => void }) {
  const [, tick] = useState(0);
  useEffect(() => conn.subscribe(() => tick((n) => n + 1)), [conn]);
  const { status, unread } = conn.state;
  return (
    <div class={`tab ${selected ? "active" : ""}`} data-testid="chat-tab">
      <button role="tab" aria-selected={selected} title={`Alt+${index + 1}`} onClick={() => onSelect(tab.contactId)}>
        <span class={`dot ${status}`} aria-label={status} />
        {tab.customer}
        {unread > 0 && !selected && <span class="badge" aria-label={`${unread} unread`}>{unread}</span>}
      </button>
      <button class="x" aria-label={`Close chat with ${tab.customer}`} title="Close (Alt+W)" onClick={() => onClose(tab.contactId)}>
        ×
      </button>
    </div>
  );
}
