// SendMessage — a participant's message: appended to the transcript and pushed to everyone in the chat.
import type { Handler } from "./context.js";

export const SendMessage: Handler<"SendMessage"> = async (input, ctx) => {
  const item = await ctx.tx(({ participants, me }) => participants.sendMessage(me, input.ContentType!, input.Content!));
  return { Id: item.body.Id, AbsoluteTime: item.body.AbsoluteTime };
};
