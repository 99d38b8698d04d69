// CreateRoutingProfile — channels with their concurrency (CHAT 1–10, VOICE 1; each channel once) and the queues it
// serves by channel, Priority (1 first) and Delay; every queue must exist; a taken name is DuplicateResourceException.
// Knowingly differs from AWS: ManualAssignmentQueueConfigs are accepted and not kept (no manual assignment yet).
import type { Handler } from "./context.js";
import { arnOf, concurrenciesIn, queueConfigsIn } from "./routing-wire.js";

export const CreateRoutingProfile: Handler<"CreateRoutingProfile"> = async (input, ctx) => {
  const p = await ctx.tx(({ routing }) =>
    routing.profiles.create(ctx.caller, input.InstanceId!, {
      name: input.Name!,
      description: input.Description!,
      defaultOutboundQueueId: input.DefaultOutboundQueueId!,
      mediaConcurrencies: concurrenciesIn(input.MediaConcurrencies!),
      queueConfigs: queueConfigsIn(input.QueueConfigs),
      agentAvailabilityTimer: input.AgentAvailabilityTimer,
      tags: input.Tags,
    }),
  );
  return { RoutingProfileArn: arnOf("routingProfile", p, ctx.region), RoutingProfileId: p.id };
};
