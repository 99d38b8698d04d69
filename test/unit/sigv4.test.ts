// The verifier accepts exactly what @smithy/signature-v4 (the SDKs' signer) signs, over many random requests,
// and refuses any single change to a signed part.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { claimedAccessKey, parseQuery, SigV4Verifier, type ReceivedRequest } from "../../src/http/sigv4.js";
import { canonicalRequest, smithyCanonicalRequest } from "../../src/http/sigv4-canonical.js";

const KEY = { accessKeyId: "AKIDTEST", secretAccessKey: "s3cr3t/+key" };
/** Temporary credentials: configured with their session token, which every request must then carry. */
const TEMP = { accessKeyId: "ASIATEST", secretAccessKey: "t3mp/+key", sessionToken: "session-token" };
const verifier = new SigV4Verifier(
  new Map([
    [KEY.accessKeyId, { accountId: "123456789012", secretAccessKey: KEY.secretAccessKey }],
    [TEMP.accessKeyId, { accountId: "123456789012", secretAccessKey: TEMP.secretAccessKey, sessionToken: TEMP.sessionToken }],
  ]),
  "us-east-1",
  "connect",
);
const signerFor = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  new SignatureV4({ credentials, region: "us-east-1", service: "connect", sha256: Hash.bind(null, "sha256") });
const signer = signerFor(KEY);
const tempSigner = signerFor(TEMP);

let seed = 42;
const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
const pick = <T>(xs: T[]) => xs[rnd(xs.length)];
const word = () => pick(["a", "b c", "ü", "x/y", "%", "+", "~", "é😀", "contact-1", "q=1&r"]);

async function randomSigned(): Promise<ReceivedRequest> {
  const method = pick(["GET", "POST", "PUT"]);
  const path = "/" + Array.from({ length: 1 + rnd(3) }, () => encodeURIComponent(word())).join("/");
  const query: Record<string, string> = {};
  for (let i = rnd(3); i > 0; i--) query[word()] = word();
  const headers: Record<string, string> = { host: "127.0.0.1:8700", "content-type": "application/json", "x-amz-user-agent": `aws-sdk-js  ${word()}`, "x-custom": `  spaced   value ${word()} ` };
  // Half are signed with temporary credentials: the signer adds (and signs) their X-Amz-Security-Token.
  const temporary = rnd(2) === 1;
  const body = method === "GET" ? "" : JSON.stringify({ v: word(), n: rnd(1000) });
  const signed = await (temporary ? tempSigner : signer).sign({ method, protocol: "http:", hostname: "127.0.0.1", port: 8700, path, query, headers, body });
  const received: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) received[k.toLowerCase()] = String(v);
  const rawQuery = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  return { method, path, rawQuery, headers: received, body: Buffer.from(body) };
}

test("200 random requests signed by the SDK's signer are accepted", async () => {
  for (let i = 0; i < 200; i++) {
    const r = await randomSigned();
    const who = await verifier.verify(r);
    assert.equal(who.accountId, "123456789012");
  }
});

test("changing any signed part of a request is refused", async () => {
  const mutations: [string, (r: ReceivedRequest) => void][] = [
    ["method", (r) => (r.method = r.method === "GET" ? "POST" : "GET")],
    ["path", (r) => (r.path += "x")],
    ["query", (r) => (r.rawQuery += r.rawQuery ? "&z=1" : "z=1")],
    ["header", (r) => (r.headers["x-custom"] = "other")],
    ["host", (r) => (r.headers.host = "127.0.0.1:8701")],
    ["body", (r) => (r.body = Buffer.concat([r.body, Buffer.from(" ")]))],
    ["signature", (r) => (r.headers.authorization = String(r.headers.authorization).replace(/.$/, (c) => (c === "0" ? "1" : "0")))],
  ];
  for (const [name, mutate] of mutations) {
    for (let i = 0; i < 10; i++) {
      const r = await randomSigned();
      mutate(r);
      await assert.rejects(verifier.verify(r), (e: Error) => e.name === "InvalidSignatureException", name);
    }
  }
});

