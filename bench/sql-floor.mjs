// The SQL floor of a new chat on SQLite (issue 20): the statements connect-chat's store runs for a chat that a
// MESSAGE creates, and nothing else, against the essential work's statements (bench/essential-server.mjs), both in
// group commits of BATCH requests, durable as the servers are (WAL, synchronous NORMAL, checkpoints in a worker).
// No HTTP, no JSON, no domain code: what is left is the cost of the rows each one stores. connect-chat's side uses
// the store's own prepared statements (dist/storage/sqlite/statements.js) on a schema its migrations made, and
// the row mapping of rows.ts; each request runs in its SAVEPOINT as in GroupCommit.
//   node bench/sql-floor.mjs            (after npm run build)   env: FLOOR_CHATS (40000), FLOOR_BATCH (21)
// Prints µs per new chat, each side's commit share, and connect-chat's per-statement split.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ACCOUNT, DEST, ESSENTIAL_SCHEMA, newChatRecords, uuidv7 } from "./lib.mjs";

const dist = new URL("../dist/", import.meta.url);
const { default: Database } = await import(new URL("storage/sqlite/driver.js", dist).href);
const { SqliteStore } = await import(new URL("storage/sqlite/SqliteStore.js", dist).href);
const { Checkpointer } = await import(new URL("storage/sqlite/checkpointer.js", dist).href);
const { prepare } = await import(new URL("storage/sqlite/statements.js", dist).href);
const { contactRow } = await import(new URL("storage/rows.js", dist).href);

const CHATS = Number(process.env.FLOOR_CHATS ?? 40_000);
const BATCH = Number(process.env.FLOOR_BATCH ?? 21); // the (b) load's mean batch at 32 connections (measured)
const SUBTYPE = "connect:sms";
const work = mkdtempSync(join(tmpdir(), "sql-floor-"));

/** The server's durability settings (SqliteStore's constructor): WAL, NORMAL, no checkpoint on COMMIT. */
function open(path) {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("cache_size = -8192");
  db.pragma("temp_store = MEMORY");
  db.pragma("wal_autocheckpoint = 0");
  return db;
}

/** connect-chat: the lookup that misses, the join event and the message, then the held contact and its customer. */
async function connectChat(path) {
  await new SqliteStore(path).close(); // migrations
  const db = open(path);
  const s = prepare(db);
  const split = { lookup: 0, items: 0, contact: 0, participant: 0, savepoint: 0 };
  const timed = (k, f) => {
    const t = performance.now();
    const v = f();
    split[k] += performance.now() - t;
    return v;
  };
  const one = (i, now) => {
    const { id, identity, contact, customer, from, joined } = newChatRecords(`+1777${String(i).padStart(8, "0")}`, now);
    const at = joined.AbsoluteTime;
    const message = { AbsoluteTime: at, Content: "hello", ContentType: "text/plain", Id: uuidv7(now), Type: "MESSAGE", ...from };
    timed("savepoint", () => s.savepoint.run());
    timed("lookup", () => s.activeChat.get(ACCOUNT, DEST, identity.sourceId, SUBTYPE));
    for (const body of [joined, message]) timed("items", () => s.appendItem.run(body.Id, id, id, 1, "ALL", JSON.stringify(body), now));
    timed("contact", () => s.insertContact.run(contactRow(contact)));
    timed("participant", () => s.insertParticipant.run(customer.id, id, id, JSON.stringify(customer)));
    timed("savepoint", () => s.release.run());
  };
  return { name: "connect-chat", path, db, begin: s.begin, commit: s.commit, one, split };
}

/** The essential work: the lookup that misses, the chat, its one item (bench/essential-server.mjs's SQLite store). */
function essential(path) {
  const db = open(path);
  for (const s of ESSENTIAL_SCHEMA) db.exec(s);
  const find = db.prepare("SELECT id FROM chats WHERE destination = ? AND source = ? AND subtype = ? AND active = 1");
  const chat = db.prepare("INSERT INTO chats (id, destination, source, subtype, created_at, active) VALUES (?, ?, ?, ?, ?, 1)");
  const item = db.prepare("INSERT INTO items (chat_id, at, body) VALUES (?, ?, ?)");
  const one = (i, now) => {
    const source = `+1777${String(i).padStart(8, "0")}`;
    find.get(DEST, source, SUBTYPE);
    const id = uuidv7(now);
    chat.run(id, DEST, source, SUBTYPE, now);
    item.run(id, now, JSON.stringify({ Id: uuidv7(now), AbsoluteTime: new Date(now).toISOString(), Type: "MESSAGE", ContentType: "text/plain", Content: "hello", ParticipantRole: "CUSTOMER" }));
  };
  return { name: "essential", path, db, begin: db.prepare("BEGIN"), commit: db.prepare("COMMIT"), one };
}

async function measure(side) {
  // The worker's WAL restart asks for the writes to be held (as SqliteStore's commit queue does): the loop waits at
  // its next yield.
  let held;
  const checkpoints = new Checkpointer(side.path, (during) => (held = during()));
  let commitMs = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < CHATS; ) {
    const now = Date.now();
    side.begin.run();
    for (let k = 0; k < BATCH && i < CHATS; k++, i++) side.one(i, now);
    const c = performance.now();
    side.commit.run();
    commitMs += performance.now() - c;
    if (i % (BATCH * 8) === 0) {
      await new Promise((r) => setImmediate(r)); // lets the checkpoint worker's messages in
      if (held) await held;
      held = undefined;
    }
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await checkpoints.stop();
  side.db.close();
  const us = (ms) => (ms * 1000) / CHATS;
  return { name: side.name, usPerChat: us(wallMs), cpuUsPerChat: (cpu.user + cpu.system) / CHATS, commitUs: us(commitMs), split: side.split && Object.fromEntries(Object.entries(side.split).map(([k, v]) => [k, us(v)])) };
}

try {
  // Alternating, twice each: the machine may be shared; each side keeps its fastest run.
  const runs = [];
  for (let r = 0; r < 2; r++)
    for (const make of r % 2 ? [connectChat, essential] : [essential, connectChat]) runs.push(await measure(await make(join(work, `${make.name}-${r}.db`))));
  const best = (name) => runs.filter((r) => r.name === name).sort((a, b) => a.usPerChat - b.usPerChat)[0];
  const [e, c] = [best("essential"), best("connect-chat")];
  const f1 = (n) => n.toFixed(1);
  console.log(`SQL of a new chat, ${CHATS} chats in group commits of ${BATCH} (fastest of 2 alternating runs each):`);
  for (const r of [e, c]) console.log(`  ${r.name.padEnd(13)} ${f1(r.usPerChat)} µs a chat (CPU with the checkpoint worker ${f1(r.cpuUsPerChat)}), COMMIT ${f1(r.commitUs)}`);
  console.log(`  connect-chat's statements: ${Object.entries(c.split).map(([k, v]) => `${k} ${f1(v)}`).join(", ")} µs`);
  console.log(`  connect-chat ÷ essential: ${(c.usPerChat / e.usPerChat).toFixed(2)}× the SQL time`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
