// CreateQueue — a STANDARD queue, ENABLED, on existing hours of operation; a taken name is DuplicateResourceException.
// Knowingly differs from AWS: OutboundEmailConfig and EmailAddressesConfig are accepted and not kept (no email
// channel); QuickConnectIds are kept unchecked (quick connects come with transfers).
import type { Handler } from "./context.js";
import { arnOf } from "./routing-wire.js";

export const CreateQueue: Handler<"CreateQueue"> = async (input, ctx) => {
  const q = await ctx.tx(({ routing }) =>
    routing.queues.create(ctx.caller, input.InstanceId!, {
      name: input.Name!,
      description: input.Description,
      hoursOfOperationId: input.HoursOfOperationId!,
      maxContacts: input.MaxContacts,
      outboundCallerConfig: input.OutboundCallerConfig as Record<string, unknown> | undefined,
      quickConnectIds: input.QuickConnectIds,
      tags: input.Tags,
    }),
  );
  return { QueueArn: arnOf("queue", q, ctx.region), QueueId: q.id };
};
