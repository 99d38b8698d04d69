// GetCurrentUserData inside one transaction: each agent's status, CHAT slots (max, active, available) and contacts
// with their state as the agent sees them — INCOMING (offered), CONNECTED, ENDED (after-contact work) — read from
// user_status and routing_work. Filters: Agents, Queues (agents whose profile serves one), RoutingProfiles.
import { RoutingBase } from "./base.js";
import type { Caller } from "../domain/types.js";
import type { RoutingWork, UserStatus } from "./types.js";

/** How many agents one call reads at most (Connect pages by 100). */
const MAX_AGENTS = 10_000;

export interface UserDataFilters {
  agents?: string[];
  queues?: string[];
  routingProfiles?: string[];
}

export interface UserData {
  status: UserStatus;
  contacts: (RoutingWork & { agentState: "INCOMING" | "CONNECTED" | "ENDED" })[];
}

const STATE = { OFFERED: "INCOMING", CONNECTED: "CONNECTED", ACW: "ENDED" } as const;

export class CurrentData extends RoutingBase {
  async users(caller: Caller, instanceId: string, f: UserDataFilters): Promise<UserData[]> {
    this.instance(caller, instanceId);
    let statuses = await this.tx.instanceStatuses(caller.accountId, instanceId, MAX_AGENTS);
    if (f.agents?.length) statuses = statuses.filter((s) => f.agents!.includes(s.userId));
    if (f.routingProfiles?.length) statuses = statuses.filter((s) => f.routingProfiles!.includes(s.routingProfileId));
    if (f.queues?.length) {
      const serving = new Map<string, boolean>();
      for (const p of new Set(statuses.map((s) => s.routingProfileId)))
        serving.set(p, (await this.tx.profileQueues(p)).some((q) => f.queues!.includes(q.queueId)));
      statuses = statuses.filter((s) => serving.get(s.routingProfileId));
    }
    const work = await this.tx.agentWork(caller.accountId, instanceId, MAX_AGENTS * 10);
    return statuses.map((status) => ({
      status,
      contacts: work.filter((w) => w.userId === status.userId).map((w) => ({ ...w, agentState: STATE[w.state as keyof typeof STATE] })),
    }));
  }
}
