// DeleteQuickConnect — removes it; queues that listed it stop listing it (ListQueueQuickConnects skips it).
import type { Handler } from "./context.js";

export const DeleteQuickConnect: Handler<"DeleteQuickConnect"> = async (input, ctx) => {
  await ctx.tx(({ routing }) => routing.quickConnects.delete(ctx.caller, input.InstanceId!, input.QuickConnectId!));
  return {};
};
