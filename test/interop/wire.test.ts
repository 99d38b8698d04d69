// Requests no SDK would send, signed by hand with @smithy/signature-v4: forged and stale signatures,
// broken JSON, wrong types, oversized bodies. Every answer has the AWS error shape and a request id.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { DEST, INSTANCE, KEY, OTHER_KEY, startServer, type Running } from "../support/server.js";

let srv: Running;
before(async () => (srv = await startServer()));
after(() => srv.stop());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: any;
}

function raw(method: string, path: string, headers: Record<string, string>, body: Buffer | string = ""): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: srv.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode!, headers: res.headers, body: text, json });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function signed(
  opts: { method?: string; path?: string; body?: string; key?: typeof KEY; date?: Date; region?: string; service?: string; headers?: Record<string, string> } = {},
) {
  const method = opts.method ?? "POST";
  const path = opts.path ?? "/chat-integration-event";
  const body = opts.body ?? JSON.stringify({ SourceId: "+14155550100", DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "hi" } });
  const signer = new SignatureV4({ credentials: opts.key ?? KEY, region: opts.region ?? "us-east-1", service: opts.service ?? "connect", sha256: Hash.bind(null, "sha256") });
  const req = await signer.sign(
    { method, protocol: "http:", hostname: "127.0.0.1", port: srv.port, path, query: {}, headers: { host: `127.0.0.1:${srv.port}`, "content-type": "application/json", ...opts.headers }, body },
    { signingDate: opts.date ?? new Date() },
  );
  return { headers: req.headers as Record<string, string>, body, method, path };
}

const send = (r: Awaited<ReturnType<typeof signed>>, mutate: (r: Awaited<ReturnType<typeof signed>>) => void = () => {}) => {
  mutate(r);
  return raw(r.method, r.path, r.headers, r.body);
};

function assertAwsError(a: Answer, status: number, code: string, text?: RegExp) {
  assert.equal(a.status, status, a.body);
  assert.equal(a.headers["x-amzn-errortype"], code);
  assert.equal(a.json.message, a.json.Message);
  assert.equal(typeof a.json.message, "string");
  if (text) assert.match(a.json.message, text);
  assert.match(String(a.headers["x-amzn-requestid"]), /^[0-9a-f-]{36}$/);
  assert.doesNotMatch(a.body, /at .*\.ts:\d+|node:internal/);
}

test("a correctly hand-signed request succeeds", async () => {
  const a = await send(await signed());
  assert.equal(a.status, 200, a.body);
  assert.equal(typeof a.json.InitialContactId, "string");
  assert.match(String(a.headers["x-amzn-requestid"]), /^[0-9a-f-]{36}$/);
});

test("no Authorization header: 403 MissingAuthenticationTokenException", async () => {
  assertAwsError(await raw("POST", "/chat-integration-event", { "content-type": "application/json" }, "{}"), 403, "MissingAuthenticationTokenException");
});

test("an unknown access key: 403 UnrecognizedClientException", async () => {
  assertAwsError(await send(await signed({ key: { accessKeyId: "AKIDNOBODY", secretAccessKey: "x" } })), 403, "UnrecognizedClientException");
});

test("a wrong secret, an altered body, an altered signed header: 403 InvalidSignatureException", async () => {
  assertAwsError(await send(await signed({ key: { ...KEY, secretAccessKey: "wrong" } })), 403, "InvalidSignatureException", /signature we calculated does not match/);
  assertAwsError(await send(await signed(), (r) => (r.body = r.body.replace("hi", "ho"))), 403, "InvalidSignatureException");
  assertAwsError(await send(await signed({ headers: { "x-custom": "a" } }), (r) => (r.headers["x-custom"] = "b")), 403, "InvalidSignatureException");
  assertAwsError(await send(await signed(), (r) => (r.path = "/chat-integration-event?x=1")), 403, "InvalidSignatureException");
  assertAwsError(await send(await signed(), (r) => (r.headers.authorization = r.headers.authorization.replace(/Signature=[0-9a-f]{64}/, `Signature=${"0".repeat(64)}`))), 403, "InvalidSignatureException");
  // A declared payload hash that is not the body's.
  assertAwsError(await send(await signed({ headers: { "x-amz-content-sha256": "0".repeat(64) } })), 403, "InvalidSignatureException");
});

test("requests signed more than 5 minutes off (replays, skewed clocks) are refused", async () => {
  assertAwsError(await send(await signed({ date: new Date(Date.now() - 6 * 60_000) })), 403, "InvalidSignatureException", /Signature expired/);
  assertAwsError(await send(await signed({ date: new Date(Date.now() + 6 * 60_000) })), 403, "InvalidSignatureException", /not yet current/);
  const ok = await send(await signed({ date: new Date(Date.now() - 4 * 60_000) }));
  assert.equal(ok.status, 200);
});

