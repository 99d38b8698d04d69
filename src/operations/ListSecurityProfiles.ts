// ListSecurityProfiles — the built-in Admin, Agent, CallCenterManager and QualityAnalyst profiles, in name order.
import type { Handler } from "./context.js";
import { summary } from "./routing-wire.js";

export const ListSecurityProfiles: Handler<"ListSecurityProfiles"> = async (input, ctx) => {
  const page = await ctx.tx(({ routing }) => routing.statuses.listSecurityProfiles(ctx.caller, input.InstanceId!, input.NextToken, input.MaxResults));
  return { SecurityProfileSummaryList: page.items.map((p) => summary("securityProfile", p, ctx.region)), NextToken: page.nextToken };
};
