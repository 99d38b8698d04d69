// A supervisor's view, pure: every active chat of the instance with the agent who has it (GetCurrentUserData's
// contacts of every agent, joined to the SearchContacts rows), who may monitor (the MonitorContact grant), and
// how a transcript shows each participant — a SUPERVISOR is labelled as one, never drawn like the customer.
import type { QueueRow } from "./queue.js";
import type { AgentContact } from "./routing.js";

export interface AgentOfChats {
  UserId?: string;
  User?: { Id?: string };
  Contacts?: AgentContact[];
}

export interface SupervisedChat {
  row: QueueRow;
  /** The agent's name (or id) who has the chat connected; undefined while it waits in a queue. */
  agent?: string;
  agentId?: string;
  state: "connected" | "offered" | "waiting";
}

const ORDER = { connected: 0, offered: 1, waiting: 2 } as const;

/**
 * Every active chat: connected ones with their agent first, then offered ones (with the agent offered to), then
 * those waiting in a queue; within each, the longest running first. A chat in after-contact work only is not live
 * (its row is gone once it ends) and is not listed.
 */
export function allChats(rows: readonly QueueRow[], agents: readonly AgentOfChats[], names: ReadonlyMap<string, string>): SupervisedChat[] {
  const holder = new Map<string, { agentId: string; state: "connected" | "offered" }>();
  for (const a of agents) {
    const agentId = a.User?.Id ?? a.UserId;
    if (!agentId) continue;
    for (const c of a.Contacts ?? []) {
      if (!c.ContactId) continue;
      const s = c.AgentContactState;
      if (s === "CONNECTED" || s === "CONNECTED_ONHOLD") holder.set(c.ContactId, { agentId, state: "connected" });
      else if ((s === "INCOMING" || s === "PENDING") && !holder.has(c.ContactId)) holder.set(c.ContactId, { agentId, state: "offered" });
    }
  }
  const out = rows.map((row): SupervisedChat => {
    const h = holder.get(row.contactId);
    return h ? { row, agentId: h.agentId, agent: names.get(h.agentId) ?? h.agentId, state: h.state } : { row, state: "waiting" };
  });
  return out.sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.row.initiated - b.row.initiated);
}

/** A signed-in user whose security profile grants MonitorContact (CallCenterManager, Admin) and sees every agent. */
export const mayMonitor = (permissions: Readonly<Record<string, string>> | undefined) =>
  permissions?.MonitorContact === "any" && permissions.GetCurrentUserData === "any";

export type Side = "mine" | "theirs" | "supervisor";

/** Which side a message is drawn on: ours on the right; a supervisor's (not ours) apart from the customer's. */
export function sideOf(role: string | undefined, mine: boolean): Side {
  if (mine) return "mine";
  return role === "SUPERVISOR" ? "supervisor" : "theirs";
}

export type MonitorMode = "silent" | "barge";

/** What the monitoring banner says, and whether the reply box is open. */
export function monitorState(mode: MonitorMode | undefined): { banner?: string; mayWrite: boolean } {
  if (mode === "silent") return { banner: "The customer does not see you; the agent does. Barge in to write.", mayWrite: false };
  if (mode === "barge") return { banner: "The customer sees you and your messages.", mayWrite: true };
  return { mayWrite: true };
}
