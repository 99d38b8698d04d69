// Security tokens and presigned (query-string) SigV4 against the running server: long-term keys with an
// X-Amz-Security-Token are refused as AWS refuses them, configured temporary keys need their token; URLs from the
// SDK's presigner (@smithy/signature-v4 presign(), what @aws-sdk/s3-request-presigner wraps) work on real
// operations within X-Amz-Expires, and expired, tampered or incomplete ones are refused with nothing changed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { ConnectClient, DescribeContactCommand, SendChatIntegrationEventCommand } from "@aws-sdk/client-connect";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { DEST, INSTANCE, KEY, REGION, TestClock, startServer, testConfig, type Running } from "../support/server.js";
import { assertAwsError, rawExchange, requestBytes, sendSigned, snapshot, type Answer } from "./support.js";

const TEMP = { accessKeyId: "ASIATEMPORARY", secretAccessKey: "temp-secret", sessionToken: "the-session-token" };
const clock = new TestClock();
let srv: Running;
let contactId: string;

const message = (content: string) => JSON.stringify({ SourceId: "+14155550123", DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: content } });

before(async () => {
  const config = testConfig();
  config.accounts[0].credentials.push({ ...TEMP });
  srv = await startServer({ config, authClock: clock });
  const a = await sendSigned(srv.port, { path: "/chat-integration-event", body: message("seed") });
  assert.equal(a.status, 200, a.body);
  contactId = JSON.parse(a.body).InitialContactId;
});
after(() => srv.stop());

const client = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  new ConnectClient({ endpoint: srv.url, region: REGION, credentials, maxAttempts: 1 });

async function refusedBy(credentials: Parameters<typeof client>[0], code: string, text: RegExp) {
  const before = snapshot(srv.dbPath);
  const c = client(credentials);
  try {
    await assert.rejects(c.send(new SendChatIntegrationEventCommand(JSON.parse(message("refused")))), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(e.name, code);
      assert.match(e.message, text);
      assert.equal(e.$metadata?.httpStatusCode, 403);
      return true;
    });
  } finally {
    c.destroy();
  }
  assert.deepEqual(snapshot(srv.dbPath), before, "a refused request changed stored data");
}

test("long-term keys with an X-Amz-Security-Token (the SDK sends one with any sessionToken) are refused as AWS does", async () => {
  await refusedBy({ ...KEY, sessionToken: "stale-token" }, "UnrecognizedClientException", /^The security token included in the request is invalid\.$/);
  // The same keys without a token work.
  const c = client(KEY);
  try {
    assert.equal((await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: contactId }))).Contact?.Id, contactId);
  } finally {
    c.destroy();
  }
});

test("configured temporary credentials need their own session token: missing or another one is refused", async () => {
  const c = client(TEMP);
  try {
    assert.equal((await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: contactId }))).Contact?.Id, contactId);
  } finally {
    c.destroy();
  }
  await refusedBy({ accessKeyId: TEMP.accessKeyId, secretAccessKey: TEMP.secretAccessKey }, "UnrecognizedClientException", /security token included in the request is invalid/);
  await refusedBy({ ...TEMP, sessionToken: "the-session-tokeN" }, "UnrecognizedClientException", /security token included in the request is invalid/);
  // A wrong secret is still a signature error, whatever the token.
  await refusedBy({ ...TEMP, secretAccessKey: "guess" }, "InvalidSignatureException", /signature we calculated does not match/);
});

