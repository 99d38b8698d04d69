// Connections reset (RST) at every stage a socket passes through — before a byte, mid-head, during a WebSocket
// upgrade (refused or accepted), during an h2c upgrade, mid-body, mid-answer, between pipelined answers — must
// never stop the server (issue 19 item 0: an unhandled ECONNRESET on an upgrade socket ended the process). The
// server runs in this process: an unhandled 'error' would end the test run itself.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { CreateParticipantConnectionCommand } from "@aws-sdk/client-connectparticipant";
import { INSTANCE } from "../support/server.js";
import { seededServer, type Seeded } from "./seed.js";
import { RawConn, requestBytes, signHeaders, snapshot } from "./support.js";

let s: Seeded;
let before0: ReturnType<typeof snapshot>;
let wsPath: string;
const ROUNDS = 25;

before(async () => {
  s = await seededServer();
  const c = await s.p.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.participantToken, Type: ["WEBSOCKET"] }));
  wsPath = new URL(c.Websocket!.Url!).pathname + new URL(c.Websocket!.Url!).search;
  before0 = snapshot(s.srv.dbPath);
});
after(() => s.stop());

const wsHeaders = (): [string, string][] => [
  ["Host", "127.0.0.1"], ["Upgrade", "websocket"], ["Connection", "Upgrade"], ["Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="], ["Sec-WebSocket-Version", "13"],
];
const keepAlive = (b: Buffer) => Buffer.from(b.toString("latin1").replace("Connection: close\r\n", ""), "latin1");

/** Opens ROUNDS connections, lets `stage` bring each to its point, resets it there, then proves the server answers. */
async function resetsAt(what: string, stage: (c: RawConn, i: number) => Promise<void> | void) {
  const conns: RawConn[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const c = await RawConn.open(s.srv.port);
    conns.push(c);
    await stage(c, i);
    c.reset();
  }
  await Promise.all(conns.map((c) => c.closed));
  await s.healthy().catch((e) => assert.fail(`after resets ${what}: ${e}`));
}

test("resets before any byte and in the middle of a request head", async () => {
  await resetsAt("before any byte", () => {});
  await resetsAt("mid-head", (c, i) => c.write(`GET /connect/chat?token=x HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgr`.slice(0, 10 + i)));
});

test("resets during a refused WebSocket upgrade: right after the request, and once the refusal starts", async () => {
  // The request and the RST leave together: the server meets the reset while it checks the token.
  await resetsAt("during the token check", (c) => c.write(requestBytes("GET", "/connect/chat?token=wrong", wsHeaders())));
  await resetsAt("during the refusal", async (c) => {
    c.write(requestBytes("GET", "/connect/chat?token=wrong", wsHeaders()));
    await c.until((t) => t.length > 0);
  });
});

test("resets during an accepted WebSocket upgrade, and once the socket is open", async () => {
  await resetsAt("during the handshake", (c) => c.write(requestBytes("GET", wsPath, wsHeaders())));
  await resetsAt("on the open socket", async (c) => {
    c.write(requestBytes("GET", wsPath, wsHeaders()));
    await c.until((t) => t.includes("\r\n\r\n"));
    assert.match(c.text, /^HTTP\/1\.1 101 /);
  });
});

test("resets during an h2c upgrade request (served as HTTP/1.1), before and after its answer starts", async () => {
  const h2c: [string, string][] = [["Host", "127.0.0.1"], ["Connection", "Upgrade, HTTP2-Settings"], ["Upgrade", "h2c"], ["HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA"]];
  await resetsAt("with the request", (c) => c.write(requestBytes("GET", "/healthz", h2c)));
  await resetsAt("after the answer", async (c) => {
    c.write(keepAlive(requestBytes("GET", "/healthz", h2c)));
    await c.until((t) => t.includes("\r\n\r\n"));
  });
});

test("resets mid-body of a signed request and while pipelined answers are being written", async () => {
  const body = JSON.stringify({ SourceId: "+14155550100", DestinationId: "d", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "x".repeat(5000) } });
  const h = await signHeaders(s.srv.port, { path: "/chat-integration-event", body });
  const head = requestBytes("POST", "/chat-integration-event", [...Object.entries(h).filter(([k]) => k !== "content-length"), ["Content-Length", String(body.length)]]);
  await resetsAt("mid-body", (c, i) => c.write(Buffer.concat([head, Buffer.from(body.slice(0, 100 * i))])));

  const path = `/contacts/${INSTANCE}/${s.smsContactId}`;
  const d = await signHeaders(s.srv.port, { method: "GET", path, body: "" });
  const one = keepAlive(requestBytes("GET", path, Object.entries(d)));
  await resetsAt("between pipelined answers", async (c) => {
    c.write(Buffer.concat(Array.from({ length: 50 }, () => one)));
    await c.until((t) => t.includes("\r\n\r\n"));
  });
});

test("resets while a large static file is being sent", async () => {
  const js = readdirSync(new URL("../../dist/console/assets/", import.meta.url)).find((f) => f.endsWith(".js") && f.startsWith("index-"));
  assert.ok(js, "the console is built (npm run build)");
  await resetsAt("mid-answer", async (c) => {
    c.write(requestBytes("GET", `/console/assets/${js}`, [["Host", "127.0.0.1"]]));
    await c.until((t) => t.length > 1000);
  });
  assert.deepEqual(snapshot(s.srv.dbPath), before0, "stored data changed");
});
