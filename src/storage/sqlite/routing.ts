// The routing part of the Store port on SQLite: statements prepared once per connection, per object kind.
import type Database from "better-sqlite3";
import type { RoutingTx } from "../../routing/ports.js";
import { dueFrom, profileQueueFrom, resourceFrom, resourceRow, userStatusFrom, userStatusValues, workFrom, workInsertValues, workUpdateValues, profileAgentsFrom, queueLoadFrom, queueProfileFrom, KINDS, type ProfileAgentsRow, type ProfileQueueRow, type ResourceRow, type UserStatusRow, type WorkRow } from "../routing-rows.js";
import { resourceSql, ROUTING_SQL } from "../routing-sql.js";
import type { Kind } from "../../routing/types.js";
import type { ResourceCache } from "./resource-cache.js";

export function sqliteRouting(db: Database.Database, cache: ResourceCache): RoutingTx {
  const byKind = Object.fromEntries(
    KINDS.map((k) => {
      const sql = resourceSql(k);
      return [k, Object.fromEntries(Object.entries(sql).map(([n, text]) => [n, db.prepare(text)]))];
    }),
  ) as Record<Kind, Record<keyof ReturnType<typeof resourceSql>, Database.Statement>>;
  const s = Object.fromEntries(Object.entries(ROUTING_SQL).map(([n, text]) => [n, db.prepare(text)])) as Record<keyof typeof ROUTING_SQL, Database.Statement>;
  const values = (kind: Kind, r: ResourceRow) => (kind === "user" ? [r.password_hash, r.routing_profile_id] : []);

  return {
    async insert(kind, rec) {
      cache.wrote();
      const r = resourceRow(kind, rec);
      return byKind[kind].insert.run(r.id, r.account_id, r.instance_id, r.name, r.updated_at, r.data, ...values(kind, r)).changes === 1;
    },
    async update(kind, rec) {
      cache.wrote();
      const r = resourceRow(kind, rec);
      if (byKind[kind].nameTaken.get(r.account_id, r.instance_id, r.name, r.id)) return false;
      byKind[kind].update.run(r.name, r.updated_at, r.data, ...values(kind, r), r.id);
      return true;
    },
    async get(kind, accountId, instanceId, id) {
      const row = cache.read(`${kind}\0${accountId}\0${instanceId}\0id\0${id}`, () => byKind[kind].get.get(id, accountId, instanceId) as ResourceRow | undefined);
      return row ? resourceFrom(row) : undefined;
    },
    async byName(kind, accountId, instanceId, name) {
      const row = cache.read(`${kind}\0${accountId}\0${instanceId}\0name\0${name}`, () => byKind[kind].byName.get(accountId, instanceId, name) as ResourceRow | undefined);
      return row ? resourceFrom(row) : undefined;
    },
    async list(kind, accountId, instanceId, after, limit) {
      return (byKind[kind].list.all(accountId, instanceId, after ?? "", limit) as ResourceRow[]).map((r) => resourceFrom(r));
    },
    async delete(kind, accountId, instanceId, id) {
      cache.wrote();
      return byKind[kind].delete.run(id, accountId, instanceId).changes === 1;
    },
    async count(kind, accountId, instanceId) {
      return Number((byKind[kind].count.get(accountId, instanceId) as { n: number }).n);
    },
    async profileQueues(id) {
      return (s.profileQueues.all(id) as ProfileQueueRow[]).map(profileQueueFrom);
    },
    async putProfileQueues(id, entries) {
      for (const e of entries) s.putProfileQueue.run(id, e.queueId, e.channel, e.priority, e.delay);
    },
    async clearProfileQueues(id) {
      s.clearProfileQueues.run(id);
    },
    async profileUsers(id) {
      return Number((s.profileUsers.get(id) as { n: number }).n);
    },
    async userStatus(userId) {
      const row = s.userStatus.get(userId) as UserStatusRow | undefined;
      return row ? userStatusFrom(row) : undefined;
    },
    async putUserStatus(st) {
      s.putUserStatus.run(...userStatusValues(st));
    },
    async freeAgents(queueId, limit) {
      return (s.freeAgents.all(queueId, limit) as UserStatusRow[]).map(userStatusFrom);
    },
    async setProfileChatSlots(id, slots) {
      s.setProfileChatSlots.run(slots, id);
    },
    // The single writer makes the matcher's reads race-free here: no locks to take.
    async freeAgent(userId) {
      const row = s.freeAgent.get(userId) as UserStatusRow | undefined;
      return row ? userStatusFrom(row) : undefined;
    },
    async addBusy(userId, delta, idleSince) {
      s.addBusy.run(delta, delta, idleSince ?? null, userId);
    },
    async queueDepth(queueId, atMost) {
      return Number((s.queueDepth.get(queueId, atMost) as { n: number }).n);
    },
    async insertWork(w) {
      s.insertWork.run(...workInsertValues(w));
    },
    async updateWork(w) {
      s.updateWork.run(...workUpdateValues(w));
    },
    async deleteWork(id) {
      s.deleteWork.run(id);
    },
    async liveWork(contactId) {
      const row = s.liveWork.get(contactId) as WorkRow | undefined;
      return row ? workFrom(row) : undefined;
    },
    async work(id) {
      const row = s.work.get(id) as WorkRow | undefined;
      return row ? workFrom(row) : undefined;
    },
    async workOfUser(userId) {
      return (s.workOfUser.all(userId) as WorkRow[]).map(workFrom);
    },
    async topQueued(queueId, sortedBefore) {
      const row = s.topQueued.get(queueId, sortedBefore) as WorkRow | undefined;
      return row ? workFrom(row) : undefined;
    },
    async queuesToMatch(limit) {
      return (s.queuesToMatch.all(limit) as { queue_id: string }[]).map((r) => r.queue_id);
    },
    async claimDueWork(now, leaseUntil, limit) {
      const due = (s.dueWork.all(now, now, limit) as { id: string; contact_id: string; version: number }[]).map(dueFrom);
      for (const d of due) s.leaseWork.run(leaseUntil, d.id);
      return due;
    },
    async instanceStatuses(accountId, instanceId, limit) {
      return (s.instanceStatuses.all(accountId, instanceId, limit) as UserStatusRow[]).map(userStatusFrom);
    },
    async agentWork(accountId, instanceId, limit) {
      return (s.agentWork.all(accountId, instanceId, limit) as WorkRow[]).map(workFrom);
    },
    async queuedWork(queueId, limit) {
      return (s.queuedWork.all(queueId, limit) as WorkRow[]).map(workFrom);
    },
    async queueProfiles(queueId) {
      return (s.queueProfiles.all(queueId) as { routing_profile_id: string; channel: string }[]).map(queueProfileFrom);
    },
    async queueLoad(queueId) {
      return queueLoadFrom(s.queueLoad.get(queueId) as { n: number; oldest: number | null });
    },
    async profileAgents(routingProfileId) {
      return profileAgentsFrom(s.profileAgents.get(routingProfileId) as ProfileAgentsRow);
    },
  };
}
