// ListAgentStatuses — the built-in Available (ROUTABLE) and Offline (OFFLINE) and the custom statuses, in name order,
// filtered by AgentStatusTypes (MaxResults 1–1000, default 100).
import type { AgentStatusType } from "../routing/types.js";
import type { Handler } from "./context.js";
import { summary } from "./routing-wire.js";

export const ListAgentStatuses: Handler<"ListAgentStatuses"> = async (input, ctx) => {
  const types = input.AgentStatusTypes as AgentStatusType[] | undefined;
  const page = await ctx.tx(({ routing }) => routing.statuses.list(ctx.caller, input.InstanceId!, types, input.NextToken, input.MaxResults));
  return { AgentStatusSummaryList: page.items.map((s) => ({ ...summary("agentStatus", s, ctx.region), Type: s.type })), NextToken: page.nextToken };
};
