// ListQuickConnects — the instance's quick connects in name order (MaxResults 1–1000, default 100), by QuickConnectTypes.
import type { Handler } from "./context.js";
import { quickConnectSummary } from "./routing-wire.js";

export const ListQuickConnects: Handler<"ListQuickConnects"> = async (input, ctx) => {
  const page = await ctx.tx(({ routing }) => routing.quickConnects.list(ctx.caller, input.InstanceId!, input.QuickConnectTypes, input.NextToken, input.MaxResults));
  return { QuickConnectSummaryList: page.items.map((q) => quickConnectSummary(q, ctx.region)), NextToken: page.nextToken };
};
