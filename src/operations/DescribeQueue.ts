// DescribeQueue — the queue with its status, hours and MaxContacts (absent: no limit of its own).
import type { Handler } from "./context.js";
import { queueOut } from "./routing-wire.js";

export const DescribeQueue: Handler<"DescribeQueue"> = async (input, ctx) => {
  const q = await ctx.tx(({ routing }) => routing.queues.describe(ctx.caller, input.InstanceId!, input.QueueId!));
  return { Queue: queueOut(q, ctx.region) };
};
