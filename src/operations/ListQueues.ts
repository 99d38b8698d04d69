// ListQueues — the instance's queues in name order (MaxResults 1–1000, default 100), filtered by QueueTypes.
// Knowingly differs from AWS: users have no AGENT queues yet, so QueueTypes=AGENT lists nothing.
import type { Handler } from "./context.js";
import { summary } from "./routing-wire.js";

export const ListQueues: Handler<"ListQueues"> = async (input, ctx) => {
  const page = await ctx.tx(({ routing }) => routing.queues.list(ctx.caller, input.InstanceId!, input.QueueTypes, input.NextToken, input.MaxResults));
  return { QueueSummaryList: page.items.map((q) => ({ ...summary("queue", q, ctx.region), QueueType: q.queueType })), NextToken: page.nextToken };
};
