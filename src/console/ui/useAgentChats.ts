// A signed-in agent's chats come from routing, not from a list anyone can open: Accept on an offer calls
// AcceptContact and opens the chat with the participant token it returns; Decline calls RejectContact; a chat the
// agent has without a tab here (AutoAccept, another tab, a reload that lost it) is opened the same way —
// AcceptContact on a connected chat hands a fresh token for the agent's participant.
import { useEffect, useRef, useState } from "preact/hooks";
import type { Api } from "../api.js";
import { explainError, type Explained } from "../logic/errors.js";
import type { QueueRow } from "../logic/queue.js";
import type { Work } from "../logic/routing.js";
import { accept, reject } from "../routing-api.js";
import type { TabRef } from "../session.js";
import type { RoutingState } from "./useRouting.js";

export interface AgentChats {
  busy?: string;
  error?: Explained;
  acceptOffer: (w: Work, row?: QueueRow) => Promise<void>;
  decline: (w: Work) => Promise<void>;
  /** Opens (or re-opens) a chat of the agent's from its row. */
  open: (contactId: string, row?: QueueRow) => Promise<void>;
}

export function useAgentChats(api: Api, routing: RoutingState, enabled: boolean, tabs: TabRef[], rows: QueueRow[], addTab: (t: TabRef, show: boolean) => void): AgentChats {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<Explained>();
  // Chats being opened, or that failed to open by themselves (not tried again until routing changes them).
  const tried = useRef(new Set<string>());

  const open = async (contactId: string, row?: QueueRow, show = true) => {
    tried.current.add(contactId);
    const [p, contact] = await Promise.all([accept(api, contactId), row ? undefined : api.describe(contactId).catch(() => undefined)]);
    const customer = row?.customer ?? contact?.CustomerEndpoint?.Address ?? "Customer";
    const subtype = row?.subtype ?? contact?.SegmentAttributes?.["connect:Subtype"]?.ValueString;
    addTab({ contactId, ...p, customer, subtype }, show);
  };

  const acceptOffer = async (w: Work, row?: QueueRow) => {
    setBusy(w.contactId);
    setError(undefined);
    try {
      await open(w.contactId, row);
    } catch (e) {
      tried.current.delete(w.contactId);
      setError(explainError(e));
    } finally {
      setBusy(undefined);
      routing.refresh();
    }
  };

  const decline = async (w: Work) => {
    setBusy(w.contactId);
    setError(undefined);
    try {
      await reject(api, w.contactId);
    } catch (e) {
      setError(explainError(e));
    } finally {
      setBusy(undefined);
      routing.refresh();
    }
  };

  // Connected chats without a tab open by themselves, in the background (the agent is told by the unread count).
  const latest = useRef({ tabs, rows });
  latest.current = { tabs, rows };
  useEffect(() => {
    if (!enabled) return;
    const live = new Set(routing.work.connected.map((w) => w.contactId));
    for (const id of [...tried.current]) if (!live.has(id)) tried.current.delete(id);
    for (const w of routing.work.connected) {
      if (tried.current.has(w.contactId) || latest.current.tabs.some((t) => t.contactId === w.contactId)) continue;
      void open(w.contactId, latest.current.rows.find((r) => r.contactId === w.contactId), false).catch((e) => setError(explainError(e)));
    }
  }, [routing.work, enabled]);

  return { busy, error, acceptOffer, decline, open: (id, row) => open(id, row).catch((e) => setError(explainError(e))) };
}
