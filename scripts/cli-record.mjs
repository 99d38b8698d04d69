// Records the golden set for the CLI: runs the real AWS CLI v1 (`aws`) on every case of
// test/cli/golden/cases.ts against the loopback stub and writes test/cli/golden/recorded.json.
// Run: node --import tsx scripts/cli-record.mjs [case-id-substring ...]   (needs `aws` on PATH)
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { CASES } from "../test/cli/golden/cases.ts";
import { normalize, prepare } from "../test/cli/golden/harness.ts";
import { startStub } from "../test/cli/stub.ts";

const out = new URL("../test/cli/golden/recorded.json", import.meta.url);
const filters = process.argv.slice(2);
const selected = CASES.filter((c) => filters.length === 0 || filters.some((f) => c.id.includes(f)));
const previous = existsSync(out) ? JSON.parse(readFileSync(out, "utf8")) : {};
const stub = await startStub();
const tlsStub = await startStub({ tls: true });

const run = (c) =>
  new Promise((resolve) => {
    const s = c.tls ? tlsStub : stub;
    const p = prepare(c, s.url);
    const child = spawn("aws", p.argv, { cwd: p.dir, env: p.env, stdio: ["ignore", "pipe", "pipe"] });
    const so = [];
    const se = [];
    child.stdout.on("data", (d) => so.push(d));
    child.stderr.on("data", (d) => se.push(d));
    child.on("close", (code) => {
      const raw = { id: c.id, exitCode: code, stdout: Buffer.concat(so).toString("utf8"), stderr: Buffer.concat(se).toString("utf8"), requests: s.received.get(c.id) ?? [] };
      resolve(normalize(c, raw, s.url, p.dir));
    });
  });

const results = { ...previous };
const queue = [...selected];
const workers = Array.from({ length: 4 }, async () => {
  for (let c = queue.shift(); c; c = queue.shift()) {
    const r = await run(c);
    results[c.id] = r;
    console.log(`${c.id}: exit ${r.exitCode}, ${r.requests.length} request(s)`);
  }
});
await Promise.all(workers);
await stub.close();
await tlsStub.close();
const ordered = Object.fromEntries(CASES.filter((c) => results[c.id]).map((c) => [c.id, results[c.id]]));
writeFileSync(out, JSON.stringify(ordered, null, 2) + "\n");
console.log(`recorded ${selected.length} case(s) into ${out.pathname}`);
