// The routing part of the Store port on PostgreSQL, on the transaction's client (named statements, prepared once
// per connection). A user's routing state is read FOR NO KEY UPDATE: a status change and the matcher take turns.
import type { QueryResultRow } from "pg";
import type { RoutingTx } from "../../routing/ports.js";
import type { Kind } from "../../routing/types.js";
import { dueFrom, profileQueueFrom, resourceFrom, resourceRow, userStatusFrom, userStatusValues, workFrom, workInsertValues, workUpdateValues, profileAgentsFrom, queueLoadFrom, queueProfileFrom, type ProfileAgentsRow, type ProfileQueueRow, type ResourceRow, type UserStatusRow, type WorkRow } from "../routing-rows.js";
import { dollar, resourceSql, ROUTING_SQL } from "../routing-sql.js";

export type Query = <R extends QueryResultRow>(name: string, text: string, values: unknown[]) => Promise<{ rows: R[]; rowCount: number | null }>;

const KIND_SQL = new Map<Kind, Record<string, string>>();
const kindSql = (kind: Kind) => {
  let sql = KIND_SQL.get(kind);
  if (!sql) KIND_SQL.set(kind, (sql = Object.fromEntries(Object.entries(resourceSql(kind)).map(([n, t]) => [n, dollar(t)]))));
  return sql;
};
const SQL = Object.fromEntries(Object.entries(ROUTING_SQL).map(([n, t]) => [n, dollar(t)])) as Record<keyof typeof ROUTING_SQL, string>;
SQL.userStatus += " FOR NO KEY UPDATE";
SQL.freeAgents += " FOR UPDATE OF s SKIP LOCKED";
// The matcher skips what another node holds (it never waits); every other path waits in the lock order of ports.ts.
SQL.freeAgent += " FOR NO KEY UPDATE SKIP LOCKED";
SQL.topQueued += " FOR UPDATE SKIP LOCKED";
SQL.dueWork += " FOR UPDATE SKIP LOCKED";
SQL.lockQueue += " FOR NO KEY UPDATE";
SQL.liveWork += " FOR UPDATE";
SQL.work += " FOR UPDATE";