test("a scope for another region or service is refused", async () => {
  assertAwsError(await send(await signed({ region: "eu-west-1" })), 403, "InvalidSignatureException", /region/);
  assertAwsError(await send(await signed({ service: "sns" })), 403, "InvalidSignatureException", /service/);
});

test("another account's valid keys cannot use this account's destination", async () => {
  assertAwsError(await send(await signed({ key: OTHER_KEY })), 404, "ResourceNotFoundException", /DestinationId/);
});

test("bodies that are not JSON or have wrong types: 400 SerializationException", async () => {
  for (const body of ["{", "[]", '"x"', "null", "{\"SourceId\": 5}", '{"Event": "MESSAGE"}', "\u0000\u0001", '{"SourceId":"+1","DestinationId":"d","Event":{"Type":["MESSAGE"]}}']) {
    assertAwsError(await send(await signed({ body })), 400, "SerializationException");
  }
  assertAwsError(await send(await signed({ body: "{}" })), 400, "InvalidRequestException", /SourceId.*DestinationId.*Event/);
});

test("a body over 1 MiB is refused early with 413 and nothing is stored", async () => {
  const big = JSON.stringify({ SourceId: "+14155559999", DestinationId: DEST, Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "x".repeat(1024 * 1024) } });
  const a = await send(await signed({ body: big }));
  assertAwsError(a, 413, "RequestEntityTooLargeException");
  const after = await send(await signed({ body: JSON.stringify({ SourceId: "+14155559999", DestinationId: DEST, Event: { Type: "DISCONNECT" } }) }));
  assert.deepEqual(after.json, { NewChatCreated: false });
});

test("unknown paths and methods get AWS-shaped errors", async () => {
  assertAwsError(await raw("GET", "/nope", {}), 404, "UnknownOperationException");
  assertAwsError(await raw("GET", "/chat-integration-event", {}), 405, "MethodNotAllowedException");
});

test("GET operations with URI labels verify and route: DescribeContact", async () => {
  const created = await send(await signed({ body: JSON.stringify({ SourceId: "+14155558888", DestinationId: DEST, Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "x" } }) }));
  const id = created.json.InitialContactId;
  const a = await send(await signed({ method: "GET", path: `/contacts/${INSTANCE}/${id}`, body: "" }));
  assert.equal(a.status, 200, a.body);
  assert.equal(a.json.Contact.Id, id);
  assert.equal(typeof a.json.Contact.InitiationTimestamp, "number");
  assertAwsError(await send(await signed({ method: "GET", path: `/contacts/${INSTANCE}/does-not-exist`, body: "" })), 404, "ResourceNotFoundException");
});

test("the server stays up after hostile input", async () => {
  await raw("POST", "/chat-integration-event", { "content-type": "application/json", authorization: "AWS4-HMAC-SHA256 garbage" }, "{");
  await raw("POST", "/chat-integration-event", { authorization: `AWS4-HMAC-SHA256 Credential=${KEY.accessKeyId}/2026/x, SignedHeaders=host, Signature=${"a".repeat(64)}` }, "{");
  const a = await send(await signed());
  assert.equal(a.status, 200);
});

test("an internal failure is a 500 InternalServiceException with the request id and no internals", async () => {
  const s = await startServer();
  await s.app.store.close();
  const signer = new SignatureV4({ credentials: KEY, region: "us-east-1", service: "connect", sha256: Hash.bind(null, "sha256") });
  const body = JSON.stringify({ SourceId: "+14155550100", DestinationId: DEST, Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "hi" } });
  const req = await signer.sign({ method: "POST", protocol: "http:", hostname: "127.0.0.1", port: s.port, path: "/chat-integration-event", query: {}, headers: { host: `127.0.0.1:${s.port}`, "content-type": "application/json" }, body });
  const a = await new Promise<Answer>((resolve, reject) => {
    const r = request({ host: "127.0.0.1", port: s.port, method: "POST", path: "/chat-integration-event", headers: req.headers }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: text, json: JSON.parse(text) }));
    });
    r.on("error", reject);
    r.end(body);
  });
  assertAwsError(a, 500, "InternalServiceException");
  assert.ok(a.json.message.includes(String(a.headers["x-amzn-requestid"])));
  assert.doesNotMatch(a.body, /closed|stack|\.ts:|TypeError/i);
  s.app.server.close();
  s.app.server.closeAllConnections();
});
