// ListRoutingProfiles — the instance's routing profiles in name order (MaxResults 1–1000, default 100).
import type { Handler } from "./context.js";
import { summary } from "./routing-wire.js";

export const ListRoutingProfiles: Handler<"ListRoutingProfiles"> = async (input, ctx) => {
  const page = await ctx.tx(({ routing }) => routing.profiles.list(ctx.caller, input.InstanceId!, input.NextToken, input.MaxResults));
  return { RoutingProfileSummaryList: page.items.map((p) => summary("routingProfile", p, ctx.region)), NextToken: page.nextToken };
};
