// Routing records ⇄ table rows, shared by both adapters: which table holds each kind, and the frame every object
// row has (id, account, instance, name, updated_at, data JSON) plus the users' own columns.
import type { Kind, KindRecords, ProfileAgents, ProfileQueue, QueueLoad, RoutingWork, UserStatus, WorkState } from "../routing/types.js";

export const TABLE: Record<Kind, string> = {
  queue: "queues",
  quickConnect: "quick_connects",
  quickResponse: "quick_responses",
  routingProfile: "routing_profiles",
  user: "users",
  agentStatus: "agent_statuses",
  securityProfile: "security_profiles",
  hours: "hours_of_operation",
};
export const KINDS = Object.keys(TABLE) as Kind[];

export interface ResourceRow {
  id: string;
  account_id: string;
  instance_id: string;
  name: string;
  updated_at: number | string;
  data: string;
  password_hash?: string | null;
  routing_profile_id?: string;
}

/** The row of a record: the password hash and the routing profile of a user are columns, never in `data`. */
export function resourceRow<K extends Kind>(kind: K, rec: KindRecords[K]): ResourceRow {
  const { id, accountId, instanceId, name, updatedAt, ...rest } = rec as KindRecords[K] & { passwordHash?: string };
  const row: ResourceRow = { id, account_id: accountId, instance_id: instanceId, name, updated_at: updatedAt, data: "" };
  if (kind === "user") {
    const { passwordHash, ...user } = rest as unknown as { passwordHash?: string; routingProfileId: string };
    row.password_hash = passwordHash ?? null;
    row.routing_profile_id = user.routingProfileId;
    row.data = JSON.stringify(user);
  } else row.data = JSON.stringify(rest);
  return row;
}

export function resourceFrom<K extends Kind>(row: ResourceRow): KindRecords[K] {
  // Assigned onto the parsed object, not spread into a new one: V8's spread of a JSON.parse result is ~8× the parse.
  const rec = Object.assign(JSON.parse(row.data), { id: row.id, accountId: row.account_id, instanceId: row.instance_id, name: row.name, updatedAt: Number(row.updated_at) });
  if (row.password_hash) rec.passwordHash = row.password_hash;
  return rec as KindRecords[K];
}

export interface ProfileQueueRow {
  queue_id: string;
  channel: string;
  priority: number;
  delay: number;
}

export const profileQueueFrom = (r: ProfileQueueRow): ProfileQueue => ({ queueId: r.queue_id, channel: r.channel as ProfileQueue["channel"], priority: Number(r.priority), delay: Number(r.delay) });

export interface UserStatusRow {
  user_id: string;
  account_id: string;
  instance_id: string;
  routing_profile_id: string;
  status_id: string;
  status_name: string;
  status_type: string;
  status_since: number | string;
  chat_slots: number;
  chat_busy: number;
  idle_since: number | string;
}

export const userStatusFrom = (r: UserStatusRow): UserStatus => ({
  userId: r.user_id,
  accountId: r.account_id,
  instanceId: r.instance_id,
  routingProfileId: r.routing_profile_id,
  statusId: r.status_id,
  statusName: r.status_name,
  statusType: r.status_type as UserStatus["statusType"],
  statusSince: Number(r.status_since),
  chatSlots: Number(r.chat_slots),
  chatBusy: Number(r.chat_busy),
  idleSince: Number(r.idle_since),
});

export interface WorkRow {
  id: string;
  contact_id: string;
  account_id: string;
  instance_id: string;
  queue_id: string;
  state: string;
  priority: number | string;
  enqueued_at: number | string;
  sort_at: number | string;
  user_id: string | null;
  participant_id: string | null;
  auto_accept: number;
  state_since: number | string;
  due_at: number | string | null;
  version: number;
}

export const workFrom = (r: WorkRow): RoutingWork => ({
  id: r.id,
  contactId: r.contact_id,
  accountId: r.account_id,
  instanceId: r.instance_id,
  queueId: r.queue_id,
  state: r.state as WorkState,
  priority: Number(r.priority),
  enqueuedAt: Number(r.enqueued_at),
  sortAt: Number(r.sort_at),
  ...(r.user_id !== null ? { userId: r.user_id } : {}),
  ...(r.participant_id !== null ? { participantId: r.participant_id } : {}),
  autoAccept: Number(r.auto_accept) === 1,
  stateSince: Number(r.state_since),
  ...(r.due_at !== null ? { dueAt: Number(r.due_at) } : {}),
  version: Number(r.version),
});

/** routing_work values for ROUTING_SQL.insertWork. */
export const workInsertValues = (w: RoutingWork) => [
  w.id, w.contactId, w.accountId, w.instanceId, w.queueId, w.state, w.priority, w.enqueuedAt, w.sortAt, w.userId ?? null,
  w.participantId ?? null, w.autoAccept ? 1 : 0, w.stateSince, w.dueAt ?? null, w.version,
];

/** routing_work values for ROUTING_SQL.updateWork. */
export const workUpdateValues = (w: RoutingWork) => [
  w.queueId, w.state, w.priority, w.enqueuedAt, w.sortAt, w.userId ?? null, w.participantId ?? null, w.autoAccept ? 1 : 0, w.stateSince,
  w.dueAt ?? null, w.version, w.id,
];

export const dueFrom = (r: { id: string; contact_id: string; version: number }) => ({ id: r.id, contactId: r.contact_id, version: Number(r.version) });

/** user_status columns in insert order. */
export const userStatusValues = (s: UserStatus) => [
  s.userId, s.accountId, s.instanceId, s.routingProfileId, s.statusId, s.statusName, s.statusType, s.statusSince, s.chatSlots, s.chatBusy, s.idleSince,
];

export interface ProfileAgentsRow {
  online: number | string;
  available: number | string;
  non_productive: number | string;
  error: number | string;
  slots_available: number | string;
  on_contact: number | string;
  acw: number | string;
  active: number | string;
}

/** PostgreSQL answers sums as numeric strings; SQLite as numbers. */
export function profileAgentsFrom(r: ProfileAgentsRow): ProfileAgents {
  return {
    online: Number(r.online),
    available: Number(r.available),
    nonProductive: Number(r.non_productive),
    error: Number(r.error),
    onContact: Number(r.on_contact),
    afterContactWork: Number(r.acw),
    slotsActive: Number(r.active),
    slotsAvailable: Number(r.slots_available),
  };
}

export const queueLoadFrom = (r: { n: number | string; oldest: number | string | null }): QueueLoad =>
  r.oldest === null ? { waiting: Number(r.n) } : { waiting: Number(r.n), oldestEnqueuedAt: Number(r.oldest) };

export const queueProfileFrom = (r: { routing_profile_id: string; channel: string }) => ({ routingProfileId: r.routing_profile_id, channel: r.channel as ProfileQueue["channel"] });
