// What session credentials (a signed-in agent, src/auth) may do: operations their grants name, in their own
// instance only, and a "self" grant only on their own user. Checked after the input is decoded (the instance and
// user are in it), before the operation runs; a refusal is AWS's AccessDeniedException and changes nothing.
import { AccessDeniedException } from "../api/errors.js";
import type { SessionScope } from "./sigv4.js";

/** The operations take the instance by id (as this server resolves it everywhere), not by ARN. */
const sameInstance = (given: unknown, instanceId: string): boolean => given === instanceId;

/** The users a request is about, for "self" grants: UserId, or GetCurrentUserData's Filters.Agents. */
function namedUsers(input: Record<string, unknown>): unknown[] {
  if (input.UserId !== undefined) return [input.UserId];
  const agents = (input.Filters as { Agents?: unknown } | undefined)?.Agents;
  return Array.isArray(agents) ? agents : [];
}

export function checkScope(scope: SessionScope, accessKeyId: string, operation: string, input: Record<string, unknown>): void {
  const deny = (why: string) => new AccessDeniedException(`User: ${accessKeyId} is not authorized to perform: connect:${operation} (${why})`);
  const grant = Object.prototype.hasOwnProperty.call(scope.grants, operation) ? scope.grants[operation] : undefined;
  if (grant === undefined) throw deny("no security profile of this user allows it");
  if (!sameInstance(input.InstanceId, scope.instanceId)) throw deny(`these credentials are for instance ${scope.instanceId} only`);
  if (grant === "self") {
    const users = namedUsers(input);
    const own = (u: unknown) => u === scope.userId || (typeof u === "string" && u.endsWith(`/agent/${scope.userId}`));
    if (users.length === 0 || !users.every(own)) throw deny("this user may do it on their own user only");
  }
}
