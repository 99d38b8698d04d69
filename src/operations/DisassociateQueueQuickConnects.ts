// DisassociateQueueQuickConnects — removes quick connects from the queue's list (ids it does not list are ignored).
import type { Handler } from "./context.js";

export const DisassociateQueueQuickConnects: Handler<"DisassociateQueueQuickConnects"> = async (input, ctx) => {
  await ctx.tx(({ routing }) => routing.quickConnects.disassociate(ctx.caller, input.InstanceId!, input.QueueId!, input.QuickConnectIds!));
  return {};
};
