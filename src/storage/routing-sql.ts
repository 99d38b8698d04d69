// The routing tables' SQL, written once with `?` placeholders for both adapters (PostgreSQL numbers them: dollar()).
// Object rows are read by (id, account, instance) or (account, instance, name) and listed in name order by keyset.
import type { Kind } from "../routing/types.js";
import { MISSED_STATUS } from "../routing/matching.js";
import { TABLE } from "./routing-rows.js";

const FRAME = "id, account_id, instance_id, name, updated_at, data";

export function resourceSql(kind: Kind) {
  const t = TABLE[kind];
  const user = kind === "user";
  const cols = user ? `${FRAME}, password_hash, routing_profile_id` : FRAME;
  return {
    // ON CONFLICT DO NOTHING: a second insert of a name (or a racing one on another node) changes nothing.
    insert: `INSERT INTO ${t} (${cols}) VALUES (?, ?, ?, ?, ?, ?${user ? ", ?, ?" : ""}) ON CONFLICT DO NOTHING`,
    update: `UPDATE ${t} SET name = ?, updated_at = ?, data = ?${user ? ", password_hash = ?, routing_profile_id = ?" : ""} WHERE id = ?`,
    nameTaken: `SELECT 1 AS taken FROM ${t} WHERE account_id = ? AND instance_id = ? AND name = ? AND id <> ?`,
    get: `SELECT ${cols} FROM ${t} WHERE id = ? AND account_id = ? AND instance_id = ?`,
    byName: `SELECT ${cols} FROM ${t} WHERE account_id = ? AND instance_id = ? AND name = ?`,
    list: `SELECT ${cols} FROM ${t} WHERE account_id = ? AND instance_id = ? AND name > ? ORDER BY name LIMIT ?`,
    delete: `DELETE FROM ${t} WHERE id = ? AND account_id = ? AND instance_id = ?`,
    count: `SELECT count(*) AS n FROM ${t} WHERE account_id = ? AND instance_id = ?`,
  };
}

