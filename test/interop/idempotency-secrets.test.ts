// Secrets at rest: answers kept for idempotent retries carry bearer tokens (StartChatContact's and CreateParticipant's
// ParticipantToken, CreateParticipantConnection's ConnectionToken and WebSocket URL). After such requests with a
// ClientToken (or our Idempotency-Key), no raw token is anywhere in the database, on SQLite (every table, and the raw
// bytes of the file and its WAL) or PostgreSQL (every table of the schema); a retry with the same ClientToken still
// returns the same answer, also from another node and after a restart.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import Database from "../../src/storage/sqlite/driver.js";
import { CreateParticipantCommand, StartChatContactCommand } from "@aws-sdk/client-connect";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { INSTANCE, startServer, type Running } from "../support/server.js";

const db = await createScratchDatabase();
after(() => db.drop());

interface Answers {
  start: Record<string, unknown>;
  participant: Record<string, unknown>;
  connection: Record<string, unknown>;
}

/** The three operations with their idempotency keys; returns the answers and every token they handed out. */
async function run(srv: Running, keys: { start: string; participant: string; connection: string }): Promise<{ answers: Answers; tokens: string[] }> {
  const c = srv.connect();
  const { $metadata: _a, ...start } = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Web" }, ClientToken: keys.start }));
  const { $metadata: _b, ...participant } = await c.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: start.ContactId, ParticipantDetails: { ParticipantRole: "CUSTOM_BOT", DisplayName: "Bot" }, ClientToken: keys.participant }));
  // CreateParticipantConnection has no ClientToken member: our Idempotency-Key header makes it replayable.
  const res = await fetch(`${srv.url}/participant/connection`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-amz-bearer": start.ParticipantToken!, "idempotency-key": keys.connection },
    body: JSON.stringify({ Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }),
  });
  assert.equal(res.status, 200);
  const connection = (await res.json()) as { Websocket: { Url: string }; ConnectionCredentials: { ConnectionToken: string } };
  const wsToken = new URL(connection.Websocket.Url).searchParams.get("token")!;
  // The URL names the host the request came to (another node, another port after a restart): compare the path.
  connection.Websocket.Url = new URL(connection.Websocket.Url).pathname + new URL(connection.Websocket.Url).search;
  const tokens = [start.ParticipantToken!, participant.ParticipantCredentials!.ParticipantToken!, connection.ConnectionCredentials.ConnectionToken, wsToken];
  for (const t of tokens) assert.ok(t.length >= 16);
  return { answers: { start, participant, connection }, tokens };
}

function assertNotIn(haystack: string, tokens: string[], where: string) {
  for (const t of tokens) {
    assert.ok(!haystack.includes(t), `a raw token is stored in ${where}`);
    assert.ok(!haystack.includes(encodeURIComponent(t)), `a URL-encoded token is stored in ${where}`);
  }
}

test("sqlite: no raw token anywhere in the database; retries with the same ClientToken get the same answers", async () => {
  const running: Running[] = [await startServer({ keepDir: true })];
  try {
    const srv = running[0];
    const keys = { start: randomUUID(), participant: randomUUID(), connection: randomUUID() };
    const first = await run(srv, keys);
    const again = await run(srv, keys);
    assert.deepEqual(again.answers, first.answers, "a retry replays the first answers, tokens included");
    const file = new Database(srv.dbPath, { readonly: true });
    const tables = (file.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    assert.ok(tables.includes("idempotency") && tables.includes("tokens"));
    for (const t of tables) assertNotIn(JSON.stringify(file.prepare(`SELECT * FROM "${t}"`).raw().all()), first.tokens, `table ${t}`);
    assert.ok((file.prepare("SELECT count(*) AS n FROM idempotency").get() as { n: number }).n >= 3, "the answers are kept");
    file.close();
    for (const f of [srv.dbPath, `${srv.dbPath}-wal`]) if (existsSync(f)) assertNotIn(readFileSync(f).toString("latin1"), first.tokens, f);
    // After a restart on the same file (the server secret is in the database), the retry still replays.
    await running.shift()!.stop();
    running.push(await startServer({ dir: srv.dir }));
    assert.deepEqual((await run(running[0], keys)).answers, first.answers);
  } finally {
    for (const r of running) await r.stop();
    rmSync(running[0].dir, { recursive: true, force: true });
  }
});

test("postgres: no raw token in any table of the schema; retries on another node get the same answers", async () => {
  const url = await db.schema("secrets");
  const schema = new URL(url).searchParams.get("options")!.split("=")[1];
  const [a, b] = [await startServer({ databaseUrl: url }), await startServer({ databaseUrl: url })];
  try {
    const keys = { start: randomUUID(), participant: randomUUID(), connection: randomUUID() };
    const first = await run(a, keys);
    assert.deepEqual((await run(b, keys)).answers, first.answers, "another node replays the first answers");
    const { rows } = await db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [schema]);
    assert.ok(rows.some((r) => r.table_name === "idempotency"));
    for (const { table_name } of rows) {
      const all = await db.query(`SELECT t::text AS row FROM ${schema}."${table_name}" t`);
      assertNotIn(all.rows.map((r) => r.row).join("\n"), first.tokens, `table ${table_name}`);
    }
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});
