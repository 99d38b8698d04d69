// The PostgreSQL statements of the Store port, by name: each is prepared once per connection (pg named statements).
//
// Why the locks: transactions run at READ COMMITTED, where SQLite's BEGIN IMMEDIATE serializes everything.
// - Every read of a contact takes its row lock (FOR NO KEY UPDATE): the domain reads a chat, changes it and
//   writes it back whole, so two nodes working on one chat must take turns or one would undo the other (a
//   message rewriting a chat that StopContact just ended back to ACTIVE). A waiter re-reads the newest row
//   version, so a chat ended meanwhile no longer matches `state = 'ACTIVE'` and the waiter starts a new one.
// - appendItem takes the same lock before the identity sequence hands out a position. Positions are taken
//   in sequence order but committed in any order; holding the chat's row lock from nextval to COMMIT means
//   per chat the position order is the commit order, so a transcript (or push) read up to position p never
//   sees an item below p appear later, and an event acknowledged before another was sent sorts before it.
//   Across chats positions only increase in nextval order, not commit order (see the report for streaming).
// - The one-active-chat rule needs no lock: INSERT … ON CONFLICT DO NOTHING waits on the unique index for a
//   racing insert to commit or roll back, then the loser reads the winner (a new statement, a new snapshot).
// - Idempotency keys take a transaction advisory lock: two nodes handling one key run one after the other.
export const SQL = {
  // A contact by id (and account unless NULL), or the identity's active chat: row-locked, with its chat's newest item
  // time read after the lock, in one round trip (functions: migration 0180 says why).
  contactLocked: "SELECT data, initial_contact_id, last_at FROM cc_locked_contact($1, $2)",
  activeChatLocked: "SELECT data, initial_contact_id, last_at FROM cc_locked_active_chat($1, $2, $3, $4)",
  insertContact: `INSERT INTO contacts (id, account_id, instance_id, initial_contact_id, state, destination_id, source_id, subtype_key, expires_at,
      initiated_at, ended_at, agent_id, agent_at, data, queue_id, previous_contact_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT DO NOTHING`,
  // The chat's newest item time (rows.ts contactFrom), read in a statement of its own after a row lock (the
  // expiry sweep's): a sub-select of the locking statement would use that statement's snapshot, taken before the
  // lock wait, and miss an item another node committed meanwhile (its AbsoluteTime could then be later than ours).
  lastItemAt: "SELECT at AS last_at FROM items WHERE initial_contact_id = $1 ORDER BY position DESC LIMIT 1",
  // The FROM's row is read before the update: the record as it was, to tell whether the attributes changed.
  updateContact: `UPDATE contacts c SET state = $2, expires_at = $3, ended_at = $4, agent_id = $5, agent_at = $6, data = $7, queue_id = $8
    FROM (SELECT id, data AS old_data FROM contacts WHERE id = $1) o WHERE c.id = o.id RETURNING o.old_data`,
  // SKIP LOCKED: sweepers on several nodes share the due chats instead of queueing behind each other; a chat
  // locked by a request is ended by that request if it is due.
  expired: `SELECT data, initial_contact_id FROM contacts WHERE state = 'ACTIVE' AND expires_at <= $1 ORDER BY expires_at LIMIT $2
    FOR NO KEY UPDATE SKIP LOCKED`,
  // Attributes can be changed, never removed; rewritten whole, since a value may also grow past what is indexed.
  deleteAttributes: "DELETE FROM contact_attributes WHERE contact_id = $1",
  insertAttributes: "INSERT INTO contact_attributes (contact_id, key, value) SELECT $1, k, v FROM unnest($2::text[], $3::text[]) AS t(k, v)",
  // A new chat with its customer and first item in one statement: the participant and item rows only when the contact
  // row went in (foreign keys are checked at the statement's end, when all are there); no position: a conflict. The
  // contact is this transaction's own row, so the item takes no lock (appendItem's) to be ordered.
  insertChat: `WITH c AS (INSERT INTO contacts (id, account_id, instance_id, initial_contact_id, state, destination_id, source_id,
      subtype_key, expires_at, initiated_at, ended_at, agent_id, agent_at, data, queue_id, previous_contact_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT DO NOTHING RETURNING id),
    p AS (INSERT INTO participants (id, contact_id, initial_contact_id, data) SELECT $17, c.id, $18, $19 FROM c)
    INSERT INTO items (id, contact_id, initial_contact_id, persisted, visibility, body, at) SELECT $20, c.id, $21, $22, $23, $24, $25 FROM c
    RETURNING position`,
  insertParticipant: "INSERT INTO participants (id, contact_id, initial_contact_id, data) VALUES ($1, $2, $3, $4)",
  participants: "SELECT data FROM participants WHERE contact_id = $1 ORDER BY seq",
  participant: "SELECT data FROM participants WHERE id = $1",
  // contact_id too: a transfer moves the participants still present to the chat's next contact (domain/segments.ts).
  updateParticipant: "UPDATE participants SET data = $2, contact_id = $3 WHERE id = $1",
  // The count(*) sub-select locks the chat's row (if any) before nextval runs, and always yields one row.
  appendItem: `INSERT INTO items (id, contact_id, initial_contact_id, persisted, visibility, body, at)
    SELECT $1, $2, $3, $4, $5, $6, $7
    FROM (SELECT count(*) FROM (SELECT 1 FROM contacts WHERE id = $2 FOR NO KEY UPDATE) chat) locked
    RETURNING position`,
  // The same, for a contact this transaction already holds (locked by a read above, or inserted by it): the lock
  // is held until COMMIT either way, so taking it again only costs the backend an index scan.
  appendItemHeld: `INSERT INTO items (id, contact_id, initial_contact_id, persisted, visibility, body, at) VALUES ($1, $2, $3, $4, $5, $6, $7)
    RETURNING position`,
  item: "SELECT * FROM items WHERE id = $1 AND initial_contact_id = $2 AND persisted",
  updateItemBody: "UPDATE items SET body = $2 WHERE id = $1",
  itemsAt: "SELECT * FROM items WHERE position = ANY($1::bigint[]) ORDER BY position",
  forward: "SELECT * FROM items WHERE initial_contact_id = $1 AND persisted AND position >= $2 ORDER BY position LIMIT $3",
  backward: "SELECT * FROM items WHERE initial_contact_id = $1 AND persisted AND position <= $2 ORDER BY position DESC LIMIT $3",
  lastPosition: "SELECT max(position) AS p FROM items WHERE initial_contact_id = $1",
  after: "SELECT * FROM items WHERE initial_contact_id = $1 AND position > $2 ORDER BY position LIMIT $3",
  atForward: "SELECT position FROM items WHERE initial_contact_id = $1 AND persisted AND at >= $2 ORDER BY at, position LIMIT 1",
  atBackward: "SELECT position FROM items WHERE initial_contact_id = $1 AND persisted AND at <= $2 ORDER BY at DESC, position DESC LIMIT 1",
  insertToken: "INSERT INTO tokens (hash, kind, participant_id, expires_at, since) VALUES ($1, $2, $3, $4, $5)",
  // The row lock makes racing sockets (on any node) take turns: the second one finds since already NULL.
  claimSince: `UPDATE tokens t SET since = NULL FROM (SELECT hash, since FROM tokens WHERE hash = $1 AND since IS NOT NULL FOR UPDATE) old
    WHERE t.hash = old.hash RETURNING old.since`,
  token: "SELECT participant_id FROM tokens WHERE hash = $1 AND kind = $2 AND expires_at > $3",
  purgeTokens: "DELETE FROM tokens WHERE expires_at <= $1",
  idemLock: "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
  idem: "SELECT * FROM idempotency WHERE account_id = $1 AND operation = $2 AND key = $3",
  putIdem: `INSERT INTO idempotency (account_id, operation, key, fingerprint, result, created_at, expires_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7)
    ON CONFLICT (account_id, operation, key) DO UPDATE SET fingerprint = excluded.fingerprint, result = excluded.result,
      created_at = excluded.created_at, expires_at = excluded.expires_at`,
  purgeIdem: "DELETE FROM idempotency WHERE expires_at <= $1",
} as const;

