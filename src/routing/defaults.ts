// What every instance has from its creation, as Connect creates it: Basic Hours, BasicQueue, Basic Routing Profile,
// the Available (ROUTABLE) and Offline (OFFLINE) agent statuses and the Admin, Agent, CallCenterManager and
// QualityAnalyst security profiles. Created at start when missing (by name), never overwritten: an operator's
// changes through the API stay. Our choices where Connect's values are not published: Basic Hours is 24x7 in UTC;
// Basic Routing Profile takes VOICE 1 and CHAT 2 from BasicQueue at priority 1, delay 0.
import type { HoursSlice, MediaConcurrency, ProfileQueue } from "./types.js";

const DAYS: HoursSlice["day"][] = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"];

export const BASIC_HOURS = {
  name: "Basic Hours",
  description: "This is the default hours of operation",
  timeZone: "UTC",
  config: DAYS.map((day) => ({ day, start: { hours: 0, minutes: 0 }, end: { hours: 0, minutes: 0 } })),
};

export const BASIC_QUEUE = { name: "BasicQueue", description: "A simple, basic voice queue." };

export const BASIC_PROFILE = {
  name: "Basic Routing Profile",
  description: "A simple, basic routing profile.",
  mediaConcurrencies: [
    { channel: "VOICE", concurrency: 1 },
    { channel: "CHAT", concurrency: 2 },
  ] satisfies MediaConcurrency[],
  queues: (queueId: string): ProfileQueue[] => [
    { queueId, channel: "VOICE", priority: 1, delay: 0 },
    { queueId, channel: "CHAT", priority: 1, delay: 0 },
  ],
};

export const BUILT_IN_STATUSES = [
  { name: "Available", type: "ROUTABLE" as const, description: "Agent is available to take contacts", displayOrder: 1 },
  { name: "Offline", type: "OFFLINE" as const, description: "Agent is offline", displayOrder: 2 },
];

/** Permission names as Connect's ListSecurityProfilePermissions has them; `*` (Admin): every permission. */
export const BUILT_IN_SECURITY_PROFILES = [
  { name: "Admin", description: "Full access to every feature of the instance", permissions: ["*"] },
  { name: "Agent", description: "Access to the agent workspace", permissions: ["BasicAgentAccess", "OutboundCallAccess", "TransferDestinations.View"] },
  {
    name: "CallCenterManager",
    description: "Manages users, routing and metrics",
    permissions: [
      "BasicAgentAccess", "OutboundCallAccess", "TransferDestinations.View", "Users.View", "Users.Edit", "Users.Create", "Users.Delete",
      "RoutingPolicies.View", "RoutingPolicies.Edit", "RoutingPolicies.Create", "Queues.View", "Queues.Edit", "Queues.Create",
      "HoursOfOperation.View", "AgentStates.View", "AgentStates.Edit", "AgentStates.Create", "AccessMetrics", "ContactSearch.View",
      "ManagerListenIn",
    ],
  },
  { name: "QualityAnalyst", description: "Reviews contacts and metrics", permissions: ["AccessMetrics", "ContactSearch.View", "ListenCallRecordings"] },
];
