// UpdateUserRoutingProfile — moves the user to another routing profile; its CHAT slots follow at once.
import type { Handler } from "./context.js";

export const UpdateUserRoutingProfile: Handler<"UpdateUserRoutingProfile"> = async (input, ctx) => {
  await ctx.tx(async ({ routing, routingChanged }) => {
    await routing.users.setRoutingProfile(ctx.caller, input.InstanceId!, input.UserId!, input.RoutingProfileId!);
    routingChanged(); // agents may be offered waiting chats now
  });
  return {};
};
