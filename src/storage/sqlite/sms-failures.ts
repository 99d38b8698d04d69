// The failed-SMS calls of the Store port on SQLite (statements prepared once per database).
import type Database from "better-sqlite3";
import type { SmsFailureTxStore } from "../../domain/sms-failures.js";
import { outboxFrom, smsSendFrom, type OutboxRow, type SmsSendRow } from "../rows.js";

export function sqliteSmsFailures(db: Database.Database): SmsFailureTxStore {
  const s = {
    outboxOfChat: db.prepare<[string], OutboxRow & { dead: number }>("SELECT * FROM outbox WHERE kind = 'sms' AND initial_contact_id = ? ORDER BY id"),
    sendsOfChat: db.prepare<[string], SmsSendRow>("SELECT * FROM sms_sends WHERE initial_contact_id = ? ORDER BY id"),
    revive: db.prepare("UPDATE outbox SET dead = 0, attempts = 0, next_at = ?, lease_until = 0, last_error = NULL WHERE kind = 'sms' AND dead = 1 AND initial_contact_id = ? AND item_id = ?"),
    dead: db.prepare<[number], OutboxRow>("SELECT * FROM outbox WHERE kind = 'sms' AND dead = 1 ORDER BY id DESC LIMIT ?"),
    failed: db.prepare<[number], SmsSendRow>("SELECT * FROM sms_sends WHERE error IS NOT NULL ORDER BY id DESC LIMIT ?"),
  };
  return {
    async smsOutboxOfChat(initialContactId) {
      return s.outboxOfChat.all(initialContactId).map((r) => ({ ...outboxFrom(r), dead: r.dead === 1 }));
    },
    async smsSendsOfChat(initialContactId) {
      return s.sendsOfChat.all(initialContactId).map(smsSendFrom);
    },
    async reviveSms(initialContactId, itemId, now) {
      return s.revive.run(now, initialContactId, itemId).changes;
    },
    async deadSms(limit) {
      return s.dead.all(limit).map(outboxFrom);
    },
    async failedSmsSends(limit) {
      return s.failed.all(limit).map(smsSendFrom);
    },
  };
}
