// The SQLite driver this Node line loads (see src/storage/sqlite/driver.ts). The abort it avoids reproduces every
// time in test/reliability/fuzz-http.test.ts on Node 24.21 with better-sqlite3 12 (a Statement collected by a GC
// outside any context), which CI's Node 24 run covers; here, selection and statement churn in both kinds of thread.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { DRIVER_PACKAGE } from "../../src/storage/sqlite/driver.js";

test("Node 22 and later load the Node-API build, Node 20 the classic one", () => {
  const major = Number(process.versions.node.split(".")[0]);
  assert.equal(DRIVER_PACKAGE, major >= 22 ? "better-sqlite3-napi" : "better-sqlite3");
});

test("thousands of statements collected by the GC, in the main thread and a worker, and a clean exit", () => {
  const driver = new URL("../../src/storage/sqlite/driver.ts", import.meta.url).href;
  const script = `
    import Database, { driverPath } from ${JSON.stringify(driver)};
    import { Worker } from "node:worker_threads";
    const churn = (D) => { const db = new D(":memory:"); for (let i = 0; i < 20000; i++) db.prepare("SELECT ? + 1 AS v").get(i); return db; };
    const db = churn(Database);
    globalThis.gc();
    await new Promise((ok, no) => {
      const w = new Worker(\`const D = require(\${JSON.stringify(driverPath())}); const db = new D(":memory:"); for (let i = 0; i < 20000; i++) db.prepare("SELECT ? + 1 AS v").get(i); globalThis.gc?.();\`, { eval: true, execArgv: [] });
      w.on("exit", ok); w.on("error", no);
    });
    globalThis.gc();
    console.log(db.prepare("SELECT 41 + 1 AS v").get().v);
  `;
  const r = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
  assert.equal(r.signal, null, `the process was killed by ${r.signal}: ${r.stderr}`);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), "42");
});
