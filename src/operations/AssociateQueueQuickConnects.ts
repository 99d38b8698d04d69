// AssociateQueueQuickConnects — adds quick connects (1–50 a call) to the queue's list; each must exist.
import type { Handler } from "./context.js";

export const AssociateQueueQuickConnects: Handler<"AssociateQueueQuickConnects"> = async (input, ctx) => {
  await ctx.tx(({ routing }) => routing.quickConnects.associate(ctx.caller, input.InstanceId!, input.QueueId!, input.QuickConnectIds!));
  return {};
};
