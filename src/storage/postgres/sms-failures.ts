// The failed-SMS calls of the Store port on PostgreSQL.
import type { QueryResultRow } from "pg";
import type { SmsFailureTxStore } from "../../domain/sms-failures.js";
import { outboxFrom, smsSendFrom, type OutboxRow, type SmsSendRow } from "../rows.js";

type Query = <R extends QueryResultRow>(name: string, text: string, values: unknown[]) => Promise<{ rows: R[]; rowCount: number | null }>;

export function pgSmsFailures(q: Query): SmsFailureTxStore {
  return {
    async smsOutboxOfChat(initialContactId) {
      const { rows } = await q<OutboxRow & { dead: boolean }>("cc_smsOutboxOfChat", "SELECT * FROM outbox WHERE kind = 'sms' AND initial_contact_id = $1 ORDER BY id", [initialContactId]);
      return rows.map((r) => ({ ...outboxFrom(r), dead: r.dead }));
    },
    async smsSendsOfChat(initialContactId) {
      return (await q<SmsSendRow>("cc_smsSendsOfChat", "SELECT * FROM sms_sends WHERE initial_contact_id = $1 ORDER BY id", [initialContactId])).rows.map(smsSendFrom);
    },
    async reviveSms(initialContactId, itemId, now) {
      const r = await q("cc_reviveSms", `UPDATE outbox SET dead = false, attempts = 0, next_at = $1, lease_until = 0, last_error = NULL
        WHERE kind = 'sms' AND dead AND initial_contact_id = $2 AND item_id = $3`, [now, initialContactId, itemId]);
      return r.rowCount ?? 0;
    },
    async deadSms(limit) {
      return (await q<OutboxRow>("cc_deadSms", "SELECT * FROM outbox WHERE kind = 'sms' AND dead ORDER BY id DESC LIMIT $1", [limit])).rows.map(outboxFrom);
    },
    async failedSmsSends(limit) {
      return (await q<SmsSendRow>("cc_failedSmsSends", "SELECT * FROM sms_sends WHERE error IS NOT NULL ORDER BY id DESC LIMIT $1", [limit])).rows.map(smsSendFrom);
    },
  };
}
