// The routing part of the Store port on PostgreSQL, on the transaction's client (named statements, prepared once
// per connection). A user's routing state is read FOR NO KEY UPDATE: a status change and the matcher take turns.
import type { QueryResultRow } from "pg";
import type { RoutingTx } from "../../routing/ports.js";
import type { Kind } from "../../routing/types.js";
import { profileQueueFrom, resourceFrom, resourceRow, userStatusFrom, userStatusValues, type ProfileQueueRow, type ResourceRow, type UserStatusRow } from "../routing-rows.js";
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
  };
}
