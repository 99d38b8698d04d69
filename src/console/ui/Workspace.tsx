// Signed in: the header (AgentHeader: who, status, sign-out), the queue (polled SearchContacts) beside the open chats as tabs. Keyboard: Alt+1…9 picks a tab,
// Alt+0 or Escape goes back to the queue, Alt+W closes the current tab. An agent signed in as a user works from
// routing instead (AgentPanels): offers, "My chats" (theirs only), their queues' waiting chats, wrap-up; an
// administrator with access keys keeps the list of every chat, any of which they can join.
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { Api } from "../api.js";
import { ChatConn } from "../chat.js";
import { explainError, type Explained } from "../logic/errors.js";
import { activeRows, diffQueue, withLive, type LiveLast, type QueueRow } from "../logic/queue.js";
import { lastMessageOf } from "../logic/transcript.js";
import { loadActive, loadTabs, saveActive, saveTabs, signOut, type Creds, type TabRef } from "../session.js";
import { ChatView } from "./ChatView.js";
import { FailedSends } from "./FailedSends.js";
import { Queue } from "./Queue.js";
import { AgentHeader } from "./AgentHeader.js";
import { useUnreadAlerts } from "./Notifications.js";
import { PANEL_ID, tabId, Tabs } from "./Tabs.js";
import { AgentPanels, AgentQueues } from "./AgentPanels.js";
import { AllChats } from "./AllChats.js";
import { mayMonitor } from "../logic/supervise.js";
import { useAgentChats } from "./useAgentChats.js";
import { useRouting } from "./useRouting.js";
import { WrapUp } from "./WrapUp.js";
import { usePoll } from "./usePoll.js";

const POLL_MS = 3000;

export interface QueueState {
  rows: QueueRow[];
  loading: boolean;
  error?: Explained;
  more: boolean;
  fresh: Set<string>;
}

