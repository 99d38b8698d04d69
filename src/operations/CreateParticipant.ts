// CreateParticipant — adds a CUSTOM_BOT or SUPERVISOR (as Connect) or an AGENT (our extension) to an active chat.
import type { Handler } from "./context.js";

export const CreateParticipant: Handler<"CreateParticipant"> = async (input, ctx) => {
  const d = input.ParticipantDetails;
  const r = await ctx.tx(({ participants }) => participants.addParticipant(ctx.caller, input.InstanceId!, input.ContactId!, d?.ParticipantRole, d?.DisplayName));
  return { ParticipantId: r.participantId, ParticipantCredentials: { ParticipantToken: r.participantToken, Expiry: r.expiry } };
};
