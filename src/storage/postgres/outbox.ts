// The streaming outbox on PostgreSQL (the SQLite adapter's calls, with claims safe across nodes) and the record of SMS sends.
import type { QueryResultRow } from "pg";
import type { OutboxEntry, TxStore } from "../../domain/ports.js";
import { laneOf, outboxFrom, smsSendFrom, smsSendValues, type OutboxRow, type SmsSendRow } from "../rows.js";

type Query = <R extends QueryResultRow>(name: string, text: string, values: unknown[]) => Promise<{ rows: R[]; rowCount: number | null }>;
type OutboxStore = Pick<TxStore, "enqueue" | "claimLaneNext" | "claimOutbox" | "completeOutbox" | "failOutbox" | "outboxStats" | "deadLetters" | "replayDead" | "recordSmsSend" | "smsSendsOfItem" | "smsSendByProviderId" | "updateSmsSendStatus" | "smsOptOut" | "smsOptIn" | "smsOptedOut">;

// Claims lease the heads of due lanes in one statement. FOR UPDATE SKIP LOCKED: relays on several nodes take
// disjoint rows instead of queueing, and a row another node is leasing right now is skipped, not published twice;
// once that lease commits, lease_until hides the row until it runs out.
const CLAIM = `UPDATE outbox SET lease_until = $2 WHERE id IN (
    SELECT id FROM outbox o WHERE NOT dead AND next_at <= $1 AND lease_until <= $1
      AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.lane = o.lane AND NOT p.dead AND p.id < o.id)
    ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
  RETURNING *`;

export function pgOutbox(q: Query): OutboxStore {
  return {
    async enqueue(entries: OutboxEntry[], leaseUntil?: number) {
      const leased: OutboxEntry[] = [];
      for (const e of entries) {
        // Leased at once when the lane holds nothing else. The caller holds the chat's row lock (its item's append),
        // so no other transaction adds to this lane until we commit; a head the relay deletes meanwhile only makes
        // this entry wait for a claim, as before.
        const { rows } = await q<{ id: string; lease_until: string }>("cc_enqueue", `INSERT INTO outbox (lane, kind, endpoint, initial_contact_id, item_id, message, attributes, attempts, next_at, created_at, lease_until)
          SELECT $1, $2, $3, $4, $5, $6, $7, 0, $8, $9,
            CASE WHEN $10::bigint > 0 AND NOT EXISTS (SELECT 1 FROM outbox WHERE lane = $1 AND NOT dead) THEN $10::bigint ELSE 0 END
          RETURNING id, lease_until`,
        [laneOf(e), e.kind, e.endpoint, e.initialContactId, e.itemId, e.message, JSON.stringify(e.attributes), e.nextAt, e.createdAt, leaseUntil ?? 0]);
        if (Number(rows[0]!.lease_until) > 0) leased.push({ ...e, id: Number(rows[0]!.id), leaseUntil: Number(rows[0]!.lease_until) });
      }
      return leased;
    },
    async claimLaneNext(lane, now, leaseUntil) {
      // SKIP LOCKED: a head another node is claiming right now is theirs.
      const { rows } = await q<OutboxRow>("cc_claimLaneNext", `UPDATE outbox SET lease_until = $3 WHERE id = (
          SELECT id FROM outbox WHERE lane = $1 AND NOT dead ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
        AND next_at <= $2 AND lease_until <= $2 RETURNING *`, [lane, now, leaseUntil]);
      return rows[0] ? { ...outboxFrom(rows[0]), leaseUntil } : undefined;
    },
    async claimOutbox(now, leaseUntil, limit) {
      const { rows } = await q<OutboxRow>("cc_claim", CLAIM, [now, leaseUntil, limit]);
      return rows.map(outboxFrom).sort((a, b) => a.id! - b.id!); // RETURNING has no order
    },
    async completeOutbox(id) {
      await q("cc_complete", "DELETE FROM outbox WHERE id = $1", [id]);
    },
    async failOutbox(id, attempts, nextAt, error, dead) {
      await q("cc_fail", "UPDATE outbox SET attempts = $2, next_at = $3, last_error = $4, dead = $5, lease_until = 0 WHERE id = $1", [id, attempts, nextAt, error.slice(0, 2000), dead]);
    },
    async outboxStats() {
      const { rows } = await q<{ endpoint: string; pending: string; retrying: string; dead: string }>("cc_stats",
        `SELECT endpoint, count(*) FILTER (WHERE NOT dead AND attempts = 0) AS pending, count(*) FILTER (WHERE NOT dead AND attempts > 0) AS retrying,
           count(*) FILTER (WHERE dead) AS dead FROM outbox GROUP BY endpoint ORDER BY endpoint`, []);
      return rows.map((r) => ({ endpoint: r.endpoint, pending: Number(r.pending), retrying: Number(r.retrying), dead: Number(r.dead) }));
    },
    async deadLetters(limit) {
      return (await q<OutboxRow>("cc_dead", "SELECT * FROM outbox WHERE dead ORDER BY id LIMIT $1", [limit])).rows.map(outboxFrom);
    },
    async replayDead(now, endpoint) {
      const r = endpoint === undefined
        ? await q("cc_replayAll", "UPDATE outbox SET dead = false, attempts = 0, next_at = $1, last_error = NULL WHERE dead", [now])
        : await q("cc_replayOne", "UPDATE outbox SET dead = false, attempts = 0, next_at = $1, last_error = NULL WHERE dead AND endpoint = $2", [now, endpoint]);
      return r.rowCount ?? 0;
    },
    async recordSmsSend(x) {
      await q("cc_smsSend", `INSERT INTO sms_sends (item_id, initial_contact_id, destination_id, provider, provider_message_id, status, error, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`, [...smsSendValues(x)]);
    },
    async smsSendsOfItem(itemId) {
      return (await q<SmsSendRow>("cc_smsSendsOfItem", "SELECT * FROM sms_sends WHERE item_id = $1 ORDER BY id", [itemId])).rows.map(smsSendFrom);
    },
    async smsSendByProviderId(provider, id) {
      const r = (await q<SmsSendRow>("cc_smsSendById", "SELECT * FROM sms_sends WHERE provider = $1 AND provider_message_id = $2", [provider, id])).rows[0];
      return r ? smsSendFrom(r) : undefined;
    },
    async updateSmsSendStatus(provider, id, status, error) {
      await q("cc_smsSendStatus", "UPDATE sms_sends SET status = $1, error = $2 WHERE provider = $3 AND provider_message_id = $4", [status, error ?? null, provider, id]);
    },
    async smsOptOut(destinationId, number, at) {
      await q("cc_smsOptOut", "INSERT INTO sms_opt_outs (destination_id, number, opted_out_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [destinationId, number, at]);
    },
    async smsOptIn(destinationId, number) {
      await q("cc_smsOptIn", "DELETE FROM sms_opt_outs WHERE destination_id = $1 AND number = $2", [destinationId, number]);
    },
    async smsOptedOut(destinationId, number) {
      const r = (await q<{ opted_out_at: string }>("cc_smsOptedOut", "SELECT opted_out_at FROM sms_opt_outs WHERE destination_id = $1 AND number = $2", [destinationId, number])).rows[0];
      return r ? Number(r.opted_out_at) : undefined;
    },
  };
}
