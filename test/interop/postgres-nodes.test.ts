// Two real server processes on one PostgreSQL: concurrent first messages split across both make one chat, a
// chat goes on from either node, and a node killed with SIGKILL loses nothing it acknowledged while the other
// carries on.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectClient, SendChatIntegrationEventCommand } from "@aws-sdk/client-connect";
import { stringify } from "yaml";
import { createScratchDatabase, type Scratch } from "../../src/storage/postgres/scratch.js";
import { DEST, KEY, REGION, testConfig } from "../support/server.js";

const BIN = new URL("../../bin/connect-chat", import.meta.url).pathname;
let db: Scratch;
let configFile: string;
before(async () => {
  db = await createScratchDatabase();
  configFile = join(mkdtempSync(join(tmpdir(), "cc-nodes-")), "config.yaml");
  writeFileSync(configFile, stringify(testConfig()));
});
after(() => db.drop());

function node(): Promise<{ child: ChildProcess; client: ConnectClient }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "serve", "--config", configFile, "--port", "0", "--database-url", db.url], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stderr!.on("data", (c) => (err += c));
    child.stdout!.on("data", (c) => {
      out += c;
      const m = /listening on (http:\/\/\S+)\n/.exec(out);
      if (m) resolve({ child, client: new ConnectClient({ endpoint: m[1], region: REGION, credentials: { ...KEY }, maxAttempts: 1 }) });
    });
    child.once("exit", (code) => reject(new Error(`node exited ${code}: ${err}`)));
  });
}

const msg = (client: ConnectClient, SourceId: string, Content: string) =>
  client.send(new SendChatIntegrationEventCommand({ SourceId, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content } }));

test("two processes: one chat from concurrent first messages; kill -9 of one loses nothing acknowledged", async () => {
  const [a, b] = await Promise.all([node(), node()]);
  const first = await Promise.all(Array.from({ length: 30 }, (_, i) => msg(i % 2 ? a.client : b.client, "+14155551234", `first-${i}`)));
  assert.equal(new Set(first.map((r) => r.InitialContactId)).size, 1);
  assert.equal(first.filter((r) => r.NewChatCreated).length, 1);

  // A stream through each node; node A is killed in the middle of it, node B carries on.
  const acked: string[] = [];
  let bAfterKill = 0;
  let killed = false;
  const stream = async (c: ConnectClient, tag: string) => {
    for (let i = 0; i < 2000; i++) {
      try {
        await msg(c, "+14155551234", `${tag}-${i}`);
        acked.push(`${tag}-${i}`);
        if (killed && tag === "b") bAfterKill++;
        if (killed && tag === "b" && bAfterKill >= 20) return;
      } catch {
        if (tag === "a") return;
        throw new Error("node B failed while node A was killed");
      }
    }
  };
  const runs = [stream(a.client, "a"), stream(b.client, "b")];
  await new Promise((r) => setTimeout(r, 500));
  a.child.kill("SIGKILL");
  killed = true;
  await Promise.all(runs);
  assert.ok(bAfterKill >= 20, "node B kept answering after node A died");

  const rows = (await db.query("SELECT body FROM items WHERE initial_contact_id = $1 ORDER BY position", [first[0].InitialContactId])).rows;
  const stored = rows.map((r) => JSON.parse(r.body).Content).filter(Boolean) as string[];
  for (const x of acked) assert.ok(stored.includes(x), `acknowledged ${x} is stored`);
  for (const tag of ["a", "b"]) {
    const seq = stored.filter((c) => c.startsWith(`${tag}-`)).map((c) => Number(c.slice(2)));
    assert.deepEqual(seq, [...seq].sort((x, y) => x - y), `node ${tag}'s messages keep their order`);
  }
  a.client.destroy();
  b.client.destroy();
  const exited = new Promise((r) => b.child.once("exit", r));
  b.child.kill("SIGTERM");
  await exited;
});
