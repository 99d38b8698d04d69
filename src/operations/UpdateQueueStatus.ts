// UpdateQueueStatus — ENABLED or DISABLED (a disabled queue takes no new contacts; its waiting ones still route).
import type { Handler } from "./context.js";

export const UpdateQueueStatus: Handler<"UpdateQueueStatus"> = async (input, ctx) => {
  await ctx.tx(async ({ routing, routingChanged }) => {
    await routing.queues.setStatus(ctx.caller, input.InstanceId!, input.QueueId!, input.Status!);
    routingChanged(); // agents may be offered waiting chats now
  });
  return {};
};
