// CreateHoursOfOperation — a named weekly schedule in an IANA TimeZone (00:00–00:00 is a whole day); a taken name is
// DuplicateResourceException. Knowingly differs from AWS: ParentHoursOfOperationConfigs are accepted and not kept.
import type { Handler } from "./context.js";
import { arnOf, hoursConfigIn } from "./routing-wire.js";

export const CreateHoursOfOperation: Handler<"CreateHoursOfOperation"> = async (input, ctx) => {
  const h = await ctx.tx(({ routing }) =>
    routing.queues.createHours(ctx.caller, input.InstanceId!, { name: input.Name!, description: input.Description, timeZone: input.TimeZone!, config: hoursConfigIn(input.Config!), tags: input.Tags }),
  );
  return { HoursOfOperationId: h.id, HoursOfOperationArn: arnOf("hours", h, ctx.region) };
};
