// PutUserStatus — sets the agent's status (an ENABLED one of the instance). Becoming Available (ROUTABLE) starts the
// agent's idle time, which orders who is offered a chat first. Knowingly differs from AWS: no "next status" while
// the agent is on a contact (the status applies at once).
import type { Handler } from "./context.js";

export const PutUserStatus: Handler<"PutUserStatus"> = async (input, ctx) => {
  await ctx.tx(async (d) => {
    await d.routing.users.putStatus(ctx.caller, input.InstanceId!, input.UserId!, input.AgentStatusId!);
    d.routingChanged(); // an Available agent may be offered a waiting chat now
  });
  return {};
};
