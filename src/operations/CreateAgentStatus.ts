// CreateAgentStatus — a custom status (type CUSTOM: an agent in it is not routed chats), ENABLED or DISABLED, with a
// DisplayOrder 1–50; a taken name is DuplicateResourceException; at most 50 statuses per instance (LimitExceeded).
import type { Handler } from "./context.js";
import { arnOf } from "./routing-wire.js";

export const CreateAgentStatus: Handler<"CreateAgentStatus"> = async (input, ctx) => {
  const s = await ctx.tx(({ routing }) =>
    routing.statuses.create(ctx.caller, input.InstanceId!, { name: input.Name!, description: input.Description, state: input.State!, displayOrder: input.DisplayOrder, tags: input.Tags }),
  );
  return { AgentStatusARN: arnOf("agentStatus", s, ctx.region), AgentStatusId: s.id };
};