test("the single-pass canonical request equals smithy's wherever it applies, and smithy builds the rest", () => {
  const paths = ["/", "/chat-integration-event", "/contact/attributes/i-1/c-1", "/a/", "/a.b/~c_d", "/.well", "/a/./b", "/a/../b", "//a", "/a%20b", "/a+b"];
  const values = ["127.0.0.1:8700", "v", " lead", "trail ", "two  spaces", "tab\there", "line\r\nbreak", "  ", "", "ü é"];
  const nameSets = [["host"], ["content-type", "host", "x-amz-date"], ["host", "content-type"], ["host", "host"], ["Host", "x-amz-date"], ["host", "x_y"]];
  let fast = 0;
  for (const path of paths)
    for (const rawQuery of ["", "a=1", "b=2&a=1"])
      for (const signed of nameSets)
        for (let i = 0; i < 5; i++) {
          const input = { method: pick(["GET", "POST"]), path, rawQuery, signed, values: signed.map(() => pick(values)), payloadHash: "e3b0c442", parseQuery };
          assert.equal(canonicalRequest(input), smithyCanonicalRequest(input), JSON.stringify(input));
          if (rawQuery === "" && /^\/[a-z-]*$/.test(path) && signed.join(";") === "content-type;host;x-amz-date") fast++;
        }
  assert.ok(fast > 0);
});

test("requests on plain paths without a query (the single-pass case) are accepted, and refused when changed", async () => {
  for (let i = 0; i < 100; i++) {
    const path = pick(["/chat-integration-event", "/contact/attributes/i-1/c-1", "/"]);
    const headers = { host: "127.0.0.1:8700", "content-type": "application/json", "x-custom": pick(["v", "  spaced   value ", "a\tb"]) };
    const body = JSON.stringify({ n: rnd(1000) });
    const signed = await signer.sign({ method: "POST", protocol: "http:", hostname: "127.0.0.1", port: 8700, path, query: {}, headers, body });
    const received: Record<string, string> = {};
    for (const [k, v] of Object.entries(signed.headers)) received[k.toLowerCase()] = String(v);
    const r: ReceivedRequest = { method: "POST", path, rawQuery: "", headers: received, body: Buffer.from(body) };
    assert.equal((await verifier.verify(r)).accountId, "123456789012");
    await assert.rejects(verifier.verify({ ...r, headers: { ...received, "x-custom": "changed" } }), (e: Error) => e.name === "InvalidSignatureException");
    await assert.rejects(verifier.verify({ ...r, path: `${path}x` }), (e: Error) => e.name === "InvalidSignatureException");
  }
});

test("an X-Amz-Date of digits that is no calendar time is refused", async () => {
  const body = "{}";
  const headers = { host: "127.0.0.1:8700", "content-type": "application/json" };
  const signed = await signer.sign({ method: "POST", protocol: "http:", hostname: "127.0.0.1", port: 8700, path: "/x", query: {}, headers, body });
  const received: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) received[k.toLowerCase()] = String(v);
  const day = received["x-amz-date"].slice(0, 8);
  for (const time of ["T250000Z", "T126100Z"]) {
    const r: ReceivedRequest = { method: "POST", path: "/x", rawQuery: "", headers: { ...received, "x-amz-date": day + time }, body: Buffer.from(body) };
    await assert.rejects(verifier.verify(r), (e: Error) => e.name === "InvalidSignatureException" && /ISO-8601 'basic format'/.test(e.message));
  }
});

