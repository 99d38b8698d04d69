// DisconnectParticipant — the customer leaving ends the chat (left, chat.ended); anyone else only leaves.
// Knowingly differs from AWS: an agent or bot leaving does not end the chat (no disconnect flow runs here);
// the customer can keep writing and another participant can join.
import type { Handler } from "./context.js";

export const DisconnectParticipant: Handler<"DisconnectParticipant"> = async (_input, ctx) => {
  await ctx.tx(({ participants, me }) => participants.disconnect(me));
  return {};
};
