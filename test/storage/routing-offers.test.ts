// The matcher on both stores: SQLite (a fresh file per case) and PostgreSQL (a fresh schema per case).
import { after } from "node:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteStore } from "../../src/storage/sqlite/SqliteStore.js";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { createScratchDatabase, type Scratch } from "../../src/storage/postgres/scratch.js";
import { routingOfferCases } from "../support/routing-cases.js";

const dir = mkdtempSync(join(tmpdir(), "cc-offers-"));
let k = 0;
routingOfferCases("sqlite", async () => new SqliteStore(join(dir, `o${++k}.db`)));

let scratch: Promise<Scratch> | undefined;
after(async () => (await scratch)?.drop());
routingOfferCases("postgres", async () => {
  scratch ??= createScratchDatabase();
  return PostgresStore.open(await (await scratch).schema(`offers${++k}`));
});
