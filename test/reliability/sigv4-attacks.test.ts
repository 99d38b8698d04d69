// SigV4 attacks beyond test/interop/wire.test.ts (which covers the basic refusals: no header, unknown key,
// wrong secret, altered body, altered custom header and query, zeroed signature, ±6-minute dates, another
// region or service, another account's key on SendChatIntegrationEvent): captured requests replayed after
// the 5-minute window, bodies and signed headers altered after signing, what unsigned headers may do,
// malformed signatures and scopes, another account's valid keys on every operation of this account, and
// per-key `allow` lists. Every refusal is AWS-shaped and leaves the stored data byte-for-byte unchanged.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { ACCOUNT, DEST, INSTANCE, KEY, OTHER_KEY, TestClock, startServer, testConfig, type Running } from "../support/server.js";
import { assertAwsError, rawExchange, requestBytes, sendSigned, signHeaders, snapshot, type Answer } from "./support.js";

const GATEWAY = { accessKeyId: "AKIDGATEWAY", secretAccessKey: "gw-secret" };
const READER = { accessKeyId: "AKIDREADER", secretAccessKey: "reader-secret" };
const clock = new TestClock();
let srv: Running;
let contactId: string;
let snap: ReturnType<typeof snapshot>;

const message = (content: string, source = "+14155550177") => JSON.stringify({ SourceId: source, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: content } });

before(async () => {
  const config = testConfig();
  config.accounts[0].credentials.push({ ...GATEWAY, allow: ["SendChatIntegrationEvent"] }, { ...READER, allow: ["DescribeContact", "GetContactAttributes"] });
  srv = await startServer({ config, authClock: clock });
  const a = await sendSigned(srv.port, { path: "/chat-integration-event", body: message("seed") });
  assert.equal(a.status, 200, a.body);
  contactId = a.json.InitialContactId;
  snap = snapshot(srv.dbPath);
});
after(() => srv.stop());

/** A signed request as bytes, with `mutate` applied to its headers and body after signing. */
async function captured(o: { body?: string; key?: typeof KEY; headers?: Record<string, string>; path?: string; method?: string } = {}, mutate: (h: Record<string, string>, body: { text: string }) => void = () => {}) {
  const body = { text: o.body ?? message("captured") };
  const h = await signHeaders(srv.port, { method: o.method ?? "POST", path: o.path ?? "/chat-integration-event", body: body.text, key: o.key, headers: o.headers });
  mutate(h, body);
  const headers = Object.entries(h).filter(([k]) => k !== "content-length");
  if (!("content-length" in h)) headers.push(["content-length", String(Buffer.byteLength(body.text))]);
  else headers.push(["content-length", h["content-length"]]);
  return requestBytes(o.method ?? "POST", o.path ?? "/chat-integration-event", headers, body.text);
}
const send = (bytes: Buffer) => rawExchange(srv.port, bytes);

function refusedUnchanged(a: Answer, status: number, code: string, text?: RegExp) {
  assertAwsError(a, status, code);
  if (text) assert.match(a.json.message, text);
  assert.deepEqual(snapshot(srv.dbPath), snap, "a refused request changed stored data");
}

test("a captured request replayed after the 5-minute window is refused; within it, SigV4 alone cannot tell (use Idempotency-Key)", async () => {
  const bytes = await captured({ body: message("replayed") });
  clock.advance(5 * 60_000 + 2_000);
  try {
    refusedUnchanged(await send(bytes), 403, "InvalidSignatureException", /Signature expired/);
    clock.advance(-(10 * 60_000 + 4_000)); // the server's clock behind the signer's: "not yet current"
    refusedUnchanged(await send(bytes), 403, "InvalidSignatureException", /not yet current/);
  } finally {
    clock.offset = 0;
  }
  // SigV4 has no nonce: an identical request inside the window is accepted, as AWS accepts it.
  const keyed = await captured({ body: message("once"), headers: { "idempotency-key": "replay-1" } });
  assert.equal((await send(keyed)).status, 200);
  const again = await send(keyed);
  assert.equal(again.status, 200);
  snap = snapshot(srv.dbPath);
  // With a signed Idempotency-Key the replay stored nothing new.
  assert.equal(again.json.InitialContactId, contactId);
  assert.deepEqual(snapshot(srv.dbPath), snap);
});