export type Statement = keyof typeof SQL;

/** The push feed's statements (feed.ts). A chat's contact row is the one its appends lock: contact id = chat id. */
export const FEED_SQL = {
  lockChats: "SELECT 1 FROM contacts WHERE id = ANY($1::text[]) ORDER BY id FOR SHARE",
  register: "INSERT INTO watchers (initial_contact_id, node) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING",
  // One row per node, whatever its number of chats; `live`: the previous lease had not run out (nor been removed).
  lease: `WITH old AS (SELECT until > clock_timestamp() AS live FROM watch_nodes WHERE node = $1)
    INSERT INTO watch_nodes (node, until) VALUES ($1, now() + make_interval(secs => $2))
    ON CONFLICT (node) DO UPDATE SET until = excluded.until
    RETURNING coalesce((SELECT live FROM old), false) AS live`,
  // Watches of nodes that died (their lease long lapsed).
  expire: `WITH dead AS (DELETE FROM watch_nodes WHERE until < now() - interval '10 minutes' RETURNING node)
    DELETE FROM watchers WHERE node IN (SELECT node FROM dead)`,
  unwatch: "DELETE FROM watchers WHERE initial_contact_id = $1 AND node = $2",
  unwatchAll: "WITH w AS (DELETE FROM watchers WHERE node = $1) DELETE FROM watch_nodes WHERE node = $1",
  lastPositions: `SELECT w.chat, (SELECT max(position) FROM items WHERE initial_contact_id = w.chat) AS last
    FROM unnest($1::text[]) AS w(chat)`,
  after: `SELECT i.* FROM unnest($1::text[], $2::bigint[]) AS w(chat, after)
    CROSS JOIN LATERAL (SELECT * FROM items WHERE initial_contact_id = w.chat AND position > w.after ORDER BY position) i
    ORDER BY i.position`,
  itemsAt: SQL.itemsAt,
} as const;
