// RejectContact — connect-chat extension: the agent rejects the chat offered to them; it goes back to its queue,
// where it keeps its place, and the matcher offers it to the next agent. The agent's status stays.
import type { Handler } from "./context.js";
import { actingUser } from "./routing-agent.js";

export const RejectContact: Handler<"RejectContact"> = async (input, ctx) => {
  const userId = actingUser(ctx.caller, input.UserId);
  await ctx.tx(({ routed }) => routed.reject(ctx.caller, input.InstanceId!, input.ContactId!, userId));
  return {};
};