test("a body altered after signing is refused: changed, appended to, truncated, or declared UNSIGNED-PAYLOAD", async () => {
  for (const alter of [(b: string) => b.replace("captured", "capturEd"), (b: string) => b + " ", (b: string) => b.slice(0, -1), () => ""]) {
    refusedUnchanged(await send(await captured({}, (_h, body) => (body.text = alter(body.text)))), 403, "InvalidSignatureException");
  }
  refusedUnchanged(await send(await captured({ headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" } })), 403, "InvalidSignatureException");
  // Declared hash right for the altered body, signature over the original: still refused.
  const altered = message("evil");
  refusedUnchanged(await send(await captured({}, (h, body) => ((body.text = altered), (h["x-amz-content-sha256"] = createHash("sha256").update(altered).digest("hex"))))), 403, "InvalidSignatureException");
});

test("a signed header altered after signing is refused: host, x-amz-date (one second), content-type", async () => {
  refusedUnchanged(await send(await captured({}, (h) => (h.host = "127.0.0.1:1"))), 403, "InvalidSignatureException");
  refusedUnchanged(await send(await captured({}, (h) => (h.host = "evil.example"))), 403, "InvalidSignatureException");
  refusedUnchanged(await send(await captured({}, (h) => (h["x-amz-date"] = h["x-amz-date"].replace(/(\d)Z$/, (_m, d) => `${(Number(d) + 1) % 10}Z`)))), 403, "InvalidSignatureException");
  refusedUnchanged(await send(await captured({}, (h) => (h["content-type"] = "text/plain"))), 403, "InvalidSignatureException");
  // A header listed in SignedHeaders but left out of the request.
  refusedUnchanged(await send(await captured({}, (h) => delete h["content-type"])), 403, "InvalidSignatureException");
});

test("headers outside SignedHeaders are not covered (SigV4 semantics): an added one passes, a duplicated signed one does not", async () => {
  const a = await send(await captured({ body: message("unsigned extra") }, (h) => ((h["x-forwarded-for"] = "203.0.113.9"), (h["x-extra"] = "anything"))));
  assert.equal(a.status, 200, a.body);
  snap = snapshot(srv.dbPath);
  // Two X-Amz-Date lines arrive joined ("d1, d2"): not a date, refused.
  const h = await signHeaders(srv.port, { path: "/chat-integration-event", body: message("dup") });
  const headers: [string, string][] = [...Object.entries(h), ["x-amz-date", h["x-amz-date"]], ["content-length", String(Buffer.byteLength(message("dup")))]];
  refusedUnchanged(await send(requestBytes("POST", "/chat-integration-event", headers, message("dup"))), 403, "InvalidSignatureException");
});

test("malformed signatures and scopes are refused: truncated, upper-case, padded, wrong terminator, scope day not the request's", async () => {
  const sig = (f: (s: string) => string) => (h: Record<string, string>) => (h.authorization = h.authorization.replace(/Signature=([0-9a-f]{64})/, (_m, s) => `Signature=${f(s)}`));
  refusedUnchanged(await send(await captured({}, sig((s) => s.slice(0, 63)))), 403, "InvalidSignatureException");
  refusedUnchanged(await send(await captured({}, sig((s) => s.toUpperCase()))), 403, "InvalidSignatureException");
  refusedUnchanged(await send(await captured({}, sig((s) => s + "00"))), 403, "InvalidSignatureException");
  refusedUnchanged(await send(await captured({}, sig(() => ""))), 403, "InvalidSignatureException");
  refusedUnchanged(await send(await captured({}, (h) => (h.authorization = h.authorization.replace("aws4_request", "aws4_reques")))), 403, "InvalidSignatureException");
  refusedUnchanged(await send(await captured({}, (h) => (h.authorization = h.authorization.replace(/Credential=(\w+)\/\d{8}/, "Credential=$1/20000101")))), 403, "InvalidSignatureException", /Date in Credential scope/);
  refusedUnchanged(await send(await captured({}, (h) => (h.authorization = h.authorization.replace("SignedHeaders=", "SignedHeaders=x-amz-date;")))), 403, "InvalidSignatureException");
  refusedUnchanged(await send(await captured({}, (h) => (h.authorization = "AWS4-HMAC-SHA256 " + "x".repeat(8000)))), 403, "InvalidSignatureException");
});

/** SigV4 by hand, so the X-Amz-Date can be any string (the SDK signers only take real dates). */
function handSigned(amzDate: string, body: string): Buffer {
  const host = `127.0.0.1:${srv.port}`;
  const payload = createHash("sha256").update(body).digest("hex");
  const canonical = ["POST", "/chat-integration-event", "", `content-type:application/json\nhost:${host}\nx-amz-date:${amzDate}\n`, "content-type;host;x-amz-date", payload].join("\n");
  const scope = `${amzDate.slice(0, 8)}/us-east-1/connect/aws4_request`;
  const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash("sha256").update(canonical).digest("hex")}`;
  const key = [amzDate.slice(0, 8), "us-east-1", "connect", "aws4_request"].reduce<Buffer>((k, p) => createHmac("sha256", k).update(p).digest(), Buffer.from(`AWS4${KEY.secretAccessKey}`));
  const signature = createHmac("sha256", key).update(toSign).digest("hex");
  const authorization = `AWS4-HMAC-SHA256 Credential=${KEY.accessKeyId}/${scope}, SignedHeaders=content-type;host;x-amz-date, Signature=${signature}`;
  return requestBytes("POST", "/chat-integration-event", [["Host", host], ["Content-Type", "application/json"], ["X-Amz-Date", amzDate], ["Authorization", authorization], ["Content-Length", String(Buffer.byteLength(body))]], body);
}

// Found by this suite: an impossible date parsed to NaN, and NaN skew compared as "not more than 5 minutes",
// so a correctly signed request with such a date never expired.
test("a correctly signed request whose X-Amz-Date is not a real time is refused, never treated as current", async () => {
  const now = new Date().toISOString().replace(/[-:]|\.\d{3}/g, "");
  assert.equal((await send(handSigned(now, message("hand-signed")))).status, 200, "the hand signer is right");
  snap = snapshot(srv.dbPath);
  for (const d of ["20261399T999999Z", "20260230T120000Z", "20261125T250000Z", "00000000T000000Z"]) refusedUnchanged(await send(handSigned(d, message("never expires"))), 403, "InvalidSignatureException");
});

test("another account's valid keys on this account's instance and contacts: refused as not found, nothing changed", async () => {
  const as = (method: string, path: string, body: string) => sendSigned(srv.port, { method, path, body, key: OTHER_KEY });
  const cases: [string, string, string][] = [
    ["GET", `/contacts/${INSTANCE}/${contactId}`, ""],
    ["GET", `/contact/attributes/${INSTANCE}/${contactId}`, ""],
    ["POST", "/contact/attributes", JSON.stringify({ InstanceId: INSTANCE, InitialContactId: contactId, Attributes: { stolen: "yes" } })],
    ["POST", "/contact/stop", JSON.stringify({ InstanceId: INSTANCE, ContactId: contactId })],
    ["POST", "/contact/create-participant", JSON.stringify({ InstanceId: INSTANCE, ContactId: contactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "spy" } })],
    ["POST", "/contact/start-streaming", JSON.stringify({ InstanceId: INSTANCE, ContactId: contactId, ChatStreamingConfiguration: { StreamingEndpointArn: `arn:aws:sns:us-east-1:${ACCOUNT}:t` }, ClientToken: "c" })],
    ["POST", "/contact/stop-streaming", JSON.stringify({ InstanceId: INSTANCE, ContactId: contactId, StreamingId: "s" })],
    ["PUT", "/contact/chat", JSON.stringify({ InstanceId: INSTANCE, ContactFlowId: "f", ParticipantDetails: { DisplayName: "x" } })],
    ["POST", "/chat-integration-event", message("cross-account", "+14155550177")],
  ];
  for (const [method, path, body] of cases) {
    const a = await as(method, path, body);
    assertAwsError(a);
    assert.ok(a.status === 404 && /ResourceNotFoundException/.test(a.headers["x-amzn-errortype"]), `${method} ${path}: ${a.status} ${a.body}`);
    assert.doesNotMatch(a.body, new RegExp(contactId), "the answer does not echo the other account's contact");
    assert.deepEqual(snapshot(srv.dbPath), snap, `${method} ${path} changed stored data: ${a.status} ${a.body}`);
  }
  assert.deepEqual(snapshot(srv.dbPath), snap);
});

test("per-key allow lists: a gateway key only sends events, a reader key only reads; both refused elsewhere with nothing changed", async () => {
  const ok = await sendSigned(srv.port, { path: "/chat-integration-event", body: message("from the gateway"), key: GATEWAY });
  assert.equal(ok.status, 200, ok.body);
  const read = await sendSigned(srv.port, { method: "GET", path: `/contacts/${INSTANCE}/${contactId}`, key: READER });
  assert.equal(read.status, 200, read.body);
  snap = snapshot(srv.dbPath);
  const denied = [
    [GATEWAY, "GET", `/contacts/${INSTANCE}/${contactId}`, ""],
    [GATEWAY, "POST", "/contact/stop", JSON.stringify({ InstanceId: INSTANCE, ContactId: contactId })],
    [GATEWAY, "POST", "/contact/attributes", JSON.stringify({ InstanceId: INSTANCE, InitialContactId: contactId, Attributes: { a: "b" } })],
    [READER, "POST", "/chat-integration-event", message("from the reader")],
    [READER, "POST", "/contact/create-participant", JSON.stringify({ InstanceId: INSTANCE, ContactId: contactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "a" } })],
  ] as const;
  for (const [key, method, path, body] of denied) {
    const a = await sendSigned(srv.port, { method, path, body, key });
    refusedUnchanged(a, 403, "AccessDeniedException", new RegExp(`${key.accessKeyId} is not authorized to perform: connect:`));
  }
  // The allow list is checked after the signature: a forged request with the gateway's id is a bad signature.
  refusedUnchanged(await sendSigned(srv.port, { path: "/contact/stop", body: "{}", key: { ...GATEWAY, secretAccessKey: "guess" } }), 403, "InvalidSignatureException");
});
