// Routing records ⇄ Connect's wire shapes (PascalCase), shared by the routing operations. The password hash is
// never part of any output shape built here.
import { ARN_SEGMENT } from "../routing/base.js";
import type { QuickConnectConfig } from "../routing/quick-connects.js";
import type { NewUser, UserConfig } from "../routing/users.js";
import type { Channel, HoursOfOperation, HoursSlice, Kind, MediaConcurrency, PerChannel, ProfileQueue, Queue, QuickConnect, QuickConnectType, Resource, RoutingProfile, User } from "../routing/types.js";

export const arnOf = (kind: Kind, r: Resource, region: string) =>
  `arn:aws:connect:${region}:${r.accountId}:instance/${r.instanceId}/${ARN_SEGMENT[kind]}/${r.id}`;

const modified = (r: Resource, region: string) => ({ LastModifiedTime: new Date(r.updatedAt), LastModifiedRegion: region });

/** The summary List* operations return for every kind: Id, Arn, Name, LastModifiedTime/Region. */
export const summary = (kind: Kind, r: Resource, region: string) => ({ Id: r.id, Arn: arnOf(kind, r, region), Name: r.name, ...modified(r, region) });

export const queueOut = (q: Queue, region: string) => ({
  Name: q.name,
  QueueArn: arnOf("queue", q, region),
  QueueId: q.id,
  Description: q.description,
  OutboundCallerConfig: q.outboundCallerConfig,
  HoursOfOperationId: q.hoursOfOperationId,
  MaxContacts: q.maxContacts,
  Status: q.status,
  Tags: q.tags,
  ...modified(q, region),
});

export const concurrenciesIn = (list: { Channel?: string; Concurrency?: number; CrossChannelBehavior?: { BehaviorType?: string } }[]): MediaConcurrency[] =>
  list.map((m) => ({
    channel: m.Channel as Channel,
    concurrency: m.Concurrency!,
    ...(m.CrossChannelBehavior?.BehaviorType ? { crossChannelBehavior: m.CrossChannelBehavior.BehaviorType as MediaConcurrency["crossChannelBehavior"] } : {}),
  }));

export const queueConfigsIn = (list: { QueueReference?: { QueueId?: string; Channel?: string }; Priority?: number; Delay?: number }[] | undefined): ProfileQueue[] =>
  (list ?? []).map((c) => ({ queueId: c.QueueReference!.QueueId!, channel: c.QueueReference!.Channel as Channel, priority: c.Priority!, delay: c.Delay! }));

export const profileOut = (p: RoutingProfile, queues: ProfileQueue[], users: number, region: string) => ({
  InstanceId: p.instanceId,
  Name: p.name,
  RoutingProfileArn: arnOf("routingProfile", p, region),
  RoutingProfileId: p.id,
  Description: p.description,
  MediaConcurrencies: p.mediaConcurrencies.map((m) => ({
    Channel: m.channel,
    Concurrency: m.concurrency,
    CrossChannelBehavior: { BehaviorType: m.crossChannelBehavior ?? "ROUTE_CURRENT_CHANNEL_ONLY" },
  })),
  DefaultOutboundQueueId: p.defaultOutboundQueueId,
  Tags: p.tags,
  NumberOfAssociatedQueues: queues.length,
  NumberOfAssociatedManualAssignmentQueues: 0,
  NumberOfAssociatedUsers: users,
  AgentAvailabilityTimer: p.agentAvailabilityTimer,
  IsDefault: p.isDefault ?? false,
  AssociatedQueueIds: [...new Set(queues.map((q) => q.queueId))],
  ...modified(p, region),
});

type WirePerChannel = { Channel?: string };
const perChannel = <W extends WirePerChannel, T>(list: W[] | undefined, value: (w: W) => T): PerChannel<T>[] | undefined =>
  list?.map((w) => ({ channel: w.Channel as Channel, value: value(w) }));

export function userConfigIn(i: {
  AutoAcceptConfigs?: { Channel?: string; AutoAccept?: boolean }[];
  AfterContactWorkConfigs?: { Channel?: string; AfterContactWorkConfig?: { AfterContactWorkTimeLimit?: number } }[];
  PersistentConnectionConfigs?: { Channel?: string; PersistentConnection?: boolean }[];
}): UserConfig {
  return {
    autoAccept: perChannel(i.AutoAcceptConfigs, (w) => w.AutoAccept ?? false),
    afterContactWork: perChannel(i.AfterContactWorkConfigs, (w) => w.AfterContactWorkConfig?.AfterContactWorkTimeLimit ?? 0),
    persistentConnection: perChannel(i.PersistentConnectionConfigs, (w) => w.PersistentConnection ?? false),
  };
}

export function identityIn(i: { FirstName?: string; LastName?: string; Email?: string; SecondaryEmail?: string; Mobile?: string } | undefined): NewUser["identityInfo"] {
  return i && { firstName: i.FirstName, lastName: i.LastName, email: i.Email, secondaryEmail: i.SecondaryEmail, mobile: i.Mobile };
}

