// StopContactStreaming — stops streaming to one endpoint; items already queued are still delivered.
import type { Handler } from "./context.js";

export const StopContactStreaming: Handler<"StopContactStreaming"> = async (input, ctx) => {
  await ctx.tx(({ chats }) => chats.stopStreaming(ctx.caller, input.InstanceId!, input.ContactId!, input.StreamingId!));
  return {};
};
