// Records `aws --debug` for the command lines of test/cli/debuglog.ts against the loopback stub and writes the
// parsed, normalized log entries to test/cli/fixtures/debug.json (debug.test.ts compares ours with them).
// Run: node --import tsx scripts/cli-record-debug.mjs   (needs `aws` on PATH)
import { writeFileSync } from "node:fs";
import { DEBUG_CASES, normalizeMessage, parseLog } from "../test/cli/debuglog.ts";
import { prepare } from "../test/cli/golden/harness.ts";
import { startStub } from "../test/cli/stub.ts";

const stub = await startStub();
const out = {};
for (const c of DEBUG_CASES) {
  const p = prepare(c, stub.url);
  const r = await new Promise((resolve) => {
    // spawnSync would block the stub's event loop; run asynchronously.
    import("node:child_process").then(({ spawn }) => {
      const child = spawn("aws", p.argv, { cwd: p.dir, env: p.env });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (code) => resolve({ code, stderr }));
    });
  });
  out[c.id] = { exitCode: r.code, entries: parseLog(r.stderr).map((e) => ({ ...e, message: normalizeMessage(e.message, stub.url, p.dir) })) };
  console.log(`${c.id}: exit ${r.code}, ${out[c.id].entries.length} entries`);
}
await stub.close();
writeFileSync(new URL("../test/cli/fixtures/debug.json", import.meta.url), JSON.stringify(out, null, 1) + "\n");
