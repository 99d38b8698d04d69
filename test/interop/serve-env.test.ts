// The real `connect-chat serve` configured from its environment: flag > environment > file for the database URL,
// the admin token and the log level, and stderr as JSON lines an operator's log shipper can read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectClient } from "@aws-sdk/client-connect";
import { SendChatIntegrationEventCommand } from "@aws-sdk/client-connect";
import { stringify } from "yaml";
import { DEST, KEY, REGION, testConfig } from "../support/server.js";

const BIN = new URL("../../bin/connect-chat", import.meta.url).pathname;
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CONNECT_CHAT_")));

function configFile(dir: string, over: Record<string, unknown> = {}) {
  const file = join(dir, "config.yaml");
  writeFileSync(file, stringify({ ...testConfig(), ...over }));
  return file;
}

/** Starts serve, runs `use` against it, stops it with SIGTERM and returns everything it wrote to stderr. */
async function withServe(args: string[], env: Record<string, string>, use: (url: string) => Promise<void> = async () => {}): Promise<string> {
  const child: ChildProcess = spawn(process.execPath, [BIN, "serve", "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...CLEAN_ENV, ...env } });
  let out = "";
  let err = "";
  child.stderr!.on("data", (c) => (err += c));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (c) => {
      out += c;
      const m = /connect-chat listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
  try {
    await use(url);
  } finally {
    child.kill("SIGTERM");
  }
  assert.equal(await exited, 0, err);
  return err;
}

const jsonLines = (stderr: string) => stderr.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

test("the database URL: --database-url over CONNECT_CHAT_DATABASE_URL over the file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-serve-env-"));
  const config = configFile(dir, { storage: { url: `sqlite:${join(dir, "file.db")}` } });
  await withServe(["--config", config], { CONNECT_CHAT_DATABASE_URL: `sqlite:${join(dir, "env.db")}` });
  assert.ok(existsSync(join(dir, "env.db")), "the environment's database");
  assert.ok(!existsSync(join(dir, "file.db")));
  await withServe(["--config", config, "--database-url", `sqlite:${join(dir, "flag.db")}`], { CONNECT_CHAT_DATABASE_URL: `sqlite:${join(dir, "env.db")}` });
  assert.ok(existsSync(join(dir, "flag.db")), "the flag's database");
  assert.ok(!existsSync(join(dir, "file.db")));
});

test("CONNECT_CHAT_ADMIN_TOKEN replaces the file's admin token; ${NAME} in the file reads the environment", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-serve-env-"));
  const config = configFile(dir, { storage: { url: "sqlite:${DATA}/chat.db" }, server: { adminToken: "the-token-in-the-file" } });
  const outbox = (url: string, token: string) => fetch(`${url}/_connect-chat/outbox`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
  await withServe(["--config", config], { DATA: dir, CONNECT_CHAT_ADMIN_TOKEN: "the-token-in-the-environment" }, async (url) => {
    assert.equal(await outbox(url, "the-token-in-the-environment"), 200);
    assert.equal(await outbox(url, "the-token-in-the-file"), 401);
  });
  assert.ok(existsSync(join(dir, "chat.db")), "storage.url expanded from ${DATA}");
  // A reference to a variable that is not set stops the server at start, naming the key and the variable.
  const child = spawn(process.execPath, [BIN, "serve", "--config", config, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"], env: CLEAN_ENV });
  let err = "";
  child.stderr!.on("data", (c) => (err += c));
  assert.equal(await new Promise((r) => child.once("exit", r)), 1);
  assert.match(err, /storage\.url: environment variable DATA is not set/);
});

test("the log level: --log-level over CONNECT_CHAT_LOG_LEVEL over server.logLevel; every stderr line is JSON", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-serve-env-"));
  const config = configFile(dir, { storage: { url: `sqlite:${join(dir, "db.sqlite")}` }, server: { logLevel: "warn" } });
  const listening = (lines: Record<string, unknown>[]) => lines.some((l) => l.event === "listening" && l.level === "info");
  assert.equal(listening(jsonLines(await withServe(["--config", config], {}))), false, "warn (file): no info line");
  const send = async (url: string) => {
    const client = new ConnectClient({ endpoint: url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
    await client.send(new SendChatIntegrationEventCommand({ SourceId: "+14155550100", DestinationId: DEST, Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "x" } }));
    client.destroy();
  };
  const lines = jsonLines(await withServe(["--config", config, "--log-requests"], { CONNECT_CHAT_LOG_LEVEL: "info" }, send));
  assert.ok(listening(lines), "info (environment): the listening line");
  const access = lines.find((l) => l.operation === "SendChatIntegrationEvent");
  assert.equal(access?.status, 200);
  assert.equal(access?.level, "info");
  assert.match(String(access?.time), /^\d{4}-\d\d-\d\dT/);
  assert.equal(typeof access?.durationMs, "number");
  assert.equal(listening(jsonLines(await withServe(["--config", config, "--log-level", "warn"], { CONNECT_CHAT_LOG_LEVEL: "info" }))), false, "warn (flag)");
  // A level that does not exist is refused before anything starts.
  const bad = spawn(process.execPath, [BIN, "serve", "--log-level", "loud"], { stdio: ["ignore", "pipe", "pipe"], env: CLEAN_ENV });
  let err = "";
  bad.stderr!.on("data", (c) => (err += c));
  assert.equal(await new Promise((r) => bad.once("exit", r)), 2);
  assert.match(err, /--log-level 'loud' must be one of fatal, error, warn, info, debug, trace, silent/);
});

test("connect-chat outbox reads CONNECT_CHAT_DATABASE_URL as serve does", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-serve-env-"));
  const r = spawnSync(process.execPath, [BIN, "outbox"], { encoding: "utf8", env: { ...CLEAN_ENV, CONNECT_CHAT_DATABASE_URL: `sqlite:${join(dir, "env.db")}` } });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { endpoints: [], deadLetters: [] });
  assert.ok(existsSync(join(dir, "env.db")));
});
