// A supervisor's "All chats": every active chat of the instance with the agent who has it (GetCurrentUserData of
// every agent, polled, joined to the SearchContacts rows), and Monitor: after a confirmation, MonitorContact
// (SILENT_MONITOR) and AcceptContact for the supervisor's token open the chat read-only in a tab of its own.
import { useEffect, useRef, useState } from "preact/hooks";
import type { Api } from "../api.js";
import { explainError, type Explained } from "../logic/errors.js";
import type { QueueRow } from "../logic/queue.js";
import { allChats, type AgentOfChats } from "../logic/supervise.js";
import { formatWaiting } from "../logic/time.js";
import { accept, agents, monitor } from "../routing-api.js";
import type { TabRef } from "../session.js";
import { useNow } from "./Queue.js";

const POLL_MS = 3000;

interface Props {
  api: Api;
  rows: QueueRow[];
  queueNames: Map<string, string>;
  tabs: TabRef[];
  onOpen: (ref: TabRef) => void;
  onShow: (contactId: string) => void;
}

export function AllChats({ api, rows, queueNames, tabs, onOpen, onShow }: Props) {
  const now = useNow();
  const [data, setData] = useState<{ list: AgentOfChats[]; names: Map<string, string> }>({ list: [], names: new Map() });
  const [asking, setAsking] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Explained>();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), [asking]);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const next = await agents(api);
        if (!stopped) setData((prev) => (JSON.stringify(prev.list) === JSON.stringify(next.list) && prev.names.size === next.names.size ? prev : next));
      } catch (e) {
        if (!stopped) setError(explainError(e));
      }
      if (!stopped) timer = setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api]);

  const start = async (row: QueueRow) => {
    setBusy(true);
    setError(undefined);
    try {
      await monitor(api, row.contactId, false);
      const p = await accept(api, row.contactId);
      onOpen({ contactId: row.contactId, ...p, customer: row.customer, subtype: row.subtype, monitor: "silent" });
      setAsking(undefined);
    } catch (e) {
      setError(explainError(e));
    } finally {
      setBusy(false);
    }
  };

  const list = allChats(rows, data.list, data.names);
  return (
    <section class="all-chats" aria-labelledby="all-chats-title" data-testid="all-chats">
      <h2 id="all-chats-title">
        All chats <span class="count">{list.length}</span>
      </h2>
      {error && (
        <p class="alert" role="alert">
          <strong>{error.title}.</strong> {error.detail}
        </p>
      )}
      {list.length === 0 ? (
        <p class="muted fine">No active chats.</p>
      ) : (
        <ul>
          {list.map((c) => {
            const open = tabs.some((t) => t.contactId === c.row.contactId);
            const queue = c.row.queueId ? queueNames.get(c.row.queueId) : undefined;
            return (
              <li key={c.row.contactId} data-contact-id={c.row.contactId} data-state={c.state}>
                <span class="customer">{c.row.customer}</span>
                <span class="agent fine">{c.state === "connected" ? c.agent : c.state === "offered" ? `Offered to ${c.agent}` : `Waiting${queue ? ` in ${queue}` : ""}`}</span>
                <span class="wait fine">{formatWaiting(now - c.row.initiated)}</span>
                {open ? (
                  <button class="ghost tiny" onClick={() => onShow(c.row.contactId)}>Show</button>
                ) : c.state !== "connected" ? null : asking === c.row.contactId ? (
                  <span class="confirm" role="group" aria-label={`Monitor the chat of ${c.row.customer}?`} onKeyDown={(e) => e.key === "Escape" && (e.stopPropagation(), setAsking(undefined))}>
                    <span class="fine">Join silently? {c.agent} is told.</span>
                    <button class="primary tiny" ref={confirm} disabled={busy} onClick={() => void start(c.row)}>
                      {busy ? "Joining…" : "Join"}
                    </button>
                    <button class="ghost tiny" onClick={() => setAsking(undefined)}>Cancel</button>
                  </span>
                ) : (
                  <button class="ghost tiny" aria-label={`Monitor the chat of ${c.row.customer} with ${c.agent}`} onClick={() => setAsking(c.row.contactId)}>
                    Monitor
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
