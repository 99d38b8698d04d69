// DescribeUser — the user as Connect describes it; never its password or hash.
import type { Handler } from "./context.js";
import { userOut } from "./routing-wire.js";

export const DescribeUser: Handler<"DescribeUser"> = async (input, ctx) => {
  const u = await ctx.tx(({ routing }) => routing.users.describe(ctx.caller, input.InstanceId!, input.UserId!));
  return { User: userOut(u, ctx.region) };
};
