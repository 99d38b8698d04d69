// `npm run soak`: SOAK_SECONDS (300) of mixed load against `connect-chat serve` (its own process, SQLite),
// streaming every SMS chat to an SNS topic on moto_server reached through a TCP proxy that is taken down and
// brought back every SOAK_FLAP_SECONDS (20). Samples the server's RSS; at the end checks that every
// acknowledged message is in its transcript in order, that every item was published to SNS (drained from an
// SQS queue) in per-chat order, that RSS stayed flat, and that the only errors were throttles. Prints a table
// and writes bench/results/soak-<timestamp>.json. Loopback only.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectClient } from "@aws-sdk/client-connect";
import Database from "../../src/storage/sqlite/driver.js";
import { forward, freePort, startMoto, topicWithQueue } from "../support/moto.js";
import { participantClient } from "../support/participant.js";
import { DEST, KEY, REGION, SHORT_DEST, testConfig } from "../support/server.js";
import { serve, writeConfig } from "../reliability/process.js";
import { newTally, smsWorker, webWorker } from "./load.js";
import { carelessWorker, newCareless } from "./careless.js";
import { checkSns, checkTranscripts, rssFigures, table } from "./verify.js";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const FLAP_MS = Number(process.env.SOAK_FLAP_SECONDS ?? 20) * 1000;
const SMS_WORKERS = Number(process.env.SOAK_SMS_WORKERS ?? 4);
// moto_server publishes some 30 messages/s on this machine: the streamed share of the load stays below that,
// even with SNS down half the time, so the backlog drains while the run goes on.
const STREAMED_WORKERS = Number(process.env.SOAK_STREAMED_WORKERS ?? 2);
const STREAMED_PAUSE_MS = Number(process.env.SOAK_STREAMED_PAUSE_MS ?? 300);
const WEB_WORKERS = Number(process.env.SOAK_WEB_WORKERS ?? 3);
// Careless clients: stalled readers, dropped sockets, unused URLs, ~48 KB frames (careless.ts).
const CARELESS_WORKERS = Number(process.env.SOAK_CARELESS_WORKERS ?? 1);
const CARELESS_MESSAGES = Number(process.env.SOAK_CARELESS_MESSAGES ?? 150);
const PAUSE_MS = Number(process.env.SOAK_PAUSE_MS ?? 60);
const log = (s: string) => process.stdout.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

const vmRss = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN) / 1024;

