// The logs operators read: JSON lines from pino with time, level, request id, operation, status, duration and
// remote address; secrets redacted; 500s at error with their stack; a client that hangs up is not an error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { connect as tcp } from "node:net";
import { SendChatIntegrationEventCommand, StartChatContactCommand } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand } from "@aws-sdk/client-connectparticipant";
import { DEST, INSTANCE, TEMP_KEY, startServer } from "../support/server.js";
import { participantClient } from "../support/participant.js";
import { captureLogger, type LogLine } from "../support/log.js";

const sms = (Content = "hello") => new SendChatIntegrationEventCommand({ SourceId: "+14155550100", DestinationId: DEST, Event: { Type: "MESSAGE", ContentType: "text/plain", Content } });

test("an access line per request: ISO time, level, request id, operation, status, duration and remote address", async () => {
  const lines: LogLine[] = [];
  const srv = await startServer({ log: (l) => lines.push(l), logRequests: true });
  try {
    const r = await srv.connect().send(sms());
    const line = lines.find((l) => l.requestId === r.$metadata.requestId);
    assert.ok(line, JSON.stringify(lines));
    assert.equal(line.level, "info");
    assert.equal(line.msg, "request");
    assert.equal(line.operation, "SendChatIntegrationEvent");
    assert.equal(line.status, 200);
    assert.equal(typeof line.durationMs, "number");
    assert.ok((line.durationMs as number) >= 0);
    assert.match(String(line.remoteAddress), /^(::ffff:)?127\.0\.0\.1$/);
    assert.match(String(line.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(Math.abs(Date.parse(String(line.time)) - Date.now()) < 60_000, "the time is now");
    assert.equal(line.pid, process.pid);
    // A refused request has its line too, with the AWS status it got.
    await assert.rejects(srv.connect({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wrong" }).send(sms()), (e: any) => {
      const refused = lines.find((l) => l.requestId === e.$metadata.requestId);
      assert.equal(refused?.status, 403);
      assert.equal(refused?.level, "info");
      return true;
    });
  } finally {
    await srv.stop();
  }
});

test("at debug the access line carries the headers, with Authorization, X-Amz-Security-Token and X-Amz-Bearer redacted", async () => {
  const lines: LogLine[] = [];
  const srv = await startServer({ log: (l) => lines.push(l), logRequests: true });
  const p = participantClient(srv.url);
  try {
    const sessionToken = TEMP_KEY.sessionToken;
    const connect = srv.connect(TEMP_KEY);
    const s = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Web" } }));
    const c = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
    const signed = lines.find((l) => l.requestId === s.$metadata.requestId) as { headers: Record<string, string> } & LogLine;
    assert.equal(signed.url, `/contact/chat`);
    assert.equal(signed.method, "PUT");
    assert.equal(signed.headers.authorization, "[Redacted]");
    assert.equal(signed.headers["x-amz-security-token"], "[Redacted]");
    assert.match(signed.headers["x-amz-date"], /^\d{8}T\d{6}Z$/, "other headers are kept");
    const bearer = lines.find((l) => l.requestId === c.$metadata.requestId) as { headers: Record<string, string> } & LogLine;
    assert.equal(bearer.operation, "CreateParticipantConnection");
    assert.equal(bearer.headers["x-amz-bearer"], "[Redacted]");
    const all = JSON.stringify(lines);
    for (const secret of [sessionToken, s.ParticipantToken!, "Signature="]) assert.ok(!all.includes(secret), `${secret} is not in the log`);
  } finally {
    p.destroy();
    await srv.stop();
  }
});

test("pino's redaction covers tokens, passwords and secret keys inside logged objects", () => {
  const lines: LogLine[] = [];
  const log = captureLogger((l) => lines.push(l));
  log.info({ token: "t1", password: "p1", config: { server: { adminToken: "a1" }, storage: { password: "p2" } }, key: { secretAccessKey: "s1" }, headers: { authorization: "Bearer b1", "x-amz-bearer": "b2", "x-amz-security-token": "b3", accept: "*/*" } });
  const [line] = lines as any[];
  assert.equal(line.token, "[Redacted]");
  assert.equal(line.password, "[Redacted]");
  assert.equal(line.config.server.adminToken, "[Redacted]");
  assert.equal(line.config.storage.password, "[Redacted]");
  assert.equal(line.key.secretAccessKey, "[Redacted]");
  assert.deepEqual(line.headers, { authorization: "[Redacted]", "x-amz-bearer": "[Redacted]", "x-amz-security-token": "[Redacted]", accept: "*/*" });
  assert.ok(!/t1|p1|p2|a1|s1|b1|b2|b3/.test(JSON.stringify(line)));
});

test("a 500 is logged at error with its stack and the request id the client got", async () => {
  const lines: LogLine[] = [];
  const srv = await startServer({ log: (l) => lines.push(l) });
  try {
    const client = srv.connect();
    await client.send(sms("first"));
    await srv.app.store.close(); // the storage goes away under the server: every handler now fails inside
    const e: any = await client.send(sms("second")).then(() => assert.fail("must fail"), (x) => x);
    assert.equal(e.$metadata.httpStatusCode, 500);
    const line = lines.find((l) => l.requestId === e.$metadata.requestId) as any;
    assert.ok(line, JSON.stringify(lines));
    assert.equal(line.level, "error");
    assert.equal(line.operation, "SendChatIntegrationEvent");
    assert.equal(typeof line.err.message, "string");
    assert.match(line.err.stack, /\n\s+at /, "the stack is logged");
  } finally {
    await srv.stop();
  }
});

test("a client that hangs up in the middle of its body is logged as 499 at info (client-abort), not as a 500", async () => {
  const lines: LogLine[] = [];
  const srv = await startServer({ log: (l) => lines.push(l), logRequests: true });
  try {
    const socket = tcp(srv.port, "127.0.0.1");
    await new Promise((ok) => socket.once("connect", ok));
    // A configured key (the signature is never reached): the body is read, so the hang-up happens mid-body.
    const auth = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=00";
    socket.write(`POST /chat-integration-event HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"SourceId":`);
    await new Promise((ok) => setTimeout(ok, 50)); // the body has started arriving
    socket.destroy();
    for (let i = 0; i < 200 && !lines.some((l) => l.msg === "request"); i++) await new Promise((ok) => setTimeout(ok, 10));
    const access = lines.find((l) => l.msg === "request");
    assert.equal(access?.status, 499, JSON.stringify(lines));
    assert.equal(access?.operation, "SendChatIntegrationEvent");
    assert.deepEqual(lines.filter((l) => l.level === "error"), []);
    assert.ok(lines.some((l) => l.level === "info" && l.event === "client-abort" && l.requestId === access?.requestId), JSON.stringify(lines));
  } finally {
    await srv.stop();
  }
});
