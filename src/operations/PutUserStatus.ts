// PutUserStatus — sets the agent's status (an ENABLED one of the instance). Becoming Available (ROUTABLE) starts the
// agent's idle time, which orders who is offered a chat first. Going Offline signs the agent out: their session
// credentials (src/auth) end in the same transaction, on every node. Knowingly differs from AWS: no "next status"
// while the agent is on a contact (the status applies at once).
import type { Handler } from "./context.js";

export const PutUserStatus: Handler<"PutUserStatus"> = async (input, ctx) => {
  await ctx.tx(async (d) => {
    const status = await d.routing.users.putStatus(ctx.caller, input.InstanceId!, input.UserId!, input.AgentStatusId!);
    if (status.statusType === "OFFLINE") await d.sessions.deleteUserSessions(status.userId);
    d.routingChanged(); // an Available agent may be offered a waiting chat now
  });
  return {};
};
