// UpdateParticipantRoleConfig — a chat's participant timers (idle and auto-disconnect, for the customer and agents,
// 2–480 minutes; `Unset` removes one). Stored on the contact; timers run as src/domain/participant-timers.ts says.
import { InvalidRequestException } from "../api/errors.js";
import type { Handler } from "./context.js";

export const UpdateParticipantRoleConfig: Handler<"UpdateParticipantRoleConfig"> = async (input, ctx) => {
  // ChannelConfiguration is a union with one member today (Chat).
  const list = input.ChannelConfiguration?.Chat?.ParticipantTimerConfigList;
  if (!list) throw new InvalidRequestException("ChannelConfiguration.Chat.ParticipantTimerConfigList is required");
  await ctx.tx(({ chats }) => chats.updateParticipantRoleConfig(ctx.caller, input.InstanceId!, input.ContactId!, list));
  return {};
};
