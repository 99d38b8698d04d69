// --debug against `aws --debug` (fixtures/debug.json, recorded by scripts/cli-record-debug.mjs): after dropping
// botocore internals we do not emulate (event hooks, file loading), the log has the same entries in the same
// order (logger and level), the same text for the stable ones, and the request/response lines carry the method,
// URL, headers, body and status. The SigV4 lines are checked by re-deriving the logged signature.
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { main } from "../../src/cli/main.js";
import { DEBUG_CASES, normalizeMessage, parseLog, type Entry } from "./debuglog.js";
import fixtures from "./fixtures/debug.json" with { type: "json" };
import { prepare } from "./golden/harness.js";
import { startStub, type Stub } from "./stub.js";

let stub: Stub;
before(async () => {
  stub = await startStub();
});
after(() => stub.close());

async function ours(argv: string[], env: Record<string, string>, cwd: string) {
  let stderr = "";
  const saved = process.env;
  process.env = { ...env };
  try {
    const exitCode = await main(argv, { env: process.env, cwd, stdout: () => {}, stderr: (s) => (stderr += s), isTTY: false });
    return { exitCode, stderr };
  } finally {
    process.env = saved;
  }
}

/** Entries whose text differs by design (our version, the SDK's headers and body spacing) are checked by shape. */
function checkEntry(want: Entry, got: Entry): void {
  const where = `${want.logger}: ${want.message.slice(0, 60)}`;
  assert.equal(`${got.logger} ${got.level}`, `${want.logger} ${want.level}`, where);
  const m = got.message;
  if (want.message.startsWith("CLI version: ")) assert.match(m, /^CLI version: connect-chat\/\S+ Node\.js\/\S+ \S+\/\S+ aws-sdk-js\/\S+$/);
  else if (want.message.startsWith("Making request for ")) {
    // Operation, path, method and content type as recorded; the body is the same JSON (the SDK writes it compact).
    const head = (s: string) => s.slice(0, s.indexOf(", 'User-Agent': "));
    assert.equal(head(m), head(want.message));
    const body = (s: string) => JSON.parse(/'body': b'(.*)', 'url': /.exec(s)?.[1] ?? "null");
    assert.deepEqual(body(m), body(want.message));
    assert.equal(/'url': '[^']+'/.exec(m)?.[0], /'url': '[^']+'/.exec(want.message)?.[0]);
  } else if (want.message.startsWith("Sending http request: ")) {
    const head = (s: string) => s.slice(0, s.indexOf(", headers="));
    assert.equal(head(m), head(want.message));
    for (const h of ["content-type", "user-agent", "x-amz-date", "authorization"]) assert.match(m.toLowerCase(), new RegExp(`'${h}': b'`));
  } else if (want.logger === "botocore.auth" && want.message.startsWith("CanonicalRequest:")) {
    assert.deepEqual(m.split("\n").slice(0, 4), want.message.split("\n").slice(0, 4)); // method, path, query
  } else if (want.message.startsWith("Response headers: ")) assert.equal(m.toLowerCase(), want.message.toLowerCase());
  else assert.equal(m, want.message, where);
}

/** What botocore's signer computes from the logged StringToSign with the case's secret key. */
function signature(toSign: string, secret: string): string {
  const [, , scope] = toSign.split("\n");
  const [date, region, service] = scope.split("/");
  let key: Buffer = createHmac("sha256", `AWS4${secret}`).update(date).digest();
  for (const part of [region, service, "aws4_request"]) key = createHmac("sha256", key).update(part).digest();
  return createHmac("sha256", key).update(toSign).digest("hex");
}

describe("--debug follows aws --debug", () => {
  for (const c of DEBUG_CASES) {
    test(c.id, async () => {
      const want = (fixtures as Record<string, { exitCode: number; entries: Entry[] }>)[c.id];
      const p = prepare(c, stub.url);
      const r = await ours(p.argv, p.env, p.dir);
      assert.equal(r.exitCode, want.exitCode);
      const raw = parseLog(r.stderr);
      const got = raw.map((e) => ({ ...e, message: normalizeMessage(e.message, stub.url, p.dir) }));
      assert.deepEqual(got.map((e) => `${e.logger} ${e.level}`), want.entries.map((e) => `${e.logger} ${e.level}`));
      want.entries.forEach((w, i) => checkEntry(w, got[i]));
      // The logged canonical request is the one the SDK signed: hashing it gives the logged signature.
      const secret = c.id === "debug-profile" ? "s2" : c.id === "debug-config-creds" ? "s3" : "secretexample";
      const auth = raw.filter((e) => e.logger === "botocore.auth");
      assert.ok(auth.length >= 4);
      for (let i = 0; i < auth.length; i += 4) {
        const canonical = auth[i + 1].message.slice("CanonicalRequest:\n".length);
        const toSign = auth[i + 2].message.slice("StringToSign:\n".length);
        assert.equal(toSign.split("\n")[3], createHash("sha256").update(canonical).digest("hex"));
        assert.equal(auth[i + 3].message.slice("Signature:\n".length), signature(toSign, secret));
      }
    });
  }
});
