// UpdateRoutingProfileConcurrency — sets the concurrency of the channels given (the others keep theirs); the users of
// the profile get the new number of CHAT slots at once.
import type { Handler } from "./context.js";
import { concurrenciesIn } from "./routing-wire.js";

export const UpdateRoutingProfileConcurrency: Handler<"UpdateRoutingProfileConcurrency"> = async (input, ctx) => {
  await ctx.tx(({ routing }) => routing.profiles.setConcurrency(ctx.caller, input.InstanceId!, input.RoutingProfileId!, concurrenciesIn(input.MediaConcurrencies!)));
  return {};
};
