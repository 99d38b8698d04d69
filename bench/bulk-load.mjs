// Fills a SQLite file directly with ended and active chats, their customers and transcripts, for the
// store-growth bench. Same schema as the server: the migrations of src/storage/migrations/sqlite are applied
// as they are, only their CREATE INDEX statements run after the rows are in (one sort instead of millions of
// random index inserts), and schema_migrations records them so the server applies nothing on start.
//   node bench/bulk-load.mjs OUT.db CHATS [ITEMS_PER_CHAT=10]   → prints {chats, items, ...} as JSON
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import Database from "../dist/storage/sqlite/driver.js";
import { ACCOUNT, DEST, INSTANCE, sourceId, uuidv7 } from "./lib.mjs";

const [out, chatsArg, perChatArg] = process.argv.slice(2);
if (!out || !chatsArg) {
  console.error("usage: node bench/bulk-load.mjs OUT.db CHATS [ITEMS_PER_CHAT]");
  process.exit(2);
}
const CHATS = Number(chatsArg);
const PER_CHAT = Math.max(4, Number(perChatArg ?? 10));
const ACTIVE_EVERY = 20; // 5% of the chats are still active (expiring in the future); the rest ended
const t0 = performance.now();

for (const f of [out, `${out}-wal`, `${out}-shm`]) rmSync(f, { force: true });
const db = new Database(out);
db.pragma("journal_mode = OFF");
db.pragma("synchronous = OFF");
db.pragma("cache_size = -1000000");
db.pragma("temp_store = FILE");

const dir = new URL("../src/storage/migrations/sqlite/", import.meta.url);
const files = readdirSync(dir).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
const indexes = [];
db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
for (const f of files) {
  const sql = readFileSync(new URL(f, dir), "utf8").replace(/^\s*--.*$/gm, "");
  for (const stmt of sql.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter(Boolean)) {
    // A later DROP INDEX cancels the deferred CREATE INDEX of the same name.
    const dropped = /^DROP\s+INDEX\s+(?:IF\s+EXISTS\s+)?(\w+)/i.exec(stmt)?.[1];
    if (/^CREATE\s+(UNIQUE\s+)?INDEX/i.test(stmt)) indexes.push(stmt);
    else if (dropped) indexes.splice(0, indexes.length, ...indexes.filter((i) => !new RegExp(`INDEX\\s+${dropped}\\s`, "i").test(i)));
    else db.exec(stmt);
  }
  db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(Number(f.slice(0, 4)), f.slice(5, -4), Date.now());
}

const insContact = db.prepare(
  "INSERT INTO contacts (id, account_id, instance_id, initial_contact_id, state, destination_id, source_id, subtype_key, expires_at, initiated_at, ended_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
);
const insParticipant = db.prepare("INSERT INTO participants (id, contact_id, initial_contact_id, data) VALUES (?, ?, ?, ?)");
const insItem = db.prepare("INSERT INTO items (id, contact_id, initial_contact_id, persisted, visibility, body, at) VALUES (?, ?, ?, 1, 'ALL', ?, ?)");
const iso = (ms) => new Date(ms).toISOString();
const now = Date.now();
let items = 0;

const batch = db.transaction((from, to) => {
  for (let i = from; i < to; i++) {
    const active = i % ACTIVE_EVERY === 0;
    const start = now - (CHATS - i) * 1000 - 3_600_000;
    const id = uuidv7(start);
    const customer = uuidv7(start);
    const identity = { accountId: ACCOUNT, destinationId: DEST, sourceId: sourceId("1999", i), subtypeKey: "connect:sms" };
    const p = { id: customer, contactId: id, initialContactId: id, role: "CUSTOMER", displayName: "Customer", joinedAt: start };
    let t = start;
    const from = { ParticipantId: customer, DisplayName: "Customer", ParticipantRole: "CUSTOMER" };
    const item = (body) => {
      insItem.run(body.Id, id, id, JSON.stringify(body), Date.parse(body.AbsoluteTime));
      items++;
    };
    item({ AbsoluteTime: iso(t), ContentType: "application/vnd.amazonaws.connect.event.participant.joined", Id: uuidv7(t), Type: "EVENT", ...from });
    const messages = active ? PER_CHAT - 1 : PER_CHAT - 3;
    for (let k = 0; k < messages; k++)
      item({ AbsoluteTime: iso((t += 1000)), Content: `message ${k} of a bulk-loaded chat`, ContentType: "text/plain", Id: uuidv7(t), Type: "MESSAGE", ...from });
    const contact = {
      id, accountId: ACCOUNT, instanceId: INSTANCE, initialContactId: id, state: active ? "ACTIVE" : "ENDED", channel: "CHAT",
      initiationMethod: "API", identity, subtype: "connect:SMS", contactFlowId: "22222222-3333-4444-8555-666666666666",
      customerParticipantId: customer, customerDisplayName: "Customer", attributes: {}, supportedContentTypes: ["text/plain"],
      streamingEndpoints: [], initiatedAt: start, expiresAt: active ? now + 86_400_000 : start + 90_000_000, updatedAt: t, lastItemAt: t,
      lastMessage: { content: `message ${messages - 1} of a bulk-loaded chat`, at: t, role: "CUSTOMER" },
    };
    if (!active) {
      t += 1000;
      p.leftAt = t;
      item({ AbsoluteTime: iso(t), ContentType: "application/vnd.amazonaws.connect.event.participant.left", Id: uuidv7(t), Type: "EVENT", ...from });
      item({ AbsoluteTime: iso(t), ContentType: "application/vnd.amazonaws.connect.event.chat.ended", Id: uuidv7(t), Type: "EVENT" });
      Object.assign(contact, { endedAt: t, updatedAt: t, lastItemAt: t, endReason: "CUSTOMER_DISCONNECT" });
    }
    insContact.run(id, ACCOUNT, INSTANCE, id, contact.state, DEST, identity.sourceId, identity.subtypeKey, contact.expiresAt, start, contact.endedAt ?? null, JSON.stringify(contact));
    insParticipant.run(customer, id, id, JSON.stringify(p));
  }
});
for (let i = 0; i < CHATS; i += 10_000) {
  batch(i, Math.min(CHATS, i + 10_000));
  if (i % 100_000 === 0 && i > 0) process.stderr.write(`bulk-load: ${i} chats, ${items} items (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
}
const rowsSeconds = (performance.now() - t0) / 1000;
for (const stmt of indexes) db.exec(stmt);
db.exec("ANALYZE");
db.close();
console.log(JSON.stringify({ chats: CHATS, items, participants: CHATS, rowsSeconds, loadSeconds: (performance.now() - t0) / 1000, dbMiB: statSync(out).size / 2 ** 20 }));
