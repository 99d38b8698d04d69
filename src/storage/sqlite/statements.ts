// The SQLite store's statements, prepared once per connection. Every read of a contact also reads its chat's
// newest item time (rows.ts contactFrom): appending an item does not rewrite the contact row.
import type Database from "better-sqlite3";
import { itemFrom, lastItemAtOf, type ContactRow, type OutboxRow, type SmsSendRow } from "../rows.js";

export type Statements = ReturnType<typeof prepare>;

export function prepare(db: Database.Database) {
  return {
    begin: db.prepare("BEGIN IMMEDIATE"),
    commit: db.prepare("COMMIT"),
    rollback: db.prepare("ROLLBACK"),
    savepoint: db.prepare("SAVEPOINT request"),
    release: db.prepare("RELEASE request"),
    rollbackTo: db.prepare("ROLLBACK TO request"),
    // Every read of a contact also reads its chat's newest item time (rows.ts contactFrom).
    activeChat: db.prepare<[string, string, string, string], ContactRow>(
      `SELECT data, ${lastItemAtOf("contacts")} FROM contacts
       WHERE account_id = ? AND destination_id = ? AND source_id = ? AND subtype_key = ? AND state = 'ACTIVE'`,
    ),
    insertContact: db.prepare(
      `INSERT INTO contacts (id, account_id, instance_id, initial_contact_id, state, destination_id, source_id, subtype_key, expires_at,
         initiated_at, ended_at, agent_id, agent_at, queue_id, previous_contact_id, data)
       VALUES (@id, @account_id, @instance_id, @initial_contact_id, @state, @destination_id, @source_id, @subtype_key, @expires_at,
         @initiated_at, @ended_at, @agent_id, @agent_at, @queue_id, @previous_contact_id, @data)
       ON CONFLICT DO NOTHING`,
    ),
    contact: db.prepare<[string, string], ContactRow>(`SELECT data, ${lastItemAtOf("contacts")} FROM contacts WHERE id = ? AND account_id = ?`),
    contactById: db.prepare<[string], ContactRow>(`SELECT data, ${lastItemAtOf("contacts")} FROM contacts WHERE id = ?`),
    updateContact: db.prepare("UPDATE contacts SET state = ?, expires_at = ?, ended_at = ?, agent_id = ?, agent_at = ?, queue_id = ?, data = ? WHERE id = ?"),
    // Most updates (attributes, streaming, a first agent's join) change no indexed column: leaving them out of SET
    // spares the indexes.
    // ended_at changes only with state; agent_at only with agent_id; queue_id is a flow's TransferContactToQueue.
    // A flow's TransferContactToQueue changes queue_id alone: only contacts_queue is written.
    updateContactQueue: db.prepare("UPDATE contacts SET data = ?, queue_id = ? WHERE id = ? AND state = ? AND expires_at = ? AND agent_id IS ?"),
    contactData: db.prepare<[string], string>("SELECT data FROM contacts WHERE id = ?").pluck(),
    updateContactData: db.prepare(
      "UPDATE contacts SET data = ? WHERE id = ? AND state = ? AND expires_at = ? AND agent_id IS ? AND queue_id IS ?",
    ),
    expired: db.prepare<[number, number], ContactRow>(
      `SELECT data, ${lastItemAtOf("contacts")} FROM contacts WHERE state = 'ACTIVE' AND expires_at <= ? ORDER BY expires_at LIMIT ?`,
    ),
    // Attributes can be changed, never removed; rewritten whole, since a value may also grow past what is indexed.
    deleteAttributes: db.prepare("DELETE FROM contact_attributes WHERE contact_id = ?"),
    insertAttribute: db.prepare("INSERT INTO contact_attributes (contact_id, key, value) VALUES (?, ?, ?)"),
    insertParticipant: db.prepare("INSERT INTO participants (id, contact_id, initial_contact_id, data) VALUES (?, ?, ?, ?)"),
    participants: db.prepare<[string], { data: string }>("SELECT data FROM participants WHERE contact_id = ? ORDER BY rowid"),
    // contact_id too: a transfer moves the participants still present to the chat's next contact (domain/segments.ts).
    updateParticipant: db.prepare("UPDATE participants SET data = ?, contact_id = ? WHERE id = ?"),
    appendItem: db.prepare(
      "INSERT INTO items (id, contact_id, initial_contact_id, persisted, visibility, body, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    forward: db.prepare<[string, number, number], Parameters<typeof itemFrom>[0]>(
      "SELECT * FROM items WHERE initial_contact_id = ? AND persisted = 1 AND position >= ? ORDER BY position LIMIT ?",
    ),
    backward: db.prepare<[string, number, number], Parameters<typeof itemFrom>[0]>(
      "SELECT * FROM items WHERE initial_contact_id = ? AND persisted = 1 AND position <= ? ORDER BY position DESC LIMIT ?",
    ),
    atForward: db.prepare<[string, number], { position: number }>(
      "SELECT position FROM items WHERE initial_contact_id = ? AND persisted = 1 AND at >= ? ORDER BY at, position LIMIT 1",
    ),
    lastPosition: db.prepare<[string], { p: number | null }>("SELECT max(position) AS p FROM items WHERE initial_contact_id = ?"),
    after: db.prepare<[string, number, number], Parameters<typeof itemFrom>[0]>(
      "SELECT * FROM items WHERE initial_contact_id = ? AND position > ? ORDER BY position LIMIT ?",
    ),
    atBackward: db.prepare<[string, number], { position: number }>(
      "SELECT position FROM items WHERE initial_contact_id = ? AND persisted = 1 AND at <= ? ORDER BY at DESC, position DESC LIMIT 1",
    ),
    participant: db.prepare<[string], { data: string }>("SELECT data FROM participants WHERE id = ?"),
    insertToken: db.prepare("INSERT INTO tokens (hash, kind, participant_id, expires_at, since) VALUES (?, ?, ?, ?, ?)"),
    clearSince: db.prepare("UPDATE tokens SET since = NULL WHERE hash = ?"),
    since: db.prepare<[string], { since: number | null }>("SELECT since FROM tokens WHERE hash = ?"),
    token: db.prepare<[string, string, number], { participant_id: string }>(
      "SELECT participant_id FROM tokens WHERE hash = ? AND kind = ? AND expires_at > ?",
    ),
    purgeTokens: db.prepare("DELETE FROM tokens WHERE expires_at <= ?"),
    item: db.prepare<[string, string], Parameters<typeof itemFrom>[0]>(
      "SELECT * FROM items WHERE id = ? AND initial_contact_id = ? AND persisted = 1",
    ),
    updateItemBody: db.prepare("UPDATE items SET body = ? WHERE id = ?"),
    itemsAt: db.prepare<[string], Parameters<typeof itemFrom>[0]>(
      "SELECT * FROM items WHERE position IN (SELECT value FROM json_each(?)) ORDER BY position",
    ),
    idem: db.prepare<[string, string, string], Record<string, unknown>>(
      "SELECT * FROM idempotency WHERE account_id = ? AND operation = ? AND key = ?",
    ),
    putIdem: db.prepare(
      `INSERT INTO idempotency (account_id, operation, key, fingerprint, result, created_at, expires_at)
       VALUES (@accountId, @operation, @key, @fingerprint, @result, @createdAt, @expiresAt)
       ON CONFLICT (account_id, operation, key) DO UPDATE SET fingerprint = excluded.fingerprint, result = excluded.result,
         created_at = excluded.created_at, expires_at = excluded.expires_at`,
    ),
    purgeIdem: db.prepare("DELETE FROM idempotency WHERE expires_at <= ?"),
    enqueue: db.prepare(
      `INSERT INTO outbox (lane, kind, endpoint, initial_contact_id, item_id, message, attributes, attempts, next_at, created_at, lease_until)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
    ),
    laneBusy: db.prepare<[string], { one: number }>("SELECT 1 AS one FROM outbox WHERE lane = ? AND dead = 0 LIMIT 1"),
    laneHead: db.prepare<[string], OutboxRow>("SELECT * FROM outbox WHERE lane = ? AND dead = 0 ORDER BY id LIMIT 1"),
    claim: db.prepare<[number, number, number], OutboxRow>(
      `SELECT * FROM outbox o WHERE dead = 0 AND next_at <= ? AND lease_until <= ?
         AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.lane = o.lane AND p.dead = 0 AND p.id < o.id)
       ORDER BY id LIMIT ?`,
    ),
    lease: db.prepare("UPDATE outbox SET lease_until = ? WHERE id = ?"),
    complete: db.prepare("DELETE FROM outbox WHERE id = ?"),
    fail: db.prepare("UPDATE outbox SET attempts = ?, next_at = ?, last_error = ?, dead = ?, lease_until = 0 WHERE id = ?"),
    stats: db.prepare<[], { endpoint: string; pending: number; retrying: number; dead: number }>(
      `SELECT endpoint, sum(dead = 0 AND attempts = 0) AS pending, sum(dead = 0 AND attempts > 0) AS retrying, sum(dead) AS dead
       FROM outbox GROUP BY endpoint ORDER BY endpoint`,
    ),
    dead: db.prepare<[number], OutboxRow>("SELECT * FROM outbox WHERE dead = 1 ORDER BY id LIMIT ?"),
    replayAll: db.prepare("UPDATE outbox SET dead = 0, attempts = 0, next_at = ?, last_error = NULL WHERE dead = 1"),
    replayOne: db.prepare("UPDATE outbox SET dead = 0, attempts = 0, next_at = ?, last_error = NULL WHERE dead = 1 AND endpoint = ?"),
    smsSend: db.prepare(
      `INSERT INTO sms_sends (item_id, initial_contact_id, destination_id, provider, provider_message_id, status, error, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    smsSendsOfItem: db.prepare<[string], SmsSendRow>("SELECT * FROM sms_sends WHERE item_id = ? ORDER BY id"),
    smsSendByProviderId: db.prepare<[string, string], SmsSendRow>("SELECT * FROM sms_sends WHERE provider = ? AND provider_message_id = ?"),
    smsOptOut: db.prepare<[string, string, number]>("INSERT INTO sms_opt_outs (destination_id, number, opted_out_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
    smsOptIn: db.prepare<[string, string]>("DELETE FROM sms_opt_outs WHERE destination_id = ? AND number = ?"),
    smsOptedOut: db.prepare<[string, string], { opted_out_at: number }>("SELECT opted_out_at FROM sms_opt_outs WHERE destination_id = ? AND number = ?"),
    smsSendStatus: db.prepare<[string, string | null, string, string]>("UPDATE sms_sends SET status = ?, error = ? WHERE provider = ? AND provider_message_id = ?"),
  };
}
