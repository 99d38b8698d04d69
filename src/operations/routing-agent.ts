// Who acts in the agent-side operations: an agent signed in as a user acts as themselves (UserId, if given, must be
// them); a caller with access keys (a supervisor's tool, a test) names the agent with UserId.
import { AccessDeniedException, InvalidRequestException } from "../api/errors.js";
import type { Caller } from "../domain/types.js";

export function actingUser(caller: Caller, userId: string | undefined): string {
  if (caller.userId) {
    if (userId !== undefined && userId !== caller.userId) throw new AccessDeniedException("A signed-in agent acts only as themselves");
    return caller.userId;
  }
  if (!userId) throw new InvalidRequestException("UserId is required when the caller is not signed in as an agent");
  return userId;
}
