// UpdateQueueMaxContacts — the most contacts the queue holds at once; without MaxContacts, no limit of its own.
import type { Handler } from "./context.js";

export const UpdateQueueMaxContacts: Handler<"UpdateQueueMaxContacts"> = async (input, ctx) => {
  await ctx.tx(({ routing }) => routing.queues.setMaxContacts(ctx.caller, input.InstanceId!, input.QueueId!, input.MaxContacts));
  return {};
};