export function pgRouting(query: Query): RoutingTx {
  const k = <R extends QueryResultRow>(kind: Kind, op: string, values: unknown[]) => query<R>(`cc_r_${kind}_${op}`, kindSql(kind)[op], values);
  const r = <R extends QueryResultRow>(name: keyof typeof SQL, values: unknown[]) => query<R>(`cc_r_${name}`, SQL[name], values);
  const extra = (kind: Kind, row: ResourceRow) => (kind === "user" ? [row.password_hash, row.routing_profile_id] : []);

  return {
    async insert(kind, rec) {
      const row = resourceRow(kind, rec);
      return (await k(kind, "insert", [row.id, row.account_id, row.instance_id, row.name, row.updated_at, row.data, ...extra(kind, row)])).rowCount === 1;
    },
    async update(kind, rec) {
      const row = resourceRow(kind, rec);
      if ((await k(kind, "nameTaken", [row.account_id, row.instance_id, row.name, row.id])).rows.length) return false;
      await k(kind, "update", [row.name, row.updated_at, row.data, ...extra(kind, row), row.id]);
      return true;
    },
    async get(kind, accountId, instanceId, id) {
      const row = (await k<ResourceRow>(kind, "get", [id, accountId, instanceId])).rows[0];
      return row ? resourceFrom(row) : undefined;
    },
    async byName(kind, accountId, instanceId, name) {
      const row = (await k<ResourceRow>(kind, "byName", [accountId, instanceId, name])).rows[0];
      return row ? resourceFrom(row) : undefined;
    },
    async list(kind, accountId, instanceId, after, limit) {
      return (await k<ResourceRow>(kind, "list", [accountId, instanceId, after ?? "", limit])).rows.map((row) => resourceFrom(row));
    },
    async delete(kind, accountId, instanceId, id) {
      return (await k(kind, "delete", [id, accountId, instanceId])).rowCount === 1;
    },
    async count(kind, accountId, instanceId) {
      return Number((await k<{ n: string }>(kind, "count", [accountId, instanceId])).rows[0].n);
    },
    async profileQueues(id) {
      return (await r<ProfileQueueRow>("profileQueues", [id])).rows.map(profileQueueFrom);
    },
    async putProfileQueues(id, entries) {
      for (const e of entries) await r("putProfileQueue", [id, e.queueId, e.channel, e.priority, e.delay]);
    },
    async clearProfileQueues(id) {
      await r("clearProfileQueues", [id]);
    },
    async profileUsers(id) {
      return Number((await r<{ n: string }>("profileUsers", [id])).rows[0].n);
    },
    async userStatus(userId) {
      const row = (await r<UserStatusRow>("userStatus", [userId])).rows[0];
      return row ? userStatusFrom(row) : undefined;
    },
    async putUserStatus(st) {
      await r("putUserStatus", userStatusValues(st));
    },
    async freeAgents(queueId, limit) {
      return (await r<UserStatusRow>("freeAgents", [queueId, limit])).rows.map(userStatusFrom);
    },
    async setProfileChatSlots(id, slots) {
      await r("setProfileChatSlots", [slots, id]);
    },
    async freeAgent(userId) {
      const row = (await r<UserStatusRow>("freeAgent", [userId])).rows[0];
      return row ? userStatusFrom(row) : undefined;
    },
    async addBusy(userId, delta, idleSince) {
      await r("addBusy", [delta, delta, idleSince ?? null, userId]);
    },
    async queueDepth(queueId, atMost) {
      await r("lockQueue", [queueId]);
      return Number((await r<{ n: string }>("queueDepth", [queueId, atMost])).rows[0].n);
    },
    async insertWork(w) {
      await r("insertWork", workInsertValues(w));
    },
    async updateWork(w) {
      await r("updateWork", workUpdateValues(w));
    },
    async deleteWork(id) {
      await r("deleteWork", [id]);
    },
    async liveWork(contactId) {
      const row = (await r<WorkRow>("liveWork", [contactId])).rows[0];
      return row ? workFrom(row) : undefined;
    },
    async work(id) {
      const row = (await r<WorkRow>("work", [id])).rows[0];
      return row ? workFrom(row) : undefined;
    },
    async workOfUser(userId) {
      return (await r<WorkRow>("workOfUser", [userId])).rows.map(workFrom);
    },
    async topQueued(queueId, sortedBefore) {
      const row = (await r<WorkRow>("topQueued", [queueId, sortedBefore])).rows[0];
      return row ? workFrom(row) : undefined;
    },
    async queuesToMatch(limit) {
      return (await r<{ queue_id: string }>("queuesToMatch", [limit])).rows.map((x) => x.queue_id);
    },
    async claimDueWork(now, leaseUntil, limit) {
      const due = (await r<{ id: string; contact_id: string; version: number }>("dueWork", [now, now, limit])).rows.map(dueFrom);
      for (const d of due) await r("leaseWork", [leaseUntil, d.id]);
      return due;
    },
    async instanceStatuses(accountId, instanceId, limit) {
      return (await r<UserStatusRow>("instanceStatuses", [accountId, instanceId, limit])).rows.map(userStatusFrom);
    },
    async agentWork(accountId, instanceId, limit) {
      return (await r<WorkRow>("agentWork", [accountId, instanceId, limit])).rows.map(workFrom);
    },
    async queuedWork(queueId, limit) {
      return (await r<WorkRow>("queuedWork", [queueId, limit])).rows.map(workFrom);
    },
    async queueProfiles(queueId) {
      return (await r<{ routing_profile_id: string; channel: string }>("queueProfiles", [queueId])).rows.map(queueProfileFrom);
    },
    async queueLoad(queueId) {
      return queueLoadFrom((await r<{ n: string; oldest: string | null }>("queueLoad", [queueId])).rows[0]);
    },
    async profileAgents(routingProfileId) {
      return profileAgentsFrom((await r<ProfileAgentsRow>("profileAgents", [routingProfileId])).rows[0]);
    },
  };
}
