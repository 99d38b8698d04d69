// The plans PostgreSQL keeps for the active-chat lookup and the expiry sweep, on a table with no statistics yet (a
// new deployment, a restore, the bench): each connection keeps the plans of a PL/pgSQL function and of a named
// statement, so a plan chosen then stays. The expiry index once matched the lookup too (its predicate was only
// state = 'ACTIVE') and won the tie: every event then read every active chat (migration 0192).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { SQL } from "../../src/storage/postgres/sql.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";

const db = await createScratchDatabase();
after(() => db.drop());

/** A connection that reports the plan of every statement it runs, nested ones included (auto_explain). */
async function explaining() {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const scans: string[] = [];
  client.on("notice", (n) => {
    for (const m of (n.message ?? "").matchAll(/(Index Only Scan using \w+|Index Scan using \w+|Bitmap Index Scan on \w+|Seq Scan on \w+)/g)) scans.push(m[1]);
  });
  for (const s of ["LOAD 'auto_explain'", "SET auto_explain.log_min_duration = 0", "SET auto_explain.log_nested_statements = on", "SET auto_explain.log_level = notice"]) await client.query(s);
  return { client, scans };
}

/** Active chats numbered from..to, as a bench's or a new deployment's first chats: no ANALYZE has run. */
const addChats = (c: pg.Client, from: number, to: number) =>
  c.query(
    `INSERT INTO contacts (id, account_id, instance_id, initial_contact_id, state, destination_id, source_id, subtype_key, expires_at, initiated_at, data)
     SELECT 'c' || g, 'a', 'i', 'c' || g, 'ACTIVE', 'd', '+1' || g, 'connect:sms', 4102444800000 + g, 0, '{}' FROM generate_series($1::int, $2::int) g`,
    [from, to],
  );

test("postgres plans: with no statistics yet, the active-chat lookup reads the one-active-chat index, custom and generic plans alike, and the sweep keeps the expiry index", async () => {
  await (await PostgresStore.open(db.url)).close(); // the migrations
  const setup = new pg.Client({ connectionString: db.url });
  await setup.connect();
  try {
    let made = 0;
    // The tie between the two indexes depends on the table's size (measured: the expiry index won it at 500 and
    // 1,000 chats, not at 2,000), so the lookup is planned afresh at several sizes, each on a new connection.
    for (const size of [300, 1000, 4000]) {
      await addChats(setup, made + 1, size);
      made = size;
      const stats = await setup.query("SELECT count(*)::int AS n FROM pg_stats WHERE tablename = 'contacts'");
      assert.equal(stats.rows[0].n, 0, "the table has no statistics: the case where plans tie");
      const { client, scans } = await explaining();
      try {
        // More than 5 calls: PostgreSQL's plan cache moves from custom plans to the generic plan it keeps.
        for (let i = 1; i <= 12; i++) {
          const r = await client.query("SELECT data, initial_contact_id FROM cc_locked_active_chat('a', 'd', $1, 'connect:sms')", [`+1${i * 7}`]);
          assert.equal(r.rows.length, 1);
        }
        const lookups = scans.filter((s) => /contacts/.test(s));
        assert.ok(lookups.length >= 12, `plans seen at ${size}: ${scans.join(", ")}`);
        assert.deepEqual([...new Set(lookups)], ["Index Scan using contacts_one_active_chat"], `at ${size} chats`);

        scans.length = 0;
        for (let i = 0; i < 8; i++) await client.query({ name: "expired", text: SQL.expired, values: [4102444800000 + 10, 5] });
        assert.ok(scans.length >= 8);
        // An index scan or, for a custom plan of a small table, a bitmap scan: the expiry index either way.
        assert.deepEqual([...new Set(scans.map((s) => s.split(" ").pop()))], ["contacts_active_expiry"], `the sweep at ${size} chats: ${scans.join(", ")}`);
      } finally {
        await client.end();
      }
    }
  } finally {
    await setup.end();
  }
});

test("postgres plans: the commit's watched-chat check, planned while no chat was watched, still reads watchers by its key once thousands are", async () => {
  await (await PostgresStore.open(db.url)).close();
  const setup = new pg.Client({ connectionString: db.url });
  await setup.connect();
  const { client, scans } = await explaining();
  try {
    await setup.query("DELETE FROM watchers");
    await setup.query("INSERT INTO watch_nodes (node, until) VALUES ('plans-node', now() + interval '1 hour') ON CONFLICT (node) DO UPDATE SET until = excluded.until");
    const check = (chat: string) => client.query("SELECT cc_notify_watched('cc_plans_test', '{}', ARRAY[$1])", [chat]);
    for (let i = 0; i < 12; i++) await check(`nobody-${i}`); // planned on the empty table, past the custom plans
    await setup.query("INSERT INTO watchers (initial_contact_id, node) SELECT 'w' || g, 'plans-node' FROM generate_series(1, 5000) g");
    scans.length = 0;
    for (let i = 0; i < 6; i++) await check(`w${i * 11 + 1}`);
    const onWatchers = scans.filter((s) => /watchers/.test(s));
    assert.ok(onWatchers.length >= 6, `plans seen: ${scans.join(", ")}`);
    assert.ok(!onWatchers.some((s) => s.startsWith("Seq Scan")), `the check read all of watchers: ${scans.join(", ")}`);
  } finally {
    await client.end();
    await setup.query("DELETE FROM watchers WHERE node = 'plans-node'");
    await setup.end();
  }
});
