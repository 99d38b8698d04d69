// ListQueueQuickConnects — the queue's quick connects in name order (MaxResults 1–100, default 100): what an
// agent's transfer list shows. LastModifiedTime/Region are the queue's.
import type { Handler } from "./context.js";
import { quickConnectSummary } from "./routing-wire.js";

export const ListQueueQuickConnects: Handler<"ListQueueQuickConnects"> = async (input, ctx) => {
  const page = await ctx.tx(({ routing }) => routing.quickConnects.ofQueue(ctx.caller, input.InstanceId!, input.QueueId!, input.NextToken, input.MaxResults));
  return {
    QuickConnectSummaryList: page.items.map((q) => quickConnectSummary(q, ctx.region)),
    NextToken: page.nextToken,
    LastModifiedTime: new Date(page.queueUpdatedAt),
    LastModifiedRegion: ctx.region,
  };
};
