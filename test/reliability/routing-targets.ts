// Fuzz targets of the routing configuration operations (issue 17): a realistic body against the seeded built-ins
// and agent, and well-typed refusals that reach the domain (duplicates, unknown references, Connect's rules).
import { INSTANCE, OTHER_INSTANCE } from "../support/server.js";
import type { Seeded } from "./seed.js";
import type { Target } from "./operations.js";

export function routingTargets(s: Seeded): Target[] {
  const r = s.routing;
  const I = INSTANCE;
  const chat = (Concurrency: number) => [{ Channel: "CHAT", Concurrency }];
  const qc = (QueueId: string, Priority = 1, Delay = 0) => ({ QueueReference: { QueueId, Channel: "CHAT" }, Priority, Delay });
  const slice = (Day: string, from: number, to: number) => ({ Day, StartTime: { Hours: from, Minutes: 0 }, EndTime: { Hours: to, Minutes: 0 } });
  return [
    {
      name: "CreateQueue",
      method: "PUT",
      path: `/queues/${I}`,
      base: { Name: "Fuzz queue", Description: "d", HoursOfOperationId: r.hoursId, MaxContacts: 5, Tags: { a: "b" } },
      refusals: [{ Name: "BasicQueue" }, { HoursOfOperationId: "nope" }, { MaxContacts: -1 }, { Name: "" }, { Name: "x".repeat(128) }],
    },
    { name: "UpdateQueueStatus", method: "POST", path: `/queues/${I}/${r.queueId}/status`, base: { Status: "ENABLED" }, refusals: [{ Status: "PAUSED" }] },
    { name: "UpdateQueueMaxContacts", method: "POST", path: `/queues/${I}/${r.queueId}/max-contacts`, base: { MaxContacts: 5 }, refusals: [{ MaxContacts: -1 }] },
    {
      name: "CreateRoutingProfile",
      method: "PUT",
      path: `/routing-profiles/${I}`,
      base: { Name: "Fuzz profile", Description: "d", DefaultOutboundQueueId: r.queueId, MediaConcurrencies: chat(2), QueueConfigs: [qc(r.queueId)] },
      refusals: [
        { Name: "Basic Routing Profile" },
        { DefaultOutboundQueueId: "nope" },
        { MediaConcurrencies: chat(11) },
        { MediaConcurrencies: [{ Channel: "VOICE", Concurrency: 2 }] },
        { MediaConcurrencies: [...chat(1), ...chat(2)] },
        { QueueConfigs: [qc("nope")] },
        { QueueConfigs: [qc(r.queueId, 100)] },
        { QueueConfigs: [qc(r.queueId), qc(r.queueId, 2)] },
      ],
    },
    {
      name: "UpdateRoutingProfileConcurrency",
      method: "POST",
      path: `/routing-profiles/${I}/${r.profileId}/concurrency`,
      base: { MediaConcurrencies: chat(3) },
      refusals: [{ MediaConcurrencies: chat(11) }, { MediaConcurrencies: chat(0) }, { MediaConcurrencies: [{ Channel: "VOICE", Concurrency: 2 }] }],
    },
    {
      name: "AssociateRoutingProfileQueues",
      method: "POST",
      path: `/routing-profiles/${I}/${r.profileId}/associate-queues`,
      base: { QueueConfigs: [qc(r.queueId, 2, 10)] },
      refusals: [{ QueueConfigs: [qc("nope")] }, { QueueConfigs: [qc(r.queueId, 0)] }, { QueueConfigs: [qc(r.queueId, 1, 10_000)] }, { QueueConfigs: [qc(r.queueId), qc(r.queueId)] }],
    },
    {
      name: "CreateUser",
      method: "PUT",
      path: `/users/${I}`,
      base: {
        Username: "fuzz.user", Password: "Fuzz1Password", RoutingProfileId: r.profileId, SecurityProfileIds: [r.securityProfileId],
        IdentityInfo: { FirstName: "F", LastName: "U", Email: "f@example.com" }, PhoneConfig: { PhoneType: "SOFT_PHONE", AutoAccept: false },
        AutoAcceptConfigs: [{ Channel: "CHAT", AutoAccept: true }],
      },
      refusals: [
        { Password: "weak" },
        { Password: "nouppercase1" },
        { Password: undefined },
        { Username: r.username },
        { Username: "bad name" },
        { RoutingProfileId: "nope" },
        { SecurityProfileIds: ["nope"] },
        { SecurityProfileIds: [] },
        { PhoneConfig: { PhoneType: "FAX" } },
      ],
    },
    {
      name: "SearchUsers",
      method: "POST",
      path: "/search-users",
      base: { InstanceId: I, SearchCriteria: { StringCondition: { FieldName: "Username", Value: "s", ComparisonType: "STARTS_WITH" } }, MaxResults: 10 },
      refusals: [
        { MaxResults: 501 },
        { NextToken: "not-a-token" },
        { InstanceId: OTHER_INSTANCE },
        { SearchCriteria: { StringCondition: { FieldName: "Shoe", Value: "x", ComparisonType: "EXACT" } } },
        { SearchCriteria: { ListCondition: { TargetListType: "PROFICIENCIES" } } },
        { SearchCriteria: { StringCondition: { FieldName: "Username", Value: "x", ComparisonType: "SOUNDS_LIKE" } } },
      ],
    },
    { name: "UpdateUserRoutingProfile", method: "POST", path: `/users/${I}/${r.userId}/routing-profile`, base: { RoutingProfileId: r.profileId }, refusals: [{ RoutingProfileId: "nope" }] },
    {
      name: "UpdateUserConfig",
      method: "POST",
      path: `/users/${I}/${r.userId}/config`,
      base: { AutoAcceptConfigs: [{ Channel: "CHAT", AutoAccept: true }], AfterContactWorkConfigs: [{ Channel: "CHAT", AfterContactWorkConfig: { AfterContactWorkTimeLimit: 30 } }] },
      refusals: [{ AutoAcceptConfigs: [{ Channel: "FAX", AutoAccept: true }] }, { AfterContactWorkConfigs: [{ Channel: "CHAT", AfterContactWorkConfig: { AfterContactWorkTimeLimit: -1 } }] }],
    },
    {
      name: "CreateAgentStatus",
      method: "PUT",
      path: `/agent-status/${I}`,
      base: { Name: "Fuzz status", Description: "d", State: "ENABLED", DisplayOrder: 3 },
      refusals: [{ Name: "Available" }, { State: "MAYBE" }, { DisplayOrder: 51 }, { Name: "" }],
    },
    // The matcher (issue 17): TransferContact, and the agent-side extensions (the seeded agent has no offer: 4xx).
    {
      name: "TransferContact",
      method: "POST",
      path: "/contact/transfer",
      base: { InstanceId: I, ContactId: s.webContactId, QueueId: r.queueId, ContactFlowId: "transfer-flow" },
      refusals: [{ QueueId: "nope" }, { QueueId: undefined, UserId: "nope" }, { UserId: r.userId }, { ContactId: "nope" }, { InstanceId: OTHER_INSTANCE }],
    },
    {
      name: "GetCurrentUserData",
      method: "POST",
      path: `/metrics/userdata/${I}`,
      base: { Filters: { Agents: [r.userId], Queues: [r.queueId] }, MaxResults: 10 },
      refusals: [{ Filters: { Agents: [] } }, { MaxResults: 101 }, { Filters: undefined }],
    },
    // The seeded agent has the Agent security profile only (no "Manager monitor"): every MonitorContact is refused.
    {
      name: "MonitorContact",
      method: "POST",
      path: "/contact/monitor",
      base: { InstanceId: I, ContactId: s.webContactId, UserId: r.userId, AllowedMonitorCapabilities: ["SILENT_MONITOR", "BARGE"] },
      refusals: [{}, { UserId: "nope" }, { ContactId: "nope" }, { AllowedMonitorCapabilities: ["WATCH"] }, { InstanceId: OTHER_INSTANCE }, { UserId: undefined }],
    },
    // Quick connects: the seeded instance has none, so the update and association targets aim at unknown ids.
    {
      name: "CreateQuickConnect",
      method: "PUT",
      path: `/quick-connects/${I}`,
      base: { Name: "Fuzz quick connect", Description: "d", QuickConnectConfig: { QuickConnectType: "QUEUE", QueueConfig: { QueueId: r.queueId, ContactFlowId: "f" } } },
      refusals: [
        { QuickConnectConfig: { QuickConnectType: "USER", QueueConfig: { QueueId: r.queueId, ContactFlowId: "f" } } },
        { QuickConnectConfig: { QuickConnectType: "QUEUE", QueueConfig: { QueueId: "nope", ContactFlowId: "f" } } },
        { QuickConnectConfig: { QuickConnectType: "USER", UserConfig: { UserId: "nope", ContactFlowId: "f" } } },
        { QuickConnectConfig: { QuickConnectType: "PHONE_NUMBER", PhoneConfig: { PhoneNumber: "12" } } },
        { QuickConnectConfig: { QuickConnectType: "CALL" } },
        { Name: "" },
        { Name: "BasicQueue", QuickConnectConfig: { QuickConnectType: "FLOW" } },
      ],
    },
    {
      name: "UpdateQuickConnectConfig",
      method: "POST",
      path: `/quick-connects/${I}/nope/config`,
      base: { QuickConnectConfig: { QuickConnectType: "FLOW", FlowConfig: { ContactFlowId: "f" } } },
      refusals: [{}, { QuickConnectConfig: { QuickConnectType: "USER", UserConfig: { UserId: r.userId, ContactFlowId: "f" } } }],
    },
    { name: "UpdateQuickConnectName", method: "POST", path: `/quick-connects/${I}/nope/name`, base: { Name: "x", Description: "d" }, refusals: [{}, { Name: "" }] },
    ...(["AssociateQueueQuickConnects", "DisassociateQueueQuickConnects"] as const).map((name) => ({
      name,
      method: "POST",
      path: `/queues/${I}/${name === "AssociateQueueQuickConnects" ? r.queueId : "nope"}/${name === "AssociateQueueQuickConnects" ? "associate" : "disassociate"}-quick-connects`,
      base: { QuickConnectIds: ["nope"] },
      refusals: [{}, { QuickConnectIds: [] }, { QuickConnectIds: Array.from({ length: 51 }, (_, i) => `q${i}`) }],
    })),
    {
      name: "GetCurrentMetricData",
      method: "POST",
      path: `/metrics/current/${I}`,
      base: { Filters: { Queues: [r.queueId], Channels: ["CHAT"] }, Groupings: ["QUEUE", "CHANNEL"], CurrentMetrics: [{ Name: "CONTACTS_IN_QUEUE", Unit: "COUNT" }, { Name: "OLDEST_CONTACT_AGE", Unit: "SECONDS" }], MaxResults: 10 },
      refusals: [
        { Filters: {} }, { Filters: { Queues: ["nope"] } }, { CurrentMetrics: [] }, { CurrentMetrics: [{ Name: "OLDEST_CONTACT_AGE", Unit: "COUNT" }] },
        { Groupings: ["QUEUE", "QUEUE"] }, { Groupings: ["AGENT_STATUS"] }, { Filters: { Queues: [r.queueId], Channels: ["EMAIL"] } }, { NextToken: "bm9wZQ" }, { MaxResults: 0 },
      ],
    },
    ...(["AcceptContact", "RejectContact", "CompleteContactWork"] as const).map((name) => ({
      name,
      method: "POST",
      path: { AcceptContact: "/contact/accept", RejectContact: "/contact/reject", CompleteContactWork: "/contact/complete-work" }[name],
      base: { InstanceId: I, ContactId: s.webContactId, UserId: r.userId },
      refusals: [{ UserId: "nope" }, { UserId: undefined }, { ContactId: "nope" }, {}, { InstanceId: OTHER_INSTANCE }],
    })),
    // Quick responses (issue 15, our extension): refusals by the model's bounds, blank text, an unknown id, a foreign instance.
    {
      name: "CreateQuickResponse",
      method: "PUT",
      path: `/quick-responses/${I}`,
      base: { Name: "Fuzz reply", Content: "Hello $.Attributes.firstName" },
      refusals: [{ Name: "" }, { Name: " " }, { Content: "\t\n" }, { Content: "x".repeat(1025) }, { Name: "n".repeat(101) }, { Name: undefined }],
    },
    { name: "UpdateQuickResponse", method: "POST", path: `/quick-responses/${I}/nope`, base: { Name: "Renamed" }, refusals: [{}, { Name: " " }, { Content: "" }, { Content: "x" }] },
    {
      name: "SearchQuickResponses",
      method: "POST",
      path: "/search-quick-responses",
      base: { InstanceId: I, QueryText: "hello", MaxResults: 10 },
      refusals: [{ InstanceId: OTHER_INSTANCE }, { InstanceId: undefined }, { MaxResults: 0 }, { NextToken: "bm9wZQ" }, { QueryText: "q".repeat(201) }],
    },
    { name: "PutUserStatus", method: "PUT", path: `/users/${I}/${r.userId}/status`, base: { AgentStatusId: r.availableId }, refusals: [{ AgentStatusId: "nope" }] },
    {
      name: "CreateHoursOfOperation",
      method: "PUT",
      path: `/hours-of-operations/${I}`,
      base: { Name: "Fuzz hours", TimeZone: "UTC", Config: [slice("MONDAY", 9, 17)] },
      refusals: [
        { Name: "Basic Hours" },
        { TimeZone: "Mars/Base" },
        { Config: [slice("FUNDAY", 9, 17)] },
        { Config: [slice("MONDAY", 24, 1)] },
        { Config: [slice("MONDAY", 9, 60)] },
        { Config: [slice("MONDAY", 9, 17), slice("MONDAY", 9, 17)] },
      ],
    },
  ];
}
