// The real binary: `connect-chat serve` prints its address, stops cleanly on SIGTERM, refuses bad config
// naming the key. (kill -9 durability: test/reliability/kill9.test.ts.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ConnectClient, SendChatIntegrationEventCommand } from "@aws-sdk/client-connect";
import { stringify } from "yaml";
import { DEST, KEY, REGION, testConfig } from "../support/server.js";

const BIN = new URL("../../bin/connect-chat", import.meta.url).pathname;

function configFile(dir: string, over: unknown = testConfig()) {
  const file = join(dir, "config.yaml");
  writeFileSync(file, stringify(over));
  return file;
}

/** `node bin/connect-chat serve ...`, or with `asProgram` the file itself run as users run it (through /bin/sh). */
function serve(args: string[], asProgram?: { env: NodeJS.ProcessEnv }): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = asProgram
    ? spawn(BIN, ["serve", ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...asProgram.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` } })
    : spawn(process.execPath, [BIN, "serve", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr!.on("data", (c) => (err += c));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (c) => {
      out += c;
      const m = /connect-chat listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
      if (m) resolve({ child, url: m[1], stderr: () => err });
    });
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

const exitOf = (child: ChildProcess) => new Promise<{ code: number | null; signal: string | null }>((r) => child.once("exit", (code, signal) => r({ code, signal })));

test("serve prints its address, answers, and exits 0 on SIGTERM", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-serve-"));
  const { child, url } = await serve(["--config", configFile(dir), "--port", "0", "--database-url", `sqlite:${join(dir, "db.sqlite")}`]);
  const client = new ConnectClient({ endpoint: url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
  const r = await client.send(new SendChatIntegrationEventCommand({ SourceId: "+14155550100", DestinationId: DEST, Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "x" } }));
  assert.equal(r.NewChatCreated, true);
  client.destroy();
  const exited = exitOf(child);
  child.kill("SIGTERM");
  assert.deepEqual(await exited, { code: 0, signal: null });
});

test("run as a program, serve is node with 4 MiB semi-spaces and a heap growing factor of 2 unless NODE_OPTIONS names its semi-space size; SIGTERM reaches node", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-serve-"));
  const args = ["--config", configFile(dir), "--port", "0", "--database-url", `sqlite:${join(dir, "db.sqlite")}`];
  // /bin/sh execs node in its place, so the child's pid is node's and its command line shows the flags.
  const argvOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  for (const [over, flag] of [[{}, true], [{ NODE_OPTIONS: "--max-semi-space-size=8" }, false]] as const) {
    const { child } = await serve(args, { env: { ...env, ...over } });
    const argv = argvOf(child.pid!);
    assert.equal(argv.includes("--max-semi-space-size=4"), flag, argv.join(" "));
    assert.equal(argv.includes("--heap-growing-percent=100"), flag, argv.join(" "));
    assert.deepEqual(argv.slice(argv.indexOf(BIN)), [BIN, "serve", ...args]);
    const environ = readFileSync(`/proc/${child.pid}/environ`, "utf8").split("\0");
    assert.ok(environ.includes("MALLOC_ARENA_MAX=2"), "MALLOC_ARENA_MAX=2 in the server's environment");
    const exited = exitOf(child);
    child.kill("SIGTERM");
    assert.deepEqual(await exited, { code: 0, signal: null });
  }
});

test("run as a program, the client path goes through the same launcher", () => {
  const r = spawnSync(BIN, ["--version"], { encoding: "utf8", env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^connect-chat\/\S+ Node\.js\//);
});

test("a bad config file stops the server at start with the key and the problem", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-serve-"));
  const bad = testConfig() as any;
  bad.accounts[0].instances[0].destinations[1].chatDurationMinutes = 5;
  const child = spawn(process.execPath, [BIN, "serve", "--config", configFile(dir, bad), "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr.on("data", (c) => (err += c));
  const { code } = await exitOf(child);
  assert.equal(code, 1);
  assert.match(err, /accounts\[0\]\.instances\[0\]\.destinations\[1\]\.chatDurationMinutes/);
  const missing = spawn(process.execPath, [BIN, "serve", "--config", join(dir, "none.yaml")], { stdio: ["ignore", "pipe", "pipe"] });
  let err2 = "";
  missing.stderr.on("data", (c) => (err2 += c));
  assert.equal((await exitOf(missing)).code, 1);
  assert.match(err2, /none\.yaml: cannot read the configuration file/);
});