export function phoneIn(p: { PhoneType?: string; AutoAccept?: boolean; AfterContactWorkTimeLimit?: number; DeskPhoneNumber?: string; PersistentConnection?: boolean } | undefined): NewUser["phoneConfig"] {
  return p && {
    phoneType: (p.PhoneType ?? "SOFT_PHONE") as "SOFT_PHONE" | "DESK_PHONE",
    autoAccept: p.AutoAccept ?? false,
    afterContactWorkTimeLimit: p.AfterContactWorkTimeLimit ?? 0,
    deskPhoneNumber: p.DeskPhoneNumber,
    persistentConnection: p.PersistentConnection,
  };
}

/** The user as DescribeUser has it (SearchUsers' summary takes a subset). */
export function userOut(u: User, region: string) {
  const i = u.identityInfo;
  return {
    Id: u.id,
    Arn: arnOf("user", u, region),
    Username: u.name,
    IdentityInfo: i && { FirstName: i.firstName, LastName: i.lastName, Email: i.email, SecondaryEmail: i.secondaryEmail, Mobile: i.mobile },
    PhoneConfig: {
      PhoneType: u.phoneConfig.phoneType,
      AutoAccept: u.phoneConfig.autoAccept ?? false,
      AfterContactWorkTimeLimit: u.phoneConfig.afterContactWorkTimeLimit ?? 0,
      DeskPhoneNumber: u.phoneConfig.deskPhoneNumber,
      PersistentConnection: u.phoneConfig.persistentConnection,
    },
    DirectoryUserId: u.directoryUserId,
    SecurityProfileIds: u.securityProfileIds,
    RoutingProfileId: u.routingProfileId,
    HierarchyGroupId: u.hierarchyGroupId,
    Tags: u.tags,
    AutoAcceptConfigs: u.autoAccept.map((a) => ({ Channel: a.channel, AutoAccept: a.value })),
    AfterContactWorkConfigs: u.afterContactWork.map((a) => ({ Channel: a.channel, AfterContactWorkConfig: { AfterContactWorkTimeLimit: a.value } })),
    PersistentConnectionConfigs: u.persistentConnection.map((a) => ({ Channel: a.channel, PersistentConnection: a.value })),
    ...modified(u, region),
  };
}

const slice = (t: { Hours?: number; Minutes?: number }) => ({ hours: t.Hours!, minutes: t.Minutes! });

export const hoursConfigIn = (list: { Day?: string; StartTime?: { Hours?: number; Minutes?: number }; EndTime?: { Hours?: number; Minutes?: number } }[]): HoursSlice[] =>
  list.map((c) => ({ day: c.Day as HoursSlice["day"], start: slice(c.StartTime!), end: slice(c.EndTime!) }));

export const hoursOut = (h: HoursOfOperation, region: string) => ({
  HoursOfOperationId: h.id,
  HoursOfOperationArn: arnOf("hours", h, region),
  Name: h.name,
  Description: h.description,
  TimeZone: h.timeZone,
  Config: h.config.map((c) => ({ Day: c.day, StartTime: { Hours: c.start.hours, Minutes: c.start.minutes }, EndTime: { Hours: c.end.hours, Minutes: c.end.minutes } })),
  Tags: h.tags,
  ...modified(h, region),
});

/** A quick connect's QuickConnectConfig on the wire ⇄ the record's members (only its type's member is kept). */
export const quickConnectConfigIn = (c: {
  QuickConnectType?: string;
  UserConfig?: { UserId?: string; ContactFlowId?: string };
  QueueConfig?: { QueueId?: string; ContactFlowId?: string };
  PhoneConfig?: { PhoneNumber?: string };
  FlowConfig?: { ContactFlowId?: string };
}): QuickConnectConfig => ({
  type: c.QuickConnectType as QuickConnectType,
  userId: c.UserConfig?.UserId,
  queueId: c.QueueConfig?.QueueId,
  contactFlowId: c.UserConfig?.ContactFlowId ?? c.QueueConfig?.ContactFlowId ?? c.FlowConfig?.ContactFlowId,
  phoneNumber: c.PhoneConfig?.PhoneNumber,
});

export const quickConnectConfigOut = (q: QuickConnect) => ({
  QuickConnectType: q.type,
  ...(q.type === "USER" ? { UserConfig: { UserId: q.userId!, ContactFlowId: q.contactFlowId! } } : {}),
  ...(q.type === "QUEUE" ? { QueueConfig: { QueueId: q.queueId!, ContactFlowId: q.contactFlowId! } } : {}),
  ...(q.type === "PHONE_NUMBER" ? { PhoneConfig: { PhoneNumber: q.phoneNumber! } } : {}),
  ...(q.type === "FLOW" ? { FlowConfig: { ContactFlowId: q.contactFlowId! } } : {}),
});

export const quickConnectSummary = (q: QuickConnect, region: string) => ({ ...summary("quickConnect", q, region), QuickConnectType: q.type });
