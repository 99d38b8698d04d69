// DescribeQuickConnect — the quick connect with its config (only its type's member).
import type { Handler } from "./context.js";
import { arnOf, quickConnectConfigOut } from "./routing-wire.js";

export const DescribeQuickConnect: Handler<"DescribeQuickConnect"> = async (input, ctx) => {
  const q = await ctx.tx(({ routing }) => routing.quickConnects.describe(ctx.caller, input.InstanceId!, input.QuickConnectId!));
  return {
    QuickConnect: {
      QuickConnectARN: arnOf("quickConnect", q, ctx.region),
      QuickConnectId: q.id,
      Name: q.name,
      Description: q.description,
      QuickConnectConfig: quickConnectConfigOut(q),
      Tags: q.tags,
      LastModifiedTime: new Date(q.updatedAt),
      LastModifiedRegion: ctx.region,
    },
  };
};
