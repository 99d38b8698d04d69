// Agent statuses and security profiles inside one transaction: ListAgentStatuses, CreateAgentStatus (custom,
// unroutable: type CUSTOM) and ListSecurityProfiles. The built-in ones come with every instance (defaults.ts).
import type { Caller } from "../domain/types.js";
import { RoutingBase } from "./base.js";
import type { AgentStatus, AgentStatusType } from "./types.js";

export interface NewAgentStatus {
  name: string;
  description?: string;
  state: AgentStatus["state"];
  displayOrder?: number;
  tags?: Record<string, string>;
}

export class Statuses extends RoutingBase {
  /** CreateAgentStatus makes CUSTOM statuses only: Available (ROUTABLE) and Offline (OFFLINE) are built in. */
  create(caller: Caller, instanceId: string, s: NewAgentStatus): Promise<AgentStatus> {
    this.instance(caller, instanceId);
    return this.insertNew("agentStatus", { id: this.env.newId(), accountId: caller.accountId, instanceId, ...s, type: "CUSTOM", updatedAt: this.now() });
  }

  list(caller: Caller, instanceId: string, types: AgentStatusType[] | undefined, nextToken?: string, maxResults?: number) {
    return this.page("agentStatus", caller, instanceId, nextToken, maxResults, (s) => !types?.length || types.includes(s.type));
  }

  listSecurityProfiles(caller: Caller, instanceId: string, nextToken?: string, maxResults?: number) {
    return this.page("securityProfile", caller, instanceId, nextToken, maxResults);
  }
}