export function Workspace({ creds, onSignOut }: { creds: Creds; onSignOut: (notice?: string) => void }) {
  const api = useMemo(() => new Api(creds), [creds]);
  const [queue, setQueue] = useState<QueueState>({ rows: [], loading: true, more: false, fresh: new Set() });
  const [tabs, setTabs] = useState<TabRef[]>(loadTabs);
  const [active, setActive] = useState<string>(() => (tabs.some((t) => t.contactId === loadActive()) ? loadActive() : "queue"));
  const [joining, setJoining] = useState<string>();
  const [joinError, setJoinError] = useState<Explained>();
  const conns = useRef(new Map<string, ChatConn>());
  // GetCurrentUserData on themself: a user signed in as an agent (an access key has no routing of its own).
  const agentMode = creds.user?.permissions.GetCurrentUserData !== undefined;
  const routing = useRouting(api, agentMode);

  const connOf = useCallback(
    (t: TabRef) => {
      let c = conns.current.get(t.contactId);
      if (!c) {
        c = new ChatConn(t, creds.region);
        conns.current.set(t.contactId, c);
        void c.start();
      }
      return c;
    },
    [creds.region],
  );

  // Poll the queue; a failure keeps the last rows on screen and says why. `pollNow` asks at once (a new offer
  // needs its row: the customer's number and message).
  const pollNow = usePoll(
    async () => {
      try {
        const r = await api.searchChats();
        const rows = activeRows(r.contacts);
        setQueue((q) => {
          const d = diffQueue(q.rows, rows);
          const fresh = q.loading ? new Set<string>() : new Set([...q.fresh, ...d.added].filter((id) => rows.some((x) => x.contactId === id)));
          return { rows, loading: false, more: r.more, fresh };
        });
      } catch (e) {
        setQueue((q) => ({ ...q, loading: false, error: explainError(e) }));
      }
    },
    POLL_MS,
    [api],
  );

  // Open chats feed their newest message to their queue rows; re-render only when one of those changes.
  const [live, setLive] = useState<Map<string, LiveLast & { id?: string }>>(new Map());
  useEffect(() => {
    const update = () =>
      setLive((prev) => {
        const next = new Map(tabs.flatMap((t) => {
          const c = conns.current.get(t.contactId);
          if (!c) return [];
          const ended = c.state.status === "ended";
          const l = lastMessageOf(c.state.items);
          return l || ended ? [[t.contactId, { ...l, ended }] as const] : [];
        }));
        const same = next.size === prev.size && [...next].every(([k, v]) => prev.get(k)?.id === v.id && prev.get(k)?.ended === v.ended);
        return same ? prev : next;
      });
    const offs = tabs.map((t) => connOf(t).subscribe(update));
    update();
    return () => offs.forEach((off) => off());
  }, [tabs, connOf]);
  const rows = useMemo(() => withLive(queue.rows, live), [queue.rows, live]);
  const addTab = useCallback((ref: TabRef, show: boolean) => {
    setTabs((t) => (t.some((x) => x.contactId === ref.contactId) ? t.map((x) => (x.contactId === ref.contactId ? ref : x)) : [...t, ref]));
    if (show) setActive(ref.contactId);
  }, []);
  const agent = useAgentChats(api, routing, agentMode, tabs, rows, addTab);
  const unknownOffer = routing.work.offers.some((w) => !queue.rows.some((r) => r.contactId === w.contactId));
  useEffect(() => {
    if (unknownOffer) pollNow();
  }, [unknownOffer, routing.work]);
  const mine = useMemo(() => new Set([...routing.work.connected, ...routing.work.acw].map((w) => w.contactId)), [routing.work]);

  useEffect(() => saveTabs(tabs), [tabs]);
  useEffect(() => saveActive(active), [active]);
  // The chat in front is seen only while the page itself is visible: a hidden page counts (and alerts) instead.
  const [pageVisible, setPageVisible] = useState(!document.hidden);
  useEffect(() => {
    const on = () => setPageVisible(!document.hidden);
    document.addEventListener("visibilitychange", on);
    return () => document.removeEventListener("visibilitychange", on);
  }, []);
  useEffect(() => {
    for (const [id, c] of conns.current) c.visible = pageVisible && id === active;
    conns.current.get(active)?.markRead();
  }, [active, tabs, pageVisible]);
  useUnreadAlerts(tabs, connOf, setActive, routing.work.offers.map((w) => ({ contactId: w.contactId, customer: rows.find((r) => r.contactId === w.contactId)?.customer, message: rows.find((r) => r.contactId === w.contactId)?.lastMessage })));
  useEffect(() => () => api.destroy(), [api]);

  const open = async (row: QueueRow) => {
    setQueue((q) => ({ ...q, fresh: new Set([...q.fresh].filter((id) => id !== row.contactId)) }));
    if (tabs.some((t) => t.contactId === row.contactId)) return setActive(row.contactId);
    // A chat the agent has left (transferred on) with no tab here: only its wrap-up is theirs.
    if (agentMode && routing.work.acw.some((w) => w.contactId === row.contactId)) return setActive(`wrap:${row.contactId}`);
    setJoining(row.contactId);
    setJoinError(undefined);
    try {
      if (agentMode) return await agent.open(row.contactId, row);
      const p = await api.join(row.contactId);
      const ref: TabRef = { contactId: row.contactId, ...p, customer: row.customer, subtype: row.subtype };
      setTabs((t) => [...t, ref]);
      setActive(row.contactId);
    } catch (e) {
      setJoinError(explainError(e));
    } finally {
      setJoining(undefined);
    }
  };

  // Customers of tabs closed here: a wrap-up after the tab is gone still names them.
  const closedCustomers = useRef(new Map<string, string>());
  const close = (contactId: string) => {
    const tab = tabs.find((t) => t.contactId === contactId);
    if (tab) closedCustomers.current.set(contactId, tab.customer);
    void conns.current.get(contactId)?.leave();
    conns.current.delete(contactId);
    setTabs((t) => t.filter((x) => x.contactId !== contactId));
    setActive((a) => (a === contactId ? "queue" : a));
  };

  // The key handler reads the latest tabs through a ref: a key pressed right after a switch acts on what is shown.
  const latest = useRef({ tabs, active, close });
  latest.current = { tabs, active, close };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { tabs, active, close } = latest.current;
      if (e.altKey && /^[0-9]$/.test(e.key)) {
        e.preventDefault();
        const n = Number(e.key);
        setActive(n === 0 ? "queue" : (tabs[n - 1]?.contactId ?? active));
      } else if (e.altKey && e.key.toLowerCase() === "w" && active !== "queue") {
        e.preventDefault();
        close(active);
      } else if (e.key === "Escape" && active !== "queue") {
        setActive("queue");
      }
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);

  // Leaving with chats still open leaves those customers: the browser asks before the tab closes or reloads
  // away (beforeunload), and signing out asks in words.
  const openChats = () => tabs.filter((t) => conns.current.get(t.contactId)?.state.status !== "ended").length;
  const latestOpen = useRef(openChats);
  latestOpen.current = openChats;
  useEffect(() => {
    const onUnload = (e: BeforeUnloadEvent) => {
      if (latestOpen.current() === 0) return;
      e.preventDefault();
      e.returnValue = "";
    };
    addEventListener("beforeunload", onUnload);
    return () => removeEventListener("beforeunload", onUnload);
  }, []);

  // `notice`: the session ended elsewhere (expiry, Offline, sign-out on another tab): nothing to ask then.
  const leaveAll = async (notice?: string) => {
    const n = latestOpen.current();
    if (!notice && n > 0 && !confirm(`You are in ${n} open ${n === 1 ? "chat" : "chats"}. Signing out leaves ${n === 1 ? "it" : "them"}. Sign out?`)) return;
    for (const c of conns.current.values()) await c.leave();
    conns.current.clear();
    signOut();
    onSignOut(notice);
  };
  const signOutWith = useCallback((notice?: string) => void leaveAll(notice), []);

  const current = tabs.find((t) => t.contactId === active);
  // After-contact work on a chat with no tab here: its wrap-up takes the main panel.
  const wrapping = active.startsWith("wrap:") ? routing.work.acw.find((w) => `wrap:${w.contactId}` === active) : undefined;
  return (
    <div class={`workspace ${current ? "has-chat" : "on-queue"}`}>
      <AgentHeader creds={creds} api={api} onSignOut={signOutWith} />
      <Queue
        title={agentMode ? "My chats" : "Queue"}
        emptyHint={agentMode ? "Chats you accept are listed here." : undefined}
        state={{ ...queue, rows: agentMode ? rows.filter((r) => mine.has(r.contactId)) : rows }}
        activeId={active}
        joining={joining}
        joinError={joinError}
        onOpen={open}
        onSignOut={() => void leaveAll()}
        top={agentMode && <AgentPanels api={api} routing={routing} agent={agent} rows={rows} tabs={tabs} active={active} onShow={setActive} />}
        bottom={
          agentMode && (
            <>
              <AgentQueues routing={routing} rows={rows} />
              {mayMonitor(creds.user?.permissions) && <AllChats api={api} rows={rows} queueNames={routing.queueNames} tabs={tabs} onOpen={(ref) => addTab(ref, true)} onShow={setActive} />}
            </>
          )
        }
      />
      <section class="chats" aria-label="Open chats">
        <Tabs tabs={tabs} active={active} conns={conns.current} connOf={connOf} onSelect={setActive} onClose={close} home={agentMode ? "My chats" : "Queue"} offers={routing.work.offers.length} />
        <div class="panel" role={tabs.length ? "tabpanel" : undefined} id={PANEL_ID} aria-labelledby={tabs.length ? tabId(current ? current.contactId : "queue") : undefined}>
          {current ? (
            <ChatView key={current.contactId} conn={connOf(current)} api={api} row={rows.find((r) => r.contactId === current.contactId)} routing={agentMode ? routing : undefined} onClose={() => close(current.contactId)} monitor={current.monitor} onBarged={() => addTab({ ...current, monitor: "barge" }, true)} />
          ) : wrapping ? (
            <WrapUp
              api={api}
              work={wrapping}
              customer={rows.find((r) => r.contactId === wrapping.contactId)?.customer ?? closedCustomers.current.get(wrapping.contactId) ?? "Customer"}
              queueName={wrapping.queueId && routing.queueNames.get(wrapping.queueId)}
              dispositions={routing.hints.dispositions}
              acwSeconds={routing.hints.routing?.[creds.instanceId]?.acwSeconds}
              onDone={() => (routing.refresh(), setActive("queue"))}
            />
          ) : agentMode ? (
            <div class="empty-main">
              <p class="big">Chats offered to you appear on the left.</p>
              <p class="muted">Set yourself Available to receive them. <kbd>Alt</kbd>+<kbd>1</kbd>…<kbd>9</kbd> switch chats.</p>
            </div>
          ) : (
            <div class="empty-main">
              <p class="big">Pick a chat from the queue to join it.</p>
              <p class="muted">
                <kbd>↑</kbd> <kbd>↓</kbd> move in the queue, <kbd>Enter</kbd> joins, <kbd>Alt</kbd>+<kbd>1</kbd>…<kbd>9</kbd> switch tabs, <kbd>Alt</kbd>+<kbd>0</kbd> back to the queue.
              </p>
              <FailedSends api={api} />
            </div>
          )}
        </div>
      </section>
    </div>
  );
}
