// SearchContacts on SQLite beside writes: chats made in bulk through the store (dist/), then attribute searches timed
// alone, and sequential writes timed while a broad search runs (Store.search: a worker thread) and while the same
// search runs inside a transaction (how searches ran before): how many writes complete during it, and their p50/p99.
//   node bench/search.mjs [CHATS=90000]   → prints JSON
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteStore } from "../dist/storage/sqlite/SqliteStore.js";

const CHATS = Number(process.argv[2] ?? 90_000);
const dir = mkdtempSync(join(tmpdir(), "cc-bench-search-"));
const store = new SqliteStore(join(dir, "search.db"), { searchBudgetMs: 600_000 });
const TIERS = ["gold", "silver", "bronze"];
const base = { accountId: "123456789012", instanceId: "bench", state: "ACTIVE", channel: "CHAT", initiationMethod: "API", customerDisplayName: "Customer", supportedContentTypes: ["text/plain"], streamingEndpoints: [], expiresAt: 9e15 };
const chat = (i) => ({ ...base, id: `c${i}`, initialContactId: `c${i}`, customerParticipantId: `p${i}`, initiatedAt: 1000 + i, updatedAt: 1000, lastItemAt: 1000, attributes: { tier: TIERS[i % 3], n: String(i) } });
const t0 = performance.now();
for (let b = 0; b < CHATS; b += 10_000)
  await store.tx(async (t) => {
    for (let i = b; i < Math.min(CHATS, b + 10_000); i++) await t.insertContact(chat(i));
  });
const loadMs = performance.now() - t0;
const writer = { ...chat(-1), instanceId: "writes", attributes: {} };
await store.tx((t) => t.insertContact(writer));

const q = (where) => ({ accountId: "123456789012", instanceId: "bench", where, sort: { key: "initiated", missing: -1, descending: true }, limit: 101 });
const attr = (key, values) => ({ kind: "attribute", key, values });
const shapes = { one: attr("n", ["77"]), third: attr("tier", ["gold"]), broad: { kind: "any", of: TIERS.map((t) => attr("tier", [t])) } };
const ms = (x) => Math.round(x * 10) / 10;
const searches = {};
await store.search(q(shapes.one)); // starts the worker
for (const [name, where] of Object.entries(shapes)) {
  const s = performance.now();
  const r = await store.search(q(where));
  searches[name] = { total: r.total, ms: ms(performance.now() - s) };
}

let n = 0;
const write = () => store.tx((t) => t.appendItem({ contactId: writer.id, initialContactId: writer.id, persisted: true, visibility: "ALL", body: { Id: `w${++n}`, AbsoluteTime: new Date().toISOString(), Type: "MESSAGE", ContentType: "text/plain", Content: "x" } }));
async function writesDuring(search) {
  let done = false;
  const s = performance.now();
  const p = search().finally(() => (done = true));
  const lat = [];
  do {
    const w = performance.now();
    await write();
    lat.push(performance.now() - w);
  } while (!done);
  await p;
  lat.sort((a, b) => a - b);
  return { searchMs: ms(performance.now() - s), writesCompleted: lat.length, p50: ms(lat[Math.floor(lat.length * 0.5)]), p99: ms(lat[Math.floor(lat.length * 0.99)]) };
}
const idle = [];
for (let i = 0; i < 200; i++) {
  const w = performance.now();
  await write();
  idle.push(performance.now() - w);
}
idle.sort((a, b) => a - b);
const result = {
  chats: CHATS,
  loadMs: Math.round(loadMs),
  searches,
  writesIdle: { p50: ms(idle[100]), p99: ms(idle[198]) },
  writesDuringWorkerSearch: await writesDuring(() => store.search(q(shapes.broad))),
  writesDuringTransactionalSearch: await writesDuring(() => store.tx((t) => t.searchContacts(q(shapes.broad)))),
};
await store.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(result, null, 2));
