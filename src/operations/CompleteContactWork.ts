// CompleteContactWork — connect-chat extension: the agent ends their after-contact work on the chat (Connect's CCP
// "Clear contact"); the slot is free and the matcher runs.
import type { Handler } from "./context.js";
import { actingUser } from "./routing-agent.js";

export const CompleteContactWork: Handler<"CompleteContactWork"> = async (input, ctx) => {
  const userId = actingUser(ctx.caller, input.UserId);
  await ctx.tx(({ routed }) => routed.completeWork(ctx.caller, input.InstanceId!, input.ContactId!, userId));
  return {};
};
