// DescribeHoursOfOperation — the schedule as created.
import type { Handler } from "./context.js";
import { hoursOut } from "./routing-wire.js";

export const DescribeHoursOfOperation: Handler<"DescribeHoursOfOperation"> = async (input, ctx) => {
  const h = await ctx.tx(({ routing }) => routing.queues.describeHours(ctx.caller, input.InstanceId!, input.HoursOfOperationId!));
  return { HoursOfOperation: hoursOut(h, ctx.region) };
};
