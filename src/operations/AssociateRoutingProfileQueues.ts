// AssociateRoutingProfileQueues — adds (queue, channel) entries to the profile; an entry it already has gets the new
// Priority and Delay. Knowingly differs from AWS: ManualAssignmentQueueConfigs are accepted and not kept.
import type { Handler } from "./context.js";
import { queueConfigsIn } from "./routing-wire.js";

export const AssociateRoutingProfileQueues: Handler<"AssociateRoutingProfileQueues"> = async (input, ctx) => {
  await ctx.tx(({ routing }) => routing.profiles.associateQueues(ctx.caller, input.InstanceId!, input.RoutingProfileId!, queueConfigsIn(input.QueueConfigs)));
  return {};
};
