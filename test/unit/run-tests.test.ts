// npm test cannot hang: a test that never settles fails after the per-test timeout and the runner exits non-zero.
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
