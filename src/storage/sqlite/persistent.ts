// The persistent-chat calls of the Store port on SQLite (statements prepared once per database).
import type Database from "better-sqlite3";
import type { PersistentTxStore } from "../../domain/persistent.js";
import { contactFrom, itemFrom } from "../rows.js";

export function sqlitePersistent(db: Database.Database): PersistentTxStore {
  const s = {
    session: db.prepare<[string, string], { data: string }>("SELECT data FROM contacts WHERE initial_contact_id = ? AND account_id = ? ORDER BY rowid"),
    lastEnded: db.prepare<[string, string, string, string], { data: string }>(
      `SELECT data FROM contacts WHERE account_id = ? AND destination_id = ? AND source_id = ? AND subtype_key = ? AND state = 'ENDED'
        ORDER BY ended_at DESC LIMIT 1`,
    ),
    claim: db.prepare("INSERT INTO chat_rehydrations (account_id, source_contact_id, contact_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"),
    past: db.prepare<[string, number, number], Parameters<typeof itemFrom>[0]>(
      "SELECT * FROM items WHERE initial_contact_id IN (SELECT value FROM json_each(?)) AND persisted = 1 AND position <= ? ORDER BY position DESC LIMIT ?",
    ),
  };
  return {
    async sessionContacts(accountId, initialContactId) {
      return s.session.all(initialContactId, accountId).map(contactFrom);
    },
    async lastEndedChat(k) {
      const row = s.lastEnded.get(k.accountId, k.destinationId, k.sourceId, k.subtypeKey);
      return row ? contactFrom(row) : undefined;
    },
    async claimRehydration(accountId, continuedFromContactId, contactId, at) {
      return s.claim.run(accountId, continuedFromContactId, contactId, at).changes === 1;
    },
    async pastItems(initialContactIds, from, limit) {
      if (initialContactIds.length === 0) return [];
      return s.past.all(JSON.stringify(initialContactIds), from ?? Number.MAX_SAFE_INTEGER, limit).map(itemFrom);
    },
  };
}
