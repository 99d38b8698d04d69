// SendEvent — typing (pushed, not kept), delivered/read receipts (kept on the message, pushed as
// MESSAGEMETADATA) and connection.acknowledged (no item). Receipts with more than two participants present
// are a ConflictException, as in Connect.
import type { Handler } from "./context.js";

export const SendEvent: Handler<"SendEvent"> = async (input, ctx) => {
  const r = await ctx.tx(({ participants, me }) => participants.sendEvent(me, input.ContentType!, input.Content));
  return { Id: r.id, AbsoluteTime: r.absoluteTime };
};
