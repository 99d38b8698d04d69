// What a signed-in user may call: Connect's security-profile permissions (the names ListSecurityProfilePermissions
// has, as the built-in profiles of src/routing/defaults.ts carry them) mapped to the operations they open. A user
// gets the union over all their profiles; "any" beats "self". Everything not granted is AccessDeniedException.
// Operations of the routing extension (AcceptContact …) and metrics are listed by name before they exist: a name
// with no operation behind it opens nothing. Participant-service operations are not here: they authenticate on the
// participant's own token, which an agent gets by accepting a contact of theirs.
import type { Grant } from "../domain/sessions.js";

const any = (...ops: string[]) => ops.map((op) => [op, "any"] as const);
const self = (...ops: string[]) => ops.map((op) => [op, "self"] as const);

/** Permission → operations. `self`: only with the caller's own UserId (or Filters.Agents = [own id]). */
export const PERMISSION_OPERATIONS: Record<string, readonly (readonly [string, Grant])[]> = {
  // The agent workspace (CCP): own user and status, the instance's contacts, what routing offers them.
  BasicAgentAccess: [
    ...self("DescribeUser", "PutUserStatus", "GetCurrentUserData"),
    ...any("ListAgentStatuses", "ListQueues", "DescribeContact", "SearchContacts", "GetContactAttributes", "UpdateContactAttributes"),
    ...any("AcceptContact", "RejectContact", "CompleteContactWork", "TransferContact"),
    // Quick responses (our extension): every agent reads the instance's canned replies in the reply box.
    ...any("SearchQuickResponses"),
  ],
  OutboundCallAccess: any("StartOutboundChatContact"),
  "TransferDestinations.View": any("ListQueues", "ListQuickConnects", "DescribeQuickConnect", "ListQueueQuickConnects"),
  "TransferDestinations.Create": any("CreateQuickConnect"),
  "TransferDestinations.Edit": any("UpdateQuickConnectConfig", "UpdateQuickConnectName"),
  "TransferDestinations.Delete": any("DeleteQuickConnect"),
  "Users.View": any("DescribeUser", "ListUsers", "SearchUsers", "ListSecurityProfiles", "GetCurrentUserData"),
  "Users.Edit": any("UpdateUserRoutingProfile", "UpdateUserConfig", "PutUserStatus"),
  "Users.Create": any("CreateUser", "ListSecurityProfiles"),
  "Users.Delete": any("DeleteUser"),
  "RoutingPolicies.View": any("DescribeRoutingProfile", "ListRoutingProfiles"),
  "RoutingPolicies.Edit": any("UpdateRoutingProfileConcurrency", "AssociateRoutingProfileQueues"),
  "RoutingPolicies.Create": any("CreateRoutingProfile"),
  "Queues.View": any("DescribeQueue", "ListQueues"),
  "Queues.Edit": any("UpdateQueueStatus", "UpdateQueueMaxContacts", "AssociateQueueQuickConnects", "DisassociateQueueQuickConnects"),
  "Queues.Create": any("CreateQueue"),
  "HoursOfOperation.View": any("DescribeHoursOfOperation"),
  "HoursOfOperation.Create": any("CreateHoursOfOperation"),
  "AgentStates.View": any("ListAgentStatuses"),
  "AgentStates.Create": any("CreateAgentStatus"),
  AccessMetrics: any("GetCurrentMetricData", "GetCurrentUserData"),
  // "Manager monitor": MonitorContact (src/domain/monitor.ts checks the monitoring user's own profiles too).
  // Supervisors (the console shows All chats and Monitor to this permission) also manage the instance's quick
  // responses: Connect gates them by its own Q in Connect permissions, which this server does not have.
  ManagerListenIn: any("MonitorContact", "CreateQuickResponse", "UpdateQuickResponse", "DeleteQuickResponse", "SearchQuickResponses"),
  "ContactSearch.View": any("SearchContacts", "DescribeContact", "GetContactAttributes"),
  "ContactFlows.View": any("DescribeContactFlow", "ListContactFlows"),
  "ContactFlows.Edit": any("UpdateContactFlowContent", "UpdateContactFlowName", "UpdateContactFlowMetadata"),
  "ContactFlows.Create": any("CreateContactFlow"),
  "ContactFlows.Delete": any("DeleteContactFlow"),
};

/**
 * The grants of a set of profiles' permissions. `*` (Admin) opens every operation of `allOperations` (the Connect
 * operations served; still only in the session's instance).
 */
export function grantsOf(permissionLists: readonly (readonly string[])[], allOperations: readonly string[]): Record<string, Grant> {
  const out: Record<string, Grant> = {};
  const give = (op: string, g: Grant) => {
    if (out[op] !== "any") out[op] = g;
  };
  for (const list of permissionLists)
    for (const p of list) {
      if (p === "*") for (const op of allOperations) give(op, "any");
      for (const [op, g] of PERMISSION_OPERATIONS[p] ?? []) give(op, g);
    }
  return out;
}
