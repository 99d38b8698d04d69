// GetContactAttributes — the user-defined attributes of a chat, addressed by its initial contact id.
import type { Handler } from "./context.js";

export const GetContactAttributes: Handler<"GetContactAttributes"> = async (input, ctx) => {
  const c = await ctx.tx(({ chats }) => chats.contact(ctx.caller, input.InstanceId!, input.InitialContactId!, "InitialContactId"));
  return { Attributes: c.attributes };
};
