// SearchQuickResponses — connect-chat extension (see CreateQuickResponse.ts): the instance's quick responses in name
// order (MaxResults 1–100, default 100), those containing every word of QueryText when it is given. LastModifiedBy is
// the user's ARN, or the account's root for changes made with access keys.
import type { Handler } from "./context.js";
import { arnOf } from "./routing-wire.js";

export const SearchQuickResponses: Handler<"SearchQuickResponses"> = async (input, ctx) => {
  const page = await ctx.tx(({ routing }) => routing.quickResponses.search(ctx.caller, input.InstanceId!, input.QueryText, input.NextToken, input.MaxResults));
  return {
    QuickResponses: page.items.map((r) => ({
      Id: r.id,
      Arn: arnOf("quickResponse", r, ctx.region),
      Name: r.name,
      Content: r.content,
      LastModifiedTime: new Date(r.updatedAt),
      LastModifiedBy: r.modifiedBy ? arnOf("user", { ...r, id: r.modifiedBy }, ctx.region) : `arn:aws:iam::${r.accountId}:root`,
    })),
    NextToken: page.nextToken,
  };
};
