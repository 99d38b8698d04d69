// npm test cannot hang: a test that never settles fails after the per-test timeout and the runner exits non-zero;
// and it runs every test: none is cut off by the way it makes files exit.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";

test("a test that never ends fails on its timeout and the runner exits with failure", () => {
  const r = spawnSync(process.execPath, ["scripts/run-tests.mjs"], {
    // Without NODE_TEST_CONTEXT: the inner run reports as a run of its own, not as a child of this one.
    env: { ...process.env, NODE_TEST_CONTEXT: undefined, RUN_TESTS_FILES: "test/fixtures/hangs.fixture.ts", TEST_TIMEOUT_MS: "1500" },
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(r.signal, null, "the runner ended by itself");
  assert.equal(r.status, 1);
  assert.match(r.stdout, /timed out after 1500ms/);
});

test("every test of a file is run and counted: 300 in a describe give 'tests 300'", () => {
  const r = spawnSync(process.execPath, ["scripts/run-tests.mjs"], {
    env: { ...process.env, NODE_TEST_CONTEXT: undefined, RUN_TESTS_FILES: "test/fixtures/many.fixture.ts" },
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stdout.slice(-2000));
  assert.match(r.stdout, /^ℹ tests 300$/m);
  assert.match(r.stdout, /^ℹ pass 300$/m);
});
