// AssociateRoutingProfileQueues — adds (queue, channel) entries to the profile; an entry it already has gets the new
// Priority and Delay. Knowingly differs from AWS: ManualAssignmentQueueConfigs are accepted and not kept.
import type { Handler } from "./context.js";
import { queueConfigsIn } from "./routing-wire.js";

export const AssociateRoutingProfileQueues: Handler<"AssociateRoutingProfileQueues"> = async (input, ctx) => {
  await ctx.tx(async ({ routing, routingChanged }) => {
    await routing.profiles.associateQueues(ctx.caller, input.InstanceId!, input.RoutingProfileId!, queueConfigsIn(input.QueueConfigs));
    routingChanged(); // agents may be offered waiting chats now
  });
  return {};
};
