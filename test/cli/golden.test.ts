// Golden tests: every command line of golden/cases.ts, recorded from the real AWS CLI v1 by
// scripts/cli-record.mjs, is run through our CLI in-process against the same stub; exit code, stdout,
// stderr and the requests the stub received (method, path, JSON body, signing identity) must match.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import net from "node:net";
import { after, before, describe, test } from "node:test";
import { main } from "../../src/cli/main.js";
import { CASES } from "./golden/cases.js";
import { normalize, prepare, type Recorded } from "./golden/harness.js";
import { startStub, type Stub } from "./stub.js";

const recorded: Record<string, Recorded> = JSON.parse(readFileSync(new URL("./golden/recorded.json", import.meta.url), "utf8"));

// Safety net: this process may only open loopback connections.
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: any[]) {
  const opts = typeof args[0] === "object" && args[0] !== null ? args[0] : { host: args[1] };
  const host = String(opts.host ?? "localhost");
  if (!opts.path && !["127.0.0.1", "localhost", "::1"].includes(host)) throw new Error(`golden test tried to reach ${host}`);
  return (connect as any).apply(this, args);
} as typeof connect;

let stub: Stub;
let tlsStub: Stub;
before(async () => {
  stub = await startStub();
  tlsStub = await startStub({ tls: true });
});
after(async () => {
  net.Socket.prototype.connect = connect;
  await stub.close();
  await tlsStub.close();
});

async function runOurs(argv: string[], env: Record<string, string>, cwd: string) {
  let stdout = "";
  let stderr = "";
  const saved = process.env;
  process.env = { ...env }; // the SDK reads a few settings from process.env itself
  try {
    const exitCode = await main(argv, { env: process.env, cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false });
    return { exitCode, stdout, stderr };
  } finally {
    process.env = saved;
  }
}

describe("the CLI matches the recorded AWS CLI v1 output", () => {
  test("every case has a recording (run scripts/cli-record.mjs after adding cases)", () => {
    assert.deepEqual(CASES.map((c) => c.id).filter((id) => !recorded[id]), []);
    assert.ok(CASES.length >= 50);
  });
  for (const c of CASES) {
    test(c.id, async () => {
      const want = recorded[c.id];
      const s = c.tls ? tlsStub : stub;
      const p = prepare(c, s.url);
      const r = await runOurs(p.argv, p.env, p.dir);
      const got = normalize(c, { id: c.id, ...r, requests: s.received.get(c.id) ?? [] }, s.url, p.dir);
      assert.equal(got.stdout, want.stdout, "stdout");
      assert.equal(got.stderr, want.stderr, "stderr");
      assert.equal(got.exitCode, want.exitCode, "exit code");
      assert.deepEqual(
        got.requests.map(({ method, path, body, auth, token }) => ({ method, path, body, auth, token })),
        want.requests.map(({ method, path, body, auth, token }) => ({ method, path, body, auth, token })),
        "requests",
      );
    });
  }
});
