// The persistent-chat calls of the Store port on PostgreSQL: the SQLite adapter's, as named prepared statements.
import type { QueryResultRow } from "pg";
import type { PersistentTxStore } from "../../domain/persistent.js";
import { contactFrom, itemFrom } from "../rows.js";

type Query = <R extends QueryResultRow>(name: string, text: string, values: unknown[]) => Promise<{ rows: R[]; rowCount: number | null }>;

export function pgPersistent(q: Query): PersistentTxStore {
  return {
    async sessionContacts(accountId, initialContactId) {
      // No row locks: the past contacts are only read (ended ones never change state again).
      const { rows } = await q<{ data: string }>(
        "cc_sessionContacts",
        "SELECT data FROM contacts WHERE initial_contact_id = $1 AND account_id = $2 ORDER BY initiated_at, id",
        [initialContactId, accountId],
      );
      return rows.map(contactFrom);
    },
    async lastEndedChat(k) {
      const { rows } = await q<{ data: string }>(
        "cc_lastEndedChat",
        `SELECT data FROM contacts WHERE account_id = $1 AND destination_id = $2 AND source_id = $3 AND subtype_key = $4 AND state = 'ENDED'
          ORDER BY ended_at DESC LIMIT 1`,
        [k.accountId, k.destinationId, k.sourceId, k.subtypeKey],
      );
      return rows[0] ? contactFrom(rows[0]) : undefined;
    },
    async claimRehydration(accountId, continuedFromContactId, contactId, at) {
      // ON CONFLICT waits for a racing insert on another node to commit or roll back: one of them wins.
      const r = await q(
        "cc_claimRehydration",
        "INSERT INTO chat_rehydrations (account_id, source_contact_id, contact_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        [accountId, continuedFromContactId, contactId, at],
      );
      return r.rowCount === 1;
    },
    async pastItems(initialContactIds, from, limit) {
      if (initialContactIds.length === 0) return [];
      const { rows } = await q<Parameters<typeof itemFrom>[0]>(
        "cc_pastItems",
        "SELECT * FROM items WHERE initial_contact_id = ANY($1::text[]) AND persisted AND position <= $2 ORDER BY position DESC LIMIT $3",
        [initialContactIds, from ?? Number.MAX_SAFE_INTEGER, limit],
      );
      return rows.map(itemFrom);
    },
  };
}
