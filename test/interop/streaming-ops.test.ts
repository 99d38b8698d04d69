// Operating the outbox: the admin endpoint and `connect-chat outbox`, and a server killed with SIGKILL in the
// middle of relaying: after a restart every acknowledged item reaches the topic, in chat order.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ConnectClient, SendChatIntegrationEventCommand } from "@aws-sdk/client-connect";
import { stringify } from "yaml";
import { DEST, KEY, REGION, startServer, testConfig } from "../support/server.js";
import { startMoto, topicWithQueue, type Moto } from "../support/moto.js";

const BIN = new URL("../../bin/connect-chat", import.meta.url).pathname;
let moto: Moto;
before(async () => (moto = await startMoto()));
after(() => moto.stop());

const text = (Content: string) => ({ Type: "MESSAGE" as const, ContentType: "text/plain", Content });

test("operators see outbox counts and dead letters over HTTP and with `connect-chat outbox`, and can replay", async () => {
  const token = "an-admin-token-of-some-length";
  const srv = await startServer({ config: testConfig({ sns: { endpoint: moto.url }, streaming: { baseDelayMs: 20, maxDelayMs: 50, pollMs: 20, maxAttempts: 2 }, server: { adminToken: token } }) });
  const missing = "arn:aws:sns:us-east-1:123456789012:ops-missing";
  await srv.connect().send(new SendChatIntegrationEventCommand({ SourceId: "+16505550001", DestinationId: DEST, Event: text("x"), NewSessionDetails: { StreamingConfiguration: { StreamingEndpointArn: missing } } }));
  const get = (path: string, init: RequestInit = {}) => fetch(`${srv.url}/_connect-chat/${path}`, { ...init, headers: { authorization: `Bearer ${token}` } });
  let report: any;
  for (let i = 0; i < 100; i++) {
    report = await (await get("outbox")).json();
    if (report.endpoints[0]?.dead === 2) break;
    await new Promise((r) => setTimeout(r, 30));
  }
  assert.deepEqual(report.endpoints, [{ endpoint: missing, pending: 0, retrying: 0, dead: 2 }]);
  assert.equal(report.deadLetters.length, 2);
  assert.equal((await fetch(`${srv.url}/_connect-chat/outbox`)).status, 401);
  assert.equal((await fetch(`${srv.url}/_connect-chat/outbox`, { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status, 401);

  // The command line reads the same database.
  const run = promisify(execFile);
  const cli = JSON.parse((await run(process.execPath, [BIN, "outbox", "--database-url", `sqlite:${srv.dbPath}`])).stdout);
  assert.deepEqual(cli.endpoints, report.endpoints);

  const topic = await topicWithQueue(moto, "ops-missing");
  const replay = await (await get("outbox/replay", { method: "POST" })).json();
  assert.deepEqual(replay, { replayed: 2 });
  assert.deepEqual((await topic.take(2)).map((d) => d.body.Content ?? "joined"), ["joined", "x"]);
  await srv.stop();
});

test("kill -9 in the middle of relaying: after a restart every acknowledged item reaches the topic in order", async () => {
  const topic = await topicWithQueue(moto, "kill-topic");
  const dir = mkdtempSync(join(tmpdir(), "cc-kill-relay-"));
  const configFile = join(dir, "config.yaml");
  const config = testConfig({ sns: { endpoint: moto.url }, streaming: { baseDelayMs: 20, maxDelayMs: 200, pollMs: 50, leaseMs: 1000 } });
  config.accounts[0].instances[0].destinations[0].streamingEndpointArn = topic.arn;
  writeFileSync(configFile, stringify(config));
  const db = `sqlite:${join(dir, "db.sqlite")}`;
  const serve = () =>
    new Promise<{ child: ChildProcess; url: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, "serve", "--config", configFile, "--port", "0", "--database-url", db], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" } });
      let out = "";
      child.stdout!.on("data", (c) => {
        out += c;
        const m = /listening on (http:\/\/\S+)\n/.exec(out);
        if (m) resolve({ child, url: m[1] });
      });
      child.once("exit", (code) => reject(new Error(`server exited ${code}`)));
    });

  const first = await serve();
  const client = new ConnectClient({ endpoint: first.url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
  const acked: string[] = [];
  const sending = (async () => {
    for (let i = 0; i < 3000; i++) {
      try {
        await client.send(new SendChatIntegrationEventCommand({ SourceId: "+16505550002", DestinationId: DEST, Event: text(`k${i}`) }));
        acked.push(`k${i}`);
      } catch {
        return;
      }
    }
  })();
  // Killed after enough acknowledgements rather than after a fixed time: on a busy machine 600 ms saw only 3.
  for (let t = 0; acked.length < 40 && t < 300; t++) await new Promise((r) => setTimeout(r, 20));
  first.child.kill("SIGKILL");
  await sending;
  client.destroy();
  assert.ok(acked.length > 10, `acknowledged ${acked.length}`);

  const second = await serve();
  // At least once: the restarted relay may publish again what the killed one already had; wait for all.
  const firstSeen: string[] = [];
  const deadline = Date.now() + 30_000;
  while (firstSeen.length < acked.length && Date.now() < deadline) {
    const got = await topic.take(topic.got.length + 1, 1000);
    firstSeen.length = 0;
    for (const d of got) if (d.body.Content && !firstSeen.includes(d.body.Content)) firstSeen.push(d.body.Content);
  }
  assert.deepEqual(firstSeen.slice(0, acked.length), acked, "every acknowledged message, in acknowledgement order");
  const exited = new Promise((r) => second.child.once("exit", r));
  second.child.kill("SIGTERM");
  await exited;
});
