// ListContactFlows — the instance's flows (configuration-file ones and stored ones, archived included) in id order,
// MaxResults per page (default 100, at most 1000), NextToken to go on, ContactFlowTypes to filter by type.
// Differs from Connect: the order is by id, where Connect documents none.
import type { Handler } from "./context.js";
import { toSummary } from "./flow-wire.js";

export const ListContactFlows: Handler<"ListContactFlows"> = async (input, ctx) => {
  const page = await ctx.tx(({ flows }) =>
    flows.list(ctx.caller, input.InstanceId!, { types: input.ContactFlowTypes, nextToken: input.NextToken, max: input.MaxResults ?? 100 }),
  );
  return { ContactFlowSummaryList: page.flows.map(toSummary), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};