interface Presign {
  method?: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  expiresIn?: number;
  signingDate?: Date;
  key?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** A presigned URL's path and query for 127.0.0.1:port, from the SDK's presigner. */
async function presign(o: Presign): Promise<{ target: string; query: Record<string, string> }> {
  const signer = new SignatureV4({ credentials: o.key ?? KEY, region: REGION, service: "connect", sha256: Hash.bind(null, "sha256") });
  const req = await signer.presign(
    { method: o.method ?? "GET", protocol: "http:", hostname: "127.0.0.1", port: srv.port, path: o.path, query: {}, headers: { host: `127.0.0.1:${srv.port}`, ...o.headers }, body: o.body },
    { expiresIn: o.expiresIn ?? 300, signingDate: o.signingDate ?? new Date(clock.now()) },
  );
  const query = req.query as Record<string, string>;
  return { target: o.path + "?" + encode(query), query };
}
const encode = (q: Record<string, string>) => Object.entries(q).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");

/** Sends exactly the request line, Host, the given headers and body (no Authorization header). */
function send(method: string, target: string, body = "", headers: [string, string][] = []): Promise<Answer> {
  const all: [string, string][] = [["host", `127.0.0.1:${srv.port}`], ...headers];
  if (method !== "GET") all.push(["content-length", String(Buffer.byteLength(body))]);
  return rawExchange(srv.port, requestBytes(method, target, all, body));
}

const describePath = () => `/contacts/${INSTANCE}/${contactId}`;

test("a presigned GET (DescribeContact) from the SDK presigner is accepted, with long-term and with temporary keys", async () => {
  for (const key of [KEY, TEMP]) {
    const { target, query } = await presign({ path: describePath(), key });
    assert.equal(query["X-Amz-Algorithm"], "AWS4-HMAC-SHA256");
    assert.equal(query["X-Amz-Security-Token"], key === TEMP ? TEMP.sessionToken : undefined);
    const a = await send("GET", target);
    assert.equal(a.status, 200, a.body);
    assert.equal(JSON.parse(a.body).Contact.Id, contactId);
  }
});

test("a presigned POST (SendChatIntegrationEvent) is accepted signed over its body and over UNSIGNED-PAYLOAD; another body is refused", async () => {
  const headers = { "content-type": "application/json" };
  const body = message("presigned over the body");
  const overBody = await presign({ method: "POST", path: "/chat-integration-event", body, headers });
  const before = snapshot(srv.dbPath);
  assertAwsError(await send("POST", overBody.target, message("another body"), [["content-type", "application/json"]]), 403, "InvalidSignatureException");
  assert.deepEqual(snapshot(srv.dbPath), before);
  const a = await send("POST", overBody.target, body, [["content-type", "application/json"]]);
  assert.equal(a.status, 200, a.body);
  assert.equal(typeof JSON.parse(a.body).InitialContactId, "string");

  // The S3-style presigners sign UNSIGNED-PAYLOAD (declared in the query): the body is then not covered.
  const unsigned = await presign({ method: "POST", path: "/chat-integration-event", headers: { ...headers, "x-amz-content-sha256": "UNSIGNED-PAYLOAD" } });
  assert.equal(unsigned.query["x-amz-content-sha256"], "UNSIGNED-PAYLOAD");
  const b = await send("POST", unsigned.target, message("any body"), [["content-type", "application/json"]]);
  assert.equal(b.status, 200, b.body);
});

test("presigned URLs are valid from 5 minutes before their date until their date plus X-Amz-Expires, not after", async () => {
  const { target } = await presign({ path: describePath(), expiresIn: 60 });
  try {
    // X-Amz-Date has whole seconds: stay clear of the edge by a few seconds either way.
    clock.advance(55_000);
    const inTime = await send("GET", target);
    assert.equal(inTime.status, 200, inTime.body);
    clock.advance(10_000);
    const late = await send("GET", target);
    assertAwsError(late, 403, "InvalidSignatureException");
    assert.match(JSON.parse(late.body).message, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 60 sec\.\)$/);
    // A week-long URL outlives the 5-minute window of header signatures.
    clock.offset = 0;
    const week = await presign({ path: describePath(), expiresIn: 604_800 });
    clock.advance(6 * 24 * 3600_000);
    assert.equal((await send("GET", week.target)).status, 200);
    clock.offset = 0;
    // Dated more than 5 minutes ahead of the server's clock: not yet current.
    const ahead = await presign({ path: describePath(), signingDate: new Date(clock.now() + 6 * 60_000) });
    const early = await send("GET", ahead.target);
    assertAwsError(early, 403, "InvalidSignatureException");
    assert.match(JSON.parse(early.body).message, /not yet current/);
  } finally {
    clock.offset = 0;
  }
});