async function main() {
  if (!existsSync(new URL("../../dist/main.js", import.meta.url))) throw new Error("dist/ is missing: run npm run build first");
  const dir = mkdtempSync(join(tmpdir(), "cc-soak-"));
  const moto = await startMoto();
  const topic = await topicWithQueue(moto, "soak-topic");
  const proxyPort = await freePort();
  let proxy: Awaited<ReturnType<typeof forward>> | undefined = await forward(proxyPort, moto.port);
  const config = testConfig({
    sns: { endpoint: `http://127.0.0.1:${proxyPort}` },
    // Down periods last SOAK_FLAP_SECONDS: retries stay frequent and nothing is dead-lettered meanwhile.
    streaming: { maxAttempts: 1000, baseDelayMs: 100, maxDelayMs: 2000, pollMs: 200, leaseMs: 15000 },
  }) as any;
  config.accounts[0].instances[0].destinations[0].streamingEndpointArn = topic.arn;
  config.accounts[0].rateLimit = { requestsPerSecond: 150, burst: 150 };
  const dbPath = join(dir, "db.sqlite");
  const env = { ...process.env, AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", AWS_EC2_METADATA_DISABLED: "true", HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "", NO_PROXY: "127.0.0.1" };
  const server = await serve(["--config", writeConfig(dir, config), "--database-url", `sqlite:${dbPath}`], env);
  const pid = server.child.pid!;
  log(`server pid ${pid} at ${server.url}; moto at ${moto.url} behind the proxy on ${proxyPort}; ${SECONDS} s`);

  const tally = newTally();
  const careless = newCareless();
  const started = Date.now();
  const end = started + SECONDS * 1000;
  const until = () => Date.now() >= end;
  const rss: { t: number; mib: number }[] = [];
  const flaps: { t: number; up: boolean }[] = [];
  const sampler = setInterval(() => rss.push({ t: (Date.now() - started) / 1000, mib: vmRss(pid) }), 2000);
  const flapper = setInterval(async () => {
    if (until()) return;
    if (proxy) {
      await proxy.close();
      proxy = undefined;
    } else proxy = await forward(proxyPort, moto.port);
    flaps.push({ t: (Date.now() - started) / 1000, up: proxy !== undefined });
    log(`SNS ${proxy ? "up" : "down"}`);
  }, FLAP_MS);
  const watch = new Database(dbPath, { readonly: true });
  const backlog = () => (watch.prepare("SELECT count(*) AS n FROM outbox").get() as { n: number }).n;
  const progress = setInterval(
    () => log(`${Math.round((Date.now() - started) / 1000)} s, RSS ${rss.at(-1)?.mib.toFixed(1)} MiB, ${Object.values(tally.ops).reduce((a, b) => a + b, 0)} ops, outbox ${backlog()}, SNS received ${topic.got.length}`),
    15_000,
  );

  // Drains the queue while the load runs, so the end does not start with a backlog of the whole run.
  const background = topic.take(Number.MAX_SAFE_INTEGER, SECONDS * 1000);
  const clients = Array.from({ length: 4 }, () => new ConnectClient({ endpoint: server.url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 }));
  const p = participantClient(server.url);
  await Promise.all([
    ...Array.from({ length: STREAMED_WORKERS }, (_, w) => smsWorker(100 + w, clients[w % clients.length], tally, until, STREAMED_PAUSE_MS, DEST, true)),
    ...Array.from({ length: SMS_WORKERS }, (_, w) => smsWorker(w, clients[w % clients.length], tally, until, PAUSE_MS, SHORT_DEST, false)),
    ...Array.from({ length: WEB_WORKERS }, (_, w) => webWorker(w, clients[w % clients.length], p, tally, until, PAUSE_MS)),
    ...Array.from({ length: CARELESS_WORKERS }, (_, w) => carelessWorker(w, clients[w % clients.length], p, tally, careless, until, CARELESS_MESSAGES)),
  ]);
  clearInterval(sampler); // RSS is judged under load; the drain that follows is quieter
  await background;
  clearInterval(flapper);
  clearInterval(progress);
  if (!proxy) proxy = await forward(proxyPort, moto.port);
  log("load stopped; SNS up; draining");

  const drainStarted = Date.now();
  watch.close();
  const db = new Database(dbPath, { readonly: true });
  const pending = () => (db.prepare("SELECT count(*) AS n FROM outbox").get() as { n: number }).n;
  const sns = await checkSns(db, topic, tally, () => pending());
  const drainSeconds = (Date.now() - drainStarted) / 1000;
  const transcripts = checkTranscripts(db, tally);
  const outboxLeft = pending();
  const dead = (db.prepare("SELECT count(*) AS n FROM outbox WHERE dead = 1").get() as { n: number }).n;
  db.close();

  for (const c of clients) c.destroy();
  p.destroy();
  server.child.kill("SIGTERM");
  const exit = await server.exited;
  await proxy.close();
  await moto.stop();
  rmSync(dir, { recursive: true, force: true });

  const unexpected = Object.entries(tally.errors).filter(([k]) => !/ThrottlingException$/.test(k));
  const result = {
    when: new Date(started).toISOString(),
    seconds: SECONDS,
    settings: { SMS_WORKERS, STREAMED_WORKERS, WEB_WORKERS, CARELESS_WORKERS, CARELESS_MESSAGES, PAUSE_MS, STREAMED_PAUSE_MS, FLAP_SECONDS: FLAP_MS / 1000, rateLimit: config.accounts[0].rateLimit },
    ops: tally.ops,
    errors: tally.errors,
    chats: { total: tally.chats.size, streamed: [...tally.chats.values()].filter((c) => c.streamed).length, sms: [...tally.chats.values()].filter((c) => c.kind === "sms").length, web: [...tally.chats.values()].filter((c) => c.kind === "web").length },
    websockets: { opened: tally.sockets, pushesReceived: tally.pushes },
    careless,
    transcripts,
    sns: { ...sns, drainSeconds, outboxLeft, deadLettered: dead, flaps: flaps.length },
    rss: rssFigures(rss),
    serverExit: exit,
  };
  const ok = transcripts.missing === 0 && transcripts.outOfOrder === 0 && sns.missing === 0 && sns.outOfOrder === 0 && outboxLeft === 0 && unexpected.length === 0 && exit.code === 0 &&
    careless.missedByReader === 0 && !careless.closedBy.none;
  const out = new URL(`../../bench/results/soak-${result.when.replace(/[:.]/g, "-")}.json`, import.meta.url).pathname;
  mkdirSync(join(out, ".."), { recursive: true });
  writeFileSync(out, JSON.stringify({ ...result, ok }, null, 2) + "\n");
  process.stdout.write(table(result) + `\n${ok ? "PASS" : "FAIL"}: written to ${out}\n`);
  if (unexpected.length) process.stdout.write(`unexpected errors: ${JSON.stringify(Object.fromEntries(unexpected))}\n`);
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  process.stderr.write(`soak failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
