// The node's own CPU for a MESSAGE's storage on PostgreSQL (issue 20): the store's transaction (PostgresStore.tx:
// the locking read of the active chat, the held item insert sent with the COMMIT) against the pg driver alone
// sending the same two query strings from a loop with nothing else. No HTTP, no SigV4, no domain code: the
// difference is what the store's JavaScript adds to a MESSAGE, the driver's share is the floor of any store on pg.
//   node bench/pg-floor/store-vs-driver.mjs     (after npm run build)
//   env: BENCH_POSTGRES_URL (admin URL; default the test server), FLOOR_OPS (8000 a run), FLOOR_ROUNDS (3)
// A scratch database of its own, 1,000 chats made through the store, 10 connections and 10 callers on each side;
// the two sides alternate and each keeps its lowest CPU per operation (the machine may be shared).
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { newChatRecords, uuidv7 } from "../lib.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { PostgresStore } = await import(join(root, "dist/storage/postgres/PostgresStore.js"));
// The tests' scratch databases (not in dist/: tsx loads the source, as scripts/bench.mjs does).
const { tsImport } = await import("tsx/esm/api");
const { createScratchDatabase, TEST_ADMIN_URL } = await tsImport(join(root, "src/storage/postgres/scratch.ts"), import.meta.url);
const OPS = Number(process.env.FLOOR_OPS ?? 8000);
const ROUNDS = Number(process.env.FLOOR_ROUNDS ?? 3);
const CALLERS = 10;

const db = await createScratchDatabase(process.env.BENCH_POSTGRES_URL || TEST_ADMIN_URL);
const url = new URL(db.url);
url.searchParams.set("pool_max", String(CALLERS));
const store = await PostgresStore.open(url.toString());
const pool = new pg.Pool({ connectionString: db.url, max: CALLERS });

/** A chat as the server makes one for a first MESSAGE: the contact, its customer, the join event. */
function newChat(i, now) {
  const { id, identity, contact, customer, joined } = newChatRecords(`+1888${String(i).padStart(8, "0")}`, now);
  return { contact, customer, joined: { contactId: id, initialContactId: id, persisted: true, visibility: "ALL", body: joined }, identity };
}

const message = (c, i) => {
  const now = Date.now();
  return { AbsoluteTime: new Date(now).toISOString(), Content: `message ${i}`, ContentType: "text/plain", Id: uuidv7(now), Type: "MESSAGE", ParticipantId: c.customerParticipantId, DisplayName: "Customer", ParticipantRole: "CUSTOMER" };
};

/** The store: the server's MESSAGE transaction (the domain's two TxStore calls). */
const viaStore = (identity, i) =>
  store.tx(async (t) => {
    const c = await t.activeChat(identity);
    const body = message(c, i);
    await t.appendItem({ contactId: c.id, initialContactId: c.initialContactId, persisted: true, visibility: "ALL", body }, { positionAfterCommit: true });
  });

/** The driver alone: the same two query strings (read off log_statement = all), written by hand. */
const lit = (s) => `'${s.replace(/'/g, "''")}'`;
const viaDriver = async (identity, i) => {
  const client = await pool.connect();
  try {
    const [, found] = await client.query(
      `BEGIN ISOLATION LEVEL READ COMMITTED; SELECT data, initial_contact_id, last_at FROM cc_locked_active_chat(${lit(identity.accountId)}, ${lit(identity.destinationId)}, ${lit(identity.sourceId)}, ${lit(identity.subtypeKey)})`,
    );
    const row = found.rows[0];
    const c = JSON.parse(row.data);
    const body = message(c, i);
    await client.query(
      `SELECT cc_append_held(${lit(body.Id)}, ${lit(c.id)}, ${lit(row.initial_contact_id)}, 'true', 'ALL', ${lit(JSON.stringify(body))}, '${Date.parse(body.AbsoluteTime)}', NULL, NULL, NULL, 'false') AS position; COMMIT`,
    );
  } finally {
    client.release();
  }
};

async function measure(op, identities) {
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CALLERS }, async () => {
    while (next < OPS) {
      const i = next++;
      await op(identities[i % identities.length], i);
    }
  }));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { perSecond: (OPS / ms) * 1000, userUs: cpu.user / OPS, systemUs: cpu.system / OPS };
}

try {
  const identities = [];
  for (let i = 0; i < 1000; i++) {
    const { contact, customer, joined, identity } = newChat(i, Date.now());
    await store.tx((t) => t.insertChat(contact, customer, joined));
    identities.push(identity);
  }
  const sides = { store: viaStore, driver: viaDriver };
  for (const op of Object.values(sides)) await measure(op, identities); // warm-up: JIT, plans, connections
  const runs = { store: [], driver: [] };
  for (let r = 0; r < ROUNDS; r++) for (const name of r % 2 ? ["driver", "store"] : ["store", "driver"]) runs[name].push(await measure(sides[name], identities));
  const best = (name) => runs[name].sort((a, b) => a.userUs + a.systemUs - (b.userUs + b.systemUs))[0];
  const [s, d] = [best("store"), best("driver")];
  const f0 = (n) => n.toFixed(0);
  console.log(`A MESSAGE's storage on PostgreSQL, ${OPS} a run, ${CALLERS} callers (lowest CPU of ${ROUNDS} alternating runs each):`);
  for (const [name, r] of [["store", s], ["driver alone", d]]) console.log(`  ${name.padEnd(13)} ${f0(r.userUs)} µs user + ${f0(r.systemUs)} µs system a MESSAGE, ${f0(r.perSecond)} a second`);
  console.log(`  the store's JavaScript adds ${f0(s.userUs - d.userUs)} µs of user CPU to the driver's ${f0(d.userUs)}`);
} finally {
  await store.close();
  await pool.end();
  await db.drop();
}
