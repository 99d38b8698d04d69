// UpdateContactAttributes — merges attributes into a chat's (ongoing or ended), keeping the 32 KB limit.
import type { Handler } from "./context.js";

export const UpdateContactAttributes: Handler<"UpdateContactAttributes"> = async (input, ctx) => {
  await ctx.tx(({ chats }) => chats.updateAttributes(ctx.caller, input.InstanceId!, input.InitialContactId!, input.Attributes ?? {}));
  return {};
};