export const ROUTING_SQL = {
  profileQueues: `SELECT queue_id, channel, priority, delay FROM routing_profile_queues WHERE routing_profile_id = ?
    ORDER BY channel, priority, queue_id`,
  putProfileQueue: `INSERT INTO routing_profile_queues (routing_profile_id, queue_id, channel, priority, delay) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (routing_profile_id, queue_id, channel) DO UPDATE SET priority = excluded.priority, delay = excluded.delay`,
  clearProfileQueues: "DELETE FROM routing_profile_queues WHERE routing_profile_id = ?",
  profileUsers: "SELECT count(*) AS n FROM users WHERE routing_profile_id = ?",
  userStatus: "SELECT * FROM user_status WHERE user_id = ?",
  // chat_busy is set on insert only: the matcher owns it (offers, accepts, ACW), a status change never rewrites it.
  putUserStatus: `INSERT INTO user_status (user_id, account_id, instance_id, routing_profile_id, status_id, status_name, status_type,
      status_since, chat_slots, chat_busy, idle_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (user_id) DO UPDATE SET routing_profile_id = excluded.routing_profile_id, status_id = excluded.status_id,
      status_name = excluded.status_name, status_type = excluded.status_type, status_since = excluded.status_since,
      chat_slots = excluded.chat_slots, idle_since = excluded.idle_since`,
  setProfileChatSlots: "UPDATE user_status SET chat_slots = ? WHERE routing_profile_id = ?",
  // The query of migrations/*/0020_routing.sql: the partial index user_status_free holds exactly the rows it wants.
  freeAgents: `SELECT s.* FROM user_status s
    JOIN routing_profile_queues pq ON pq.routing_profile_id = s.routing_profile_id
    WHERE pq.queue_id = ? AND pq.channel = 'CHAT' AND s.status_type = 'ROUTABLE' AND s.chat_busy < s.chat_slots
    ORDER BY s.idle_since, s.user_id LIMIT ?`,
  // The matcher's work rows (migrations/sqlite/0070_routing_matcher.sql). PostgreSQL appends the locking clauses.
  freeAgent: "SELECT * FROM user_status WHERE user_id = ? AND status_type = 'ROUTABLE' AND chat_busy < chat_slots",
  addBusy: "UPDATE user_status SET chat_busy = CASE WHEN chat_busy + ? < 0 THEN 0 ELSE chat_busy + ? END, idle_since = coalesce(?, idle_since) WHERE user_id = ?",
  lockQueue: "SELECT id FROM queues WHERE id = ?",
  queueDepth: "SELECT count(*) AS n FROM (SELECT 1 FROM routing_work WHERE queue_id = ? AND state = 'QUEUED' LIMIT ?) AS w",
  insertWork: `INSERT INTO routing_work (id, contact_id, account_id, instance_id, queue_id, state, priority, enqueued_at, sort_at, user_id,
      participant_id, auto_accept, state_since, due_at, lease_until, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
  updateWork: `UPDATE routing_work SET queue_id = ?, state = ?, priority = ?, enqueued_at = ?, sort_at = ?, user_id = ?, participant_id = ?,
      auto_accept = ?, state_since = ?, due_at = ?, lease_until = NULL, version = ? WHERE id = ?`,
  deleteWork: "DELETE FROM routing_work WHERE id = ?",
  liveWork: "SELECT * FROM routing_work WHERE contact_id = ? AND state <> 'ACW'",
  work: "SELECT * FROM routing_work WHERE id = ?",
  workOfUser: "SELECT * FROM routing_work WHERE user_id = ? ORDER BY state_since, id",
  topQueued: `SELECT * FROM routing_work WHERE queue_id = ? AND state = 'QUEUED' AND sort_at <= ?
    ORDER BY priority, sort_at, id LIMIT 1`,
  // 'agent:' || user_id is agentQueueId (routing/matching.ts).
  queuesToMatch: `SELECT f.q AS queue_id FROM (
      SELECT pq.queue_id AS q FROM user_status s
        JOIN routing_profile_queues pq ON pq.routing_profile_id = s.routing_profile_id AND pq.channel = 'CHAT'
        WHERE s.status_type = 'ROUTABLE' AND s.chat_busy < s.chat_slots
      UNION
      SELECT 'agent:' || s.user_id FROM user_status s WHERE s.status_type = 'ROUTABLE' AND s.chat_busy < s.chat_slots
    ) AS f WHERE EXISTS (SELECT 1 FROM routing_work w WHERE w.queue_id = f.q AND w.state = 'QUEUED') ORDER BY f.q LIMIT ?`,
  dueWork: `SELECT id, contact_id, version FROM routing_work WHERE due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
    ORDER BY due_at, id LIMIT ?`,
  leaseWork: "UPDATE routing_work SET lease_until = ? WHERE id = ?",
  instanceStatuses: "SELECT * FROM user_status WHERE account_id = ? AND instance_id = ? ORDER BY user_id LIMIT ?",
  // routing_work_agents (migration 0120) holds only rows with an agent: a queued chat's insert skips it.
  agentWork: "SELECT * FROM routing_work WHERE account_id = ? AND instance_id = ? AND user_id IS NOT NULL ORDER BY enqueued_at, id LIMIT ?",
  queuedWork: "SELECT * FROM routing_work WHERE queue_id = ? AND state = 'QUEUED' ORDER BY priority, sort_at, id LIMIT ?",
  // GetCurrentMetricData: per queue or per profile, each through an index (routing_profile_queues_queue,
  // routing_work_queue_waiting of migrations/*/0140, user_status_profile, routing_work_user).
  queueProfiles: "SELECT routing_profile_id, channel FROM routing_profile_queues WHERE queue_id = ? ORDER BY routing_profile_id, channel",
  queueLoad: `SELECT count(*) AS n, min(enqueued_at) AS oldest FROM routing_work WHERE queue_id = ? AND state IN ('QUEUED', 'OFFERED')`,
  profileAgents: `SELECT
      coalesce(sum(CASE WHEN s.status_type <> 'OFFLINE' THEN 1 ELSE 0 END), 0) AS online,
      coalesce(sum(CASE WHEN s.status_type = 'ROUTABLE' AND s.chat_busy = 0 THEN 1 ELSE 0 END), 0) AS available,
      coalesce(sum(CASE WHEN s.status_type = 'CUSTOM' AND s.status_id <> '${MISSED_STATUS.id}' THEN 1 ELSE 0 END), 0) AS non_productive,
      coalesce(sum(CASE WHEN s.status_id = '${MISSED_STATUS.id}' THEN 1 ELSE 0 END), 0) AS error,
      coalesce(sum(CASE WHEN s.status_type = 'ROUTABLE' AND s.chat_slots > s.chat_busy THEN s.chat_slots - s.chat_busy ELSE 0 END), 0) AS slots_available,
      coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM routing_work w WHERE w.user_id = s.user_id AND w.state = 'CONNECTED') THEN 1 ELSE 0 END), 0) AS on_contact,
      coalesce(sum((SELECT count(*) FROM routing_work w WHERE w.user_id = s.user_id AND w.state = 'ACW')), 0) AS acw,
      coalesce(sum((SELECT count(*) FROM routing_work w WHERE w.user_id = s.user_id AND w.state IN ('CONNECTED', 'ACW'))), 0) AS active
    FROM user_status s WHERE s.routing_profile_id = ?`,
};

/** `?` → `$1, $2, …` for PostgreSQL. */
export const dollar = (sql: string): string => {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
};
