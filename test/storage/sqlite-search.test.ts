// Long searches on SQLite: a SearchContacts over tens of thousands of chats runs on a read connection in a worker
// thread, so writes (and the event loop) keep going while it runs; a search past the search budget stops with a
// clear 400 instead. The chats are made in bulk through the store (not HTTP); assertions are on ordering, not time.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SearchContactsCommand } from "@aws-sdk/client-connect";
import { SqliteStore } from "../../src/storage/sqlite/SqliteStore.js";
import { contact, identity } from "../../src/storage/contract/cases.js";
import { SearchBudgetExceeded, type ContactQuery, type SearchCondition } from "../../src/domain/ports.js";
import type { Contact, Item } from "../../src/domain/types.js";
import { ACCOUNT, INSTANCE, startServer } from "../support/server.js";

const CHATS = 60_000;
const TIERS = ["gold", "silver", "bronze"];
const dir = mkdtempSync(join(tmpdir(), "cc-search-"));
const path = join(dir, "big.db");
const now = Date.now();
let s: SqliteStore;
let chat: Contact;

before(async () => {
  s = new SqliteStore(path, { searchBudgetMs: 600_000 }); // this store is about concurrency; the budget has its own test
  for (let b = 0; b < CHATS; b += 10_000)
    await s.tx(async (t) => {
      for (let i = b; i < Math.min(CHATS, b + 10_000); i++)
        await t.insertContact(contact(identity(), { accountId: ACCOUNT, instanceId: INSTANCE, initiatedAt: now - 60_000 + i, attributes: { tier: TIERS[i % 3], n: String(i) } }));
    });
  chat = contact(identity(), { accountId: ACCOUNT, instanceId: "writes" });
  await s.tx((t) => t.insertContact(chat));
});
after(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every chat matches one of the attribute criteria: the count reads each of them. */
const broad: SearchCondition = {
  kind: "any",
  of: [
    { kind: "attribute", key: "tier", values: ["gold"] },
    { kind: "attribute", key: "tier", values: ["silver"] },
    { kind: "attribute", key: "tier", values: ["bronze"] },
  ],
};
const query: ContactQuery = { accountId: ACCOUNT, instanceId: INSTANCE, where: broad, sort: { key: "initiated", missing: -1, descending: true }, limit: 101 };

let n = 0;
const write = () => {
  const body = { Id: `w-${++n}`, AbsoluteTime: new Date(now).toISOString(), Type: "MESSAGE" as const, ContentType: "text/plain", Content: "x" };
  const item: Item = { contactId: chat.id, initialContactId: chat.id, persisted: true, visibility: "ALL", body };
  return s.tx((t) => t.appendItem(item));
};

test("sqlite: writes started after a long search finish before it does; it still counts every chat", async () => {
  const order: string[] = [];
  let settled = false;
  const t0 = performance.now();
  let took = 0;
  const search = s.search(query).finally(() => ((settled = true), order.push("search"), (took = performance.now() - t0)));
  let writes = 0;
  // Each write waits for the previous one: progress while the search runs, not a burst queued at once.
  while (!settled && writes < 5000) {
    await write();
    writes++;
    order.push("write");
  }
  const r = await search;
  assert.equal(r.total, CHATS);
  assert.equal(r.contacts.length, 101);
  assert.ok(order.indexOf("search") >= 10, `writes completed before the search: ${order.indexOf("search")}`);
  console.log("# writes before the search", order.indexOf("search"), "search ms", Math.round(took), "total ms", Math.round(performance.now() - t0));
});

test("sqlite: the same search inside a transaction (how it ran before) holds every write queued behind it", async () => {
  const order: string[] = [];
  const search = s.tx((t) => t.searchContacts(query)).then(() => order.push("search"));
  const writes = Array.from({ length: 5 }, () => write().then(() => order.push("write")));
  await Promise.all([search, ...writes]);
  assert.equal(order[0], "search", "no write finished before the transactional search");
});

test("sqlite: a search past its budget stops with SearchBudgetExceeded, and the server answers a clear 400", async () => {
  // A narrow search is no trouble for an ordinary budget.
  const one = await s.search({ ...query, where: { kind: "attribute", key: "n", values: ["77"] } });
  assert.equal(one.total, 1);
  // One opener of the file at a time from here on (close is idempotent; after() closes it again).
  await s.close();
  const tight = new SqliteStore(path, { searchBudgetMs: 1 });
  try {
    await assert.rejects(tight.search(query), (e: unknown) => e instanceof SearchBudgetExceeded && e.budgetMs === 1);
  } finally {
    await tight.close();
  }
  // The storage URL sets the budget; SearchContacts through the real SDK gets an AWS-shaped refusal.
  const srv = await startServer({ databaseUrl: `sqlite:${path}?search_budget_ms=1` });
  try {
    const c = srv.connect();
    const criteria = { SearchableContactAttributes: { MatchType: "MATCH_ANY" as const, Criteria: TIERS.map((t) => ({ Key: "tier", Values: [t] })) } };
    await assert.rejects(
      c.send(new SearchContactsCommand({ InstanceId: INSTANCE, TimeRange: { Type: "INITIATION_TIMESTAMP", StartTime: new Date(now - 3_600_000), EndTime: new Date(now + 3_600_000) }, SearchCriteria: criteria })),
      (e: Error & { $metadata?: { httpStatusCode?: number } }) =>
        e.name === "InvalidRequestException" && e.$metadata?.httpStatusCode === 400 && /search budget/.test(e.message) && /narrow it/.test(e.message),
    );
  } finally {
    await srv.stop();
  }
});
