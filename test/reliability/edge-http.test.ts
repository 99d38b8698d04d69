// HTTP details at the edge (issue 19 item 8): only `Upgrade: websocket` on the hub's path leaves HTTP — h2c
// upgrades (curl --http2, Java's HttpClient) and upgrades elsewhere are served as plain HTTP/1.1; a pipelined
// request that fails to parse is answered after the answers before it (whose 200 must reach the client); a client
// that goes away mid-request is logged as an abort, not as a 500 with a stack.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { DescribeContactCommand, SendChatIntegrationEventCommand } from "@aws-sdk/client-connect";
import { DEST, INSTANCE, startServer, type Running } from "../support/server.js";
import { RawConn, hasAnswers, requestBytes, signHeaders } from "./support.js";

let srv: Running;
let contactId: string;
const logs: Record<string, unknown>[] = [];
const H2C: [string, string][] = [["Connection", "Upgrade, HTTP2-Settings"], ["Upgrade", "h2c"], ["HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA"]];

before(async () => {
  srv = await startServer({ log: (l) => logs.push(l) });
  const r = await srv.connect().send(new SendChatIntegrationEventCommand({ SourceId: "+14155550199", DestinationId: DEST, Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "hi" } }));
  contactId = r.InitialContactId!;
});
after(() => srv.stop());

const keepAlive = (b: Buffer) => Buffer.from(b.toString("latin1").replace("Connection: close\r\n", ""), "latin1");

async function describeBytes(extra: [string, string][]): Promise<Buffer> {
  const path = `/contacts/${INSTANCE}/${contactId}`;
  const h = await signHeaders(srv.port, { method: "GET", path, body: "" });
  return keepAlive(requestBytes("GET", path, [...Object.entries(h), ...extra]));
}

test("a request with Upgrade: h2c is served as HTTP/1.1, and the connection stays usable", async () => {
  const c = await RawConn.open(srv.port);
  c.write(await describeBytes(H2C));
  await c.until(hasAnswers(1));
  c.write(await describeBytes([]));
  await c.until(hasAnswers(2));
  const [a, b] = c.answers();
  assert.equal(a.status, 200, a.body);
  assert.equal(a.json.Contact.Id, contactId);
  assert.equal(b.status, 200, b.body);
  c.socket.destroy();
});

test("a POST with a body and Upgrade: h2c reaches the operation with its body intact", async () => {
  const body = JSON.stringify({ SourceId: "+14155550198", DestinationId: DEST, Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "h2c body" } });
  const h = await signHeaders(srv.port, { path: "/chat-integration-event", body });
  const c = await RawConn.open(srv.port);
  c.write(requestBytes("POST", "/chat-integration-event", [...Object.entries(h).filter(([k]) => k !== "content-length"), ["Content-Length", String(body.length)], ...H2C], body));
  await c.until(hasAnswers(1));
  const [a] = c.answers();
  assert.equal(a.status, 200, a.body);
  assert.equal(a.json.NewChatCreated, true);
});

test("Upgrade: websocket on a path other than the hub's is plain HTTP too", async () => {
  const c = await RawConn.open(srv.port);
  c.write(await describeBytes([["Connection", "Upgrade"], ["Upgrade", "websocket"], ["Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="], ["Sec-WebSocket-Version", "13"]]));
  await c.until(hasAnswers(1));
  assert.equal(c.answers()[0].status, 200, c.text.slice(0, 300));
});

test("the AWS SDK with an h2c upgrade header on every request (as curl --http2 and Java's HttpClient send) works", async () => {
  const client = srv.connect();
  client.middlewareStack.add(
    (next) => async (args: any) => {
      Object.assign(args.request.headers, { connection: "Upgrade, HTTP2-Settings", upgrade: "h2c", "http2-settings": "AAMAAABkAARAAAAAAAIAAAAA" });
      return next(args);
    },
    { step: "finalizeRequest", name: "h2cUpgrade" },
  );
  for (let i = 0; i < 3; i++) {
    const d = await client.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: contactId }));
    assert.equal(d.Contact?.Id, contactId);
  }
  // node:http's own client, asking for h2c: an HTTP/1.1 200, not a 403 and not a switch.
  const status = await new Promise<number>((ok, fail) =>
    httpRequest({ port: srv.port, host: "127.0.0.1", path: "/healthz", headers: { Connection: "Upgrade, HTTP2-Settings", Upgrade: "h2c", "HTTP2-Settings": "AAMAAABkAARAAAAAAAIAAAAA" } }, (res) => {
      res.resume();
      ok(res.statusCode!);
    }).on("error", fail).end(),
  );
  assert.equal(status, 200);
});

test("a pipelined request that cannot be parsed is answered after the committed 200 before it, in order", async () => {
  for (const garbage of ["GARBAGE\r\n\r\n", "GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n", "\u0000\u0001\u0002 nonsense"]) {
    const body = JSON.stringify({ SourceId: "+14155550197", DestinationId: DEST, Event: { Type: "MESSAGE", ContentType: "text/plain", Content: `before ${JSON.stringify(garbage)}` } });
    const h = await signHeaders(srv.port, { path: "/chat-integration-event", body });
    const first = keepAlive(requestBytes("POST", "/chat-integration-event", [...Object.entries(h).filter(([k]) => k !== "content-length"), ["Content-Length", String(body.length)]], body));
    const c = await RawConn.open(srv.port);
    c.write(Buffer.concat([first, Buffer.from(garbage, "latin1")]));
    await c.until(hasAnswers(2));
    const [a, b] = c.answers();
    assert.equal(a.status, 200, `first answer: ${c.text.slice(0, 400)}`);
    assert.match(a.json.InitialContactId, /^[0-9a-f-]{36}$/);
    assert.equal(b.status, 400, b.body);
    assert.equal(b.headers["x-amzn-errortype"], "BadRequestException");
    await c.closed;
  }
});

test("a client that resets mid-body is logged as an abort (info, no stack), not as a 500", async () => {
  const body = "{" + " ".repeat(4000) + "}";
  const h = await signHeaders(srv.port, { path: "/chat-integration-event", body });
  const c = await RawConn.open(srv.port);
  // node:http says 100 Continue as it hands the request to the handler: from then on the server reads the body.
  c.write(requestBytes("POST", "/chat-integration-event", [...Object.entries(h).filter(([k]) => k !== "content-length"), ["Content-Length", String(body.length)], ["Expect", "100-continue"]]));
  await c.until((t) => t.includes("100 Continue"));
  c.write(body.slice(0, 100));
  c.reset();
  let line: Record<string, unknown> | undefined;
  for (let i = 0; i < 500 && !(line = logs.find((l) => l.event === "client-abort")); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(line, `an abort line; got ${JSON.stringify(logs)}`);
  assert.equal(line.level, "info");
  assert.equal(line.operation, "SendChatIntegrationEvent");
  assert.doesNotMatch(JSON.stringify(line), /\bat .*\.[tj]s:\d+/);
  assert.deepEqual(logs.filter((l) => l.level === "error"), []);
  assert.equal(srv.app.bodyBudget.used, 0, "the aborted request's bytes are given back");
});
