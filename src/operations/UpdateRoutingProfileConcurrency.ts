// UpdateRoutingProfileConcurrency — sets the concurrency of the channels given (the others keep theirs); the users of
// the profile get the new number of CHAT slots at once.
import type { Handler } from "./context.js";
import { concurrenciesIn } from "./routing-wire.js";

export const UpdateRoutingProfileConcurrency: Handler<"UpdateRoutingProfileConcurrency"> = async (input, ctx) => {
  await ctx.tx(async ({ routing, routingChanged }) => {
    await routing.profiles.setConcurrency(ctx.caller, input.InstanceId!, input.RoutingProfileId!, concurrenciesIn(input.MediaConcurrencies!));
    routingChanged(); // agents may be offered waiting chats now
  });
  return {};
};
