// ListUsers — the instance's users in Username order (MaxResults 1–1000, default 100).
import type { Handler } from "./context.js";
import { arnOf } from "./routing-wire.js";

export const ListUsers: Handler<"ListUsers"> = async (input, ctx) => {
  const page = await ctx.tx(({ routing }) => routing.users.list(ctx.caller, input.InstanceId!, input.NextToken, input.MaxResults));
  return {
    UserSummaryList: page.items.map((u) => ({ Id: u.id, Arn: arnOf("user", u, ctx.region), Username: u.name, LastModifiedTime: new Date(u.updatedAt), LastModifiedRegion: ctx.region })),
    NextToken: page.nextToken,
  };
};
