// `npm run fresh-check`: what a newcomer does, on this machine, from a fresh clone of the committed HEAD —
// npm ci, npm test, npm start, then every command of the README's Quick start (the port changed to a free one),
// each answer checked against the output the README shows, the console page fetched, and a clean SIGTERM stop.
// `--skip-test` leaves out npm test (a quicker check of the README alone). Everything stays on 127.0.0.1.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const skipTest = process.argv.includes("--skip-test");
const keep = process.argv.includes("--keep");
const step = (what) => console.log(`\n== ${what}`);
const fail = (why) => {
  console.error(`fresh-check: FAILED: ${why}`);
  process.exit(1);
};

const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: root, encoding: "utf8" }).trim();
if (dirty) console.log("note: uncommitted changes are not part of the check (it clones HEAD)");
const dir = mkdtempSync(join(tmpdir(), "connect-chat-fresh-"));
const clone = join(dir, "connect-chat");
process.on("exit", () => keep || rmSync(dir, { recursive: true, force: true }));

const run = (cmd, args, opts = {}) => {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: clone, stdio: "inherit", ...opts });
  if (r.status !== 0) fail(`${cmd} ${args.join(" ")} exited ${r.status ?? r.signal}`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
};

step(`git clone ${root} → ${clone}`);
execFileSync("git", ["clone", "--quiet", root, clone]);
step("npm ci");
run("npm", ["ci"]);
if (!skipTest) {
  step("npm test");
  run("npm", ["test"]);
}

// The README's Quick start: its sh blocks, each followed by the json/text block of what it prints.
const readme = readFileSync(join(clone, "README.md"), "utf8");
const quick = readme.slice(readme.indexOf("## Quick start"), readme.indexOf("\n## ", readme.indexOf("## Quick start") + 5));
const blocks = [...quick.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], text: m[2] }));
if (!blocks.some((b) => b.text.includes("npm start"))) fail("the README's Quick start has no npm start");

const port = await new Promise((ok) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const free = s.address().port;
    s.close(() => ok(free));
  });
});
step(`npm start -- --port ${port}`);
const server = spawn("npm", ["start", "--", "--port", String(port)], { cwd: clone, stdio: ["ignore", "pipe", "inherit"], detached: true });
let out = "";
await new Promise((ok, no) => {
  const t = setTimeout(() => no(new Error("no 'listening' line in 30 s")), 30_000);
  server.stdout.on("data", (d) => {
    out += d;
    if (out.includes("connect-chat listening on")) {
      clearTimeout(t);
      ok();
    }
  });
  server.on("exit", (code) => no(new Error(`npm start exited ${code}`)));
}).catch((e) => fail(e.message));
const shown = blocks.find((b) => b.lang === "text" && b.text.includes("listening on"));
if (!shown || !out.includes(shown.text.trim().replace("8700", String(port)))) fail(`npm start printed ${JSON.stringify(out)}, the README shows ${JSON.stringify(shown?.text)}`);
console.log(out.trim());

let contactId;
// One terminal: what an earlier block exported (the demo keys) holds for the later ones.
let exported = "";
try {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.lang !== "sh" || /npm (ci|start)/.test(b.text)) continue;
    let script = b.text.replaceAll("127.0.0.1:8700", `127.0.0.1:${port}`);
    if (contactId) script = script.replace(/--contact-id \S+/, `--contact-id ${contactId}`);
    step(script.trim().split("\n").slice(-1)[0].trim().slice(0, 100));
    const r = spawnSync("bash", ["-euo", "pipefail", "-c", exported + script], {
      cwd: clone,
      encoding: "utf8",
      // Only loopback: anything that tried to reach AWS would hit a closed port.
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true", HTTPS_PROXY: "http://127.0.0.1:9", NO_PROXY: "127.0.0.1,localhost", AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" },
    });
    process.stdout.write(r.stdout);
    exported += script.split("\n").filter((l) => l.startsWith("export ")).join("\n") + "\n";
    if (r.status !== 0) fail(`exit ${r.status}: ${r.stderr}`);
    const expected = blocks[i + 1]?.lang === "json" ? JSON.parse(blocks[i + 1].text) : undefined;
    if (!expected) continue;
    const got = JSON.parse(r.stdout);
    contactId ??= got.InitialContactId;
    for (const [k, v] of Object.entries(expected)) {
      if (!(k in got)) fail(`the answer has no ${k}`);
      if (k !== "InitialContactId" && got[k] !== v) fail(`${k} is ${got[k]}, the README shows ${v}`);
    }
    if (got.InitialContactId !== contactId) fail("the second text did not reach the same chat");
  }
  step("the console");
  const page = await fetch(`http://127.0.0.1:${port}/console/`);
  const html = await page.text();
  if (page.status !== 200 || !html.includes("<script")) fail(`GET /console/ answered ${page.status}`);
  console.log(`GET /console/ → ${page.status}, ${html.length} bytes`);
} finally {
  // What a supervisor does: SIGTERM to the server itself; it must stop cleanly, so npm start ends with 0.
  step("SIGTERM to the server");
  const pids = spawnSync("pgrep", ["-f", `^node .*bin/connect-chat serve --config config/demo.yaml --port ${port}`], { encoding: "utf8" }).stdout.trim().split("\n").filter(Boolean);
  if (pids.length !== 1) fail(`expected one server process, found ${pids.length}`);
  process.kill(Number(pids[0]), "SIGTERM");
}
const code = await new Promise((ok) => server.on("exit", (c, sig) => ok(c ?? sig)));
if (code !== 0) fail(`npm start ended with ${code} after SIGTERM to the server`);
console.log("\nfresh-check: ok — a fresh clone installs, tests, starts, and does what the README's Quick start says");
