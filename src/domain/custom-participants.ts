// CreateParticipant's rules for chat, as Connect documents them for custom participants: the model allows only
// CUSTOM_BOT for a chat (AGENT is this server's extension, so agents can join without a routing engine); a custom
// participant needs a DisplayName, cannot join while an agent is present, only one is in a contact at a time, and it
// is disconnected when an agent joins. ParticipantCapabilities (video, screen sharing) are for WebRTC calls only.
import { InvalidRequestException, ServiceQuotaExceededException } from "../api/errors.js";
import type { Participant, ParticipantRole } from "./types.js";

/** Roles CreateParticipant accepts for a chat: Connect's CUSTOM_BOT, and AGENT as our extension. */
export const ADDABLE_ROLES: readonly ParticipantRole[] = ["CUSTOM_BOT", "AGENT"];

export interface AddRequest {
  role?: string;
  displayName?: string;
  /** Whether ParticipantCapabilities was sent. */
  capabilities: boolean;
}

/** Checks the request alone (before the contact is read). */
export function checkAddRequest(r: AddRequest): ParticipantRole {
  if (!r.role || !ADDABLE_ROLES.includes(r.role as ParticipantRole))
    throw new InvalidRequestException(`ParticipantDetails.ParticipantRole must be CUSTOM_BOT for a chat (or AGENT, this server's extension); got '${r.role ?? ""}'`);
  if (r.capabilities) throw new InvalidRequestException("ParticipantDetails.ParticipantCapabilities applies to WebRTC calls, not to chat contacts");
  if (r.role === "CUSTOM_BOT" && r.displayName === undefined) throw new InvalidRequestException("ParticipantDetails.DisplayName is required for a CUSTOM_BOT");
  return r.role as ParticipantRole;
}

/**
 * Checks the role against who is present; returns the custom participants an arriving agent disconnects.
 * `present`: the contact's participants that have not left.
 */
export function admit(role: ParticipantRole, present: readonly Participant[]): Participant[] {
  const bots = present.filter((p) => p.role === "CUSTOM_BOT");
  if (role === "CUSTOM_BOT") {
    if (present.some((p) => p.role === "AGENT")) throw new InvalidRequestException("A custom participant cannot be added to a contact that already has an agent");
    if (bots.length) throw new ServiceQuotaExceededException("A contact can have only one custom participant at a time");
    return [];
  }
  return bots;
}