test("a security token with long-term keys is refused after the signature check, as AWS does; temporary keys need theirs", async () => {
  const sign = async (credentials: Parameters<typeof signerFor>[0]) => {
    const headers = { host: "127.0.0.1:8700", "content-type": "application/json" };
    const signed = await signerFor(credentials).sign({ method: "POST", protocol: "http:", hostname: "127.0.0.1", port: 8700, path: "/x", query: {}, headers, body: "{}" });
    const received: Record<string, string> = {};
    for (const [k, v] of Object.entries(signed.headers)) received[k.toLowerCase()] = String(v);
    return { method: "POST", path: "/x", rawQuery: "", headers: received, body: Buffer.from("{}") } satisfies ReceivedRequest;
  };
  const bad = (e: Error) => e.name === "UnrecognizedClientException" && e.message === "The security token included in the request is invalid.";
  await assert.rejects(verifier.verify(await sign({ ...KEY, sessionToken: "any" })), bad);
  await assert.rejects(verifier.verify(await sign({ ...TEMP, sessionToken: undefined })), bad);
  await assert.rejects(verifier.verify(await sign({ ...TEMP, sessionToken: "other" })), bad);
  // A token that is not signed, added to a request of long-term keys, is refused too.
  const r = await sign(KEY);
  await assert.rejects(verifier.verify({ ...r, headers: { ...r.headers, "x-amz-security-token": "added" } }), bad);
  // A bad signature is reported as such before the token.
  await assert.rejects(verifier.verify(await sign({ ...KEY, secretAccessKey: "guess", sessionToken: "any" })), (e: Error) => e.name === "InvalidSignatureException");
  assert.equal((await verifier.verify(await sign(TEMP))).accessKeyId, TEMP.accessKeyId);
});

test("200 random requests presigned by the SDK's presigner are accepted, and refused when any part changes", async () => {
  for (let i = 0; i < 200; i++) {
    const temporary = rnd(2) === 1;
    const method = pick(["GET", "POST"]);
    const path = "/" + Array.from({ length: 1 + rnd(3) }, () => encodeURIComponent(word())).join("/");
    const query: Record<string, string> = {};
    for (let j = rnd(3); j > 0; j--) query[word()] = word();
    const body = method === "GET" ? undefined : JSON.stringify({ v: word() });
    const headers: Record<string, string> = { host: "127.0.0.1:8700" };
    if (rnd(3) === 0) headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD";
    const presigned = await (temporary ? tempSigner : signer).presign(
      { method, protocol: "http:", hostname: "127.0.0.1", port: 8700, path, query, headers, body },
      { expiresIn: 1 + rnd(3600) },
    );
    const q = presigned.query as Record<string, string>;
    const rawQuery = Object.entries(q).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
    const r: ReceivedRequest = { method, path, rawQuery, headers: { host: "127.0.0.1:8700" }, body: Buffer.from(body ?? "") };
    assert.equal((await verifier.verify(r)).accessKeyId, temporary ? TEMP.accessKeyId : KEY.accessKeyId, rawQuery);
    const refused = (e: Error) => e.name === "InvalidSignatureException";
    await assert.rejects(verifier.verify({ ...r, path: r.path + "x" }), refused);
    await assert.rejects(verifier.verify({ ...r, method: method === "GET" ? "POST" : "GET" }), refused);
    await assert.rejects(verifier.verify({ ...r, rawQuery: r.rawQuery + "&z=1" }), refused);
    await assert.rejects(verifier.verify({ ...r, headers: { host: "127.0.0.1:8701" } }), refused);
    if (body !== undefined && q["x-amz-content-sha256"] !== "UNSIGNED-PAYLOAD") await assert.rejects(verifier.verify({ ...r, body: Buffer.from(body + " ") }), refused);
  }
});

test("claimedAccessKey names the key of the Authorization header or of a presigned URL, verifying nothing", () => {
  const authz = { authorization: "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=00" };
  assert.equal(claimedAccessKey(authz, ""), "AKIDTEST");
  assert.equal(claimedAccessKey({}, "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIATEST%2F20260101%2Fus-east-1%2Fconnect%2Faws4_request"), "ASIATEST");
  assert.equal(claimedAccessKey({}, "a=1"), undefined);
  assert.equal(claimedAccessKey({ authorization: "Bearer x" }, ""), undefined);
});
