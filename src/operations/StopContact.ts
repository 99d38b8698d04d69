// StopContact — ends a chat for every participant. Stopping a chat that has already ended is
// ContactNotFoundException (410): Connect reports a contact that is not active that way.
import { ContactNotFoundException } from "../api/errors.js";
import type { Handler } from "./context.js";

export const StopContact: Handler<"StopContact"> = async (input, ctx) => {
  const r = await ctx.tx(({ chats }) => chats.stop(ctx.caller, input.InstanceId!, input.ContactId!));
  if (r === "NOT_ACTIVE") throw new ContactNotFoundException(`Contact '${input.ContactId}' is not active`);
  return {};
};
