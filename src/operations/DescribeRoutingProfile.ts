// DescribeRoutingProfile — the profile with its channels, associated queue ids and how many users have it.
import type { Handler } from "./context.js";
import { profileOut } from "./routing-wire.js";

export const DescribeRoutingProfile: Handler<"DescribeRoutingProfile"> = async (input, ctx) => {
  const v = await ctx.tx(({ routing }) => routing.profiles.describe(ctx.caller, input.InstanceId!, input.RoutingProfileId!));
  return { RoutingProfile: profileOut(v.profile, v.queues, v.users, ctx.region) };
};
