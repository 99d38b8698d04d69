// The shipped CLI (bin/connect-chat running the esbuild bundle of scripts/cli-build.mjs, whose plugins trim the
// SDK's schemas and the service models) on a sample of golden cases: same output, exit code and requests as the
// recorded `aws` (npm run build first; without the bundle this fails rather than testing tsc's output).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { CASES } from "./golden/cases.js";
import { normalize, prepare, type Recorded } from "./golden/harness.js";
import { startStub, type Stub } from "./stub.js";

const bin = new URL("../../bin/connect-chat", import.meta.url).pathname;
const recorded: Record<string, Recorded> = JSON.parse(readFileSync(new URL("./golden/recorded.json", import.meta.url), "utf8"));
const SAMPLE = ["ok-json", "ok-text", "err-notfound", "err-denied", "throttle-once-succeeds", "throttle-400-succeeds", "skeleton-input-explicit", "cli-input-json-file", "query-example-table", "query-eval-nan", "query-eval-type", "cred-assume-role", "cred-assume-role-chain", "cred-assume-role-denied", "cred-web-identity", "cred-sso-legacy", "cred-process", "cred-assume-role-sts-services-section",
  // Other operations (their output shapes and docs come from lazy per-operation chunks) and pagination.
  "describe-json", "describe-table", "describe-skeleton-output", "start-chat-skeleton", "participant-text", "update-attrs-json", "search-all-text", "search-max-items-3", "search-starting-token", "search-fails-midway-text", "search-iso-time"];

let stub: Stub;
before(async () => {
  stub = await startStub();
});
after(() => stub.close());

const run = (argv: string[], env: Record<string, string>, cwd: string) =>
  new Promise<{ exitCode: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...argv], { cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ exitCode: code ?? -1, stdout, stderr }));
  });

describe("bin/connect-chat (bundled) matches the recorded aws", () => {
  test("the bundle is built", () => assert.ok(existsSync(new URL("../../dist/cli-bundle/main.js", import.meta.url))));
  for (const id of SAMPLE) {
    test(id, async () => {
      const c = CASES.find((x) => x.id === id)!;
      const p = prepare(c, stub.url);
      const r = await run(p.argv, p.env, p.dir);
      const got = normalize(c, { id, ...r, requests: stub.received.get(id) ?? [] }, stub.url, p.dir);
      const want = recorded[id];
      assert.deepEqual([got.exitCode, got.stdout, got.stderr], [want.exitCode, want.stdout, want.stderr]);
      assert.deepEqual(got.requests.map((q) => [q.method, q.path, q.body, q.auth]), want.requests.map((q) => [q.method, q.path, q.body, q.auth]));
    });
  }
});
