// CreateParticipant — adds a CUSTOM_BOT (as Connect: one at a time, not beside an agent, DisplayName required) or an
// AGENT (our extension, so agents can join; it disconnects a custom bot present, as an agent joining does in Connect)
// to an active chat. Other roles and ParticipantCapabilities are refused, as the model has them for chat.
import type { Handler } from "./context.js";

export const CreateParticipant: Handler<"CreateParticipant"> = async (input, ctx) => {
  const d = input.ParticipantDetails;
  const r = await ctx.tx(({ participants }) =>
    participants.addParticipant(ctx.caller, input.InstanceId!, input.ContactId!, d?.ParticipantRole, d?.DisplayName, d?.ParticipantCapabilities !== undefined),
  );
  return { ParticipantId: r.participantId, ParticipantCredentials: { ParticipantToken: r.participantToken, Expiry: r.expiry } };
};