test("a presigned URL changed after signing is refused: path, any query parameter, an added one, the signature, the token", async () => {
  const { query } = await presign({ path: describePath(), key: TEMP });
  const variants: [string, string][] = [
    ["path", `/contacts/${INSTANCE}/${contactId}x?${encode(query)}`],
    ["expires", `${describePath()}?${encode({ ...query, "X-Amz-Expires": "600" })}`],
    ["date", `${describePath()}?${encode({ ...query, "X-Amz-Date": query["X-Amz-Date"].replace(/\d(?=Z$)/, (d) => String((Number(d) + 1) % 10)) })}`],
    ["added parameter", `${describePath()}?${encode({ ...query, extra: "1" })}`],
    ["signature", `${describePath()}?${encode({ ...query, "X-Amz-Signature": query["X-Amz-Signature"].replace(/^./, (c) => (c === "0" ? "1" : "0")) })}`],
  ];
  for (const [what, target] of variants) {
    const a = await send("GET", target);
    assert.equal(a.headers["x-amzn-errortype"], "InvalidSignatureException", what);
    assertAwsError(a, 403, "InvalidSignatureException");
  }
  // The token is in the signed query too: another one breaks the signature.
  assertAwsError(await send("GET", `${describePath()}?${encode({ ...query, "X-Amz-Security-Token": "forged" })}`), 403, "InvalidSignatureException");
  // Long-term keys with a token in the query: refused as with the header.
  const withToken = await presign({ path: describePath(), key: { ...KEY, sessionToken: "stale" } });
  const refused = await send("GET", withToken.target);
  assertAwsError(refused, 403, "UnrecognizedClientException");
  assert.equal(JSON.parse(refused.body).message, "The security token included in the request is invalid.");
});

test("incomplete or out-of-range presigned parameters, and both kinds of signature at once, are refused with AWS's messages", async () => {
  const { query } = await presign({ path: describePath() });
  const without = (name: string) => Object.fromEntries(Object.entries(query).filter(([k]) => k !== name));
  const noSig = await send("GET", `${describePath()}?${encode(without("X-Amz-Signature"))}`);
  assertAwsError(noSig, 403, "IncompleteSignatureException");
  assert.equal(JSON.parse(noSig.body).message, "AWS query-string parameters must include 'X-Amz-Signature'. Re-examine the query-string parameters.");
  const onlyAlgorithm = await send("GET", `${describePath()}?X-Amz-Algorithm=AWS4-HMAC-SHA256`);
  assert.equal(
    JSON.parse(onlyAlgorithm.body).message,
    "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters.",
  );
  for (const expires of ["0", "604801", "-1", "1.5", "abc", ""]) {
    const a = await send("GET", `${describePath()}?${encode({ ...query, "X-Amz-Expires": expires })}`);
    assertAwsError(a, 403, "IncompleteSignatureException");
    assert.match(JSON.parse(a.body).message, /X-Amz-Expires/, expires);
  }
  const algorithm = await send("GET", `${describePath()}?${encode({ ...query, "X-Amz-Algorithm": "AWS4-HMAC-SHA1" })}`);
  assertAwsError(algorithm, 403, "IncompleteSignatureException");
  const both = await send("GET", `${describePath()}?${encode(query)}`, "", [["authorization", `AWS4-HMAC-SHA256 Credential=${KEY.accessKeyId}/20260101/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=${"0".repeat(64)}`]]);
  assertAwsError(both, 403, "InvalidSignatureException");
  assert.match(JSON.parse(both.body).message, /Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header/);
  // No signature of either kind: as before, a missing token.
  assertAwsError(await send("GET", describePath()), 403, "MissingAuthenticationTokenException");
});
