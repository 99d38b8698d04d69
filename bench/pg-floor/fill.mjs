// Fills a database for the pgbench scripts beside this file: starts connect-chat (`cc`) or the essential server
// (`essential`) on DATABASE_URL and creates 10,000 chats (sources +144400000000 … +144400009999) through the
// bench's load generator, then stops it.   node bench/pg-floor/fill.mjs cc|essential postgres://…/DB
import { fork, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configYaml } from "../lib.mjs";

const root = new URL("../../", import.meta.url).pathname;
const [which, url] = process.argv.slice(2);
if (!["cc", "essential"].includes(which) || !url?.startsWith("postgres")) throw new Error("usage: fill.mjs cc|essential postgres://…");
const work = mkdtempSync(join(tmpdir(), "pg-floor-"));
let args = [join(root, "bench/essential-server.mjs"), url];
if (which === "cc") {
  const cfg = join(work, "config.yaml");
  writeFileSync(cfg, configYaml(url));
  args = [join(root, "bin/connect-chat"), "serve", "--config", cfg, "--host", "127.0.0.1", "--port", "0", "--database-url", url];
}
const server = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
const port = await new Promise((ok, fail) => {
  let out = "";
  server.stdout.on("data", (d) => {
    const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec((out += d));
    if (m) ok(Number(m[1]));
  });
  server.once("exit", (code) => fail(new Error(`${which} exited (${code}) before listening`)));
});
const loadgen = fork(join(root, "bench/loadgen.mjs"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
try {
  const result = await new Promise((ok) => {
    loadgen.on("message", (m) => m.type !== "measuring" && ok(m.result ?? m));
    loadgen.send({ id: 1, port, scenario: { kind: "setup", chats: 10_000, prefix: "1444" }, connections: 16, seconds: 600, warmupSeconds: 0, cycle: false, checkBodies: true });
  });
  console.log(`${which}: ${result.requests} chats, ${result.errors} errors`);
} finally {
  loadgen.kill();
  server.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}
