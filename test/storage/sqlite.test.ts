// The storage contract on SQLite (a fresh file per case), plus what is specific to the SQLite adapter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { storeContract, contact, identity } from "../../src/storage/contract/cases.js";
import { SqliteStore } from "../../src/storage/sqlite/SqliteStore.js";

const dir = mkdtempSync(join(tmpdir(), "cc-sqlite-"));
let k = 0;
storeContract("sqlite", async () => new SqliteStore(join(dir, `s${++k}.db`)));

test("sqlite: WAL mode, migrations recorded once, reopening keeps data", async () => {
  const path = join(dir, "reopen.db");
  const c = contact(identity());
  const a = new SqliteStore(path);
  await a.tx((t) => t.insertContact(c));
  await a.close();
  const b = new SqliteStore(path);
  assert.equal((await b.tx((t) => t.activeChat(c.identity!)))?.id, c.id);
  await b.close();
  const db = new Database(path, { readonly: true });
  assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
  assert.deepEqual(db.prepare("SELECT version, name FROM schema_migrations").all(), [{ version: 1, name: "init" }, { version: 2, name: "participants" }]);
  db.close();
});

test("sqlite: two stores on one file keep the one-active-chat rule", async () => {
  const path = join(dir, "two.db");
  const a = new SqliteStore(path);
  const b = new SqliteStore(path);
  const id = identity();
  const r = await Promise.all([a.tx((t) => t.insertContact(contact(id))), b.tx((t) => t.insertContact(contact(id)))]);
  assert.deepEqual(r.sort(), [false, true]);
  await a.close();
  await b.close();
});
