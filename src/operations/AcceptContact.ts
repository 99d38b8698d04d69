// AcceptContact — connect-chat extension (Connect's CCP accepts through a private agent API): the agent accepts the
// chat offered to them and joins as its AGENT participant; the answer is CreateParticipant's (a participant token
// for CreateParticipantConnection). On a chat the agent already has (AutoAccept joined them), a new token; for a
// supervisor monitoring the chat (MonitorContact), a token for their SUPERVISOR participant.
import type { Handler } from "./context.js";
import { actingUser } from "./routing-agent.js";

export const AcceptContact: Handler<"AcceptContact"> = async (input, ctx) => {
  const userId = actingUser(ctx.caller, input.UserId);
  const r = await ctx.tx(({ routed }) => routed.accept(ctx.caller, input.InstanceId!, input.ContactId!, userId));
  return { ParticipantId: r.participantId, ParticipantCredentials: { ParticipantToken: r.participantToken, Expiry: r.expiry } };
};
