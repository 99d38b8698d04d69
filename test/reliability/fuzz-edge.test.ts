// Property-based fuzzing of the connection edge: several connections at once, each writing a random sequence of
// fragments (valid signed requests, WebSocket upgrades with good and bad tokens, h2c upgrades, Expect: 100-continue
// heads, partial heads and bodies, garbage), cut at random byte offsets, then ending in a reset, a half-close or a
// plain close. Afterwards the server answers, no connection is left open, the body budget is back to zero and
// nothing stored changed. The server runs in this process: an unhandled socket error would end the run.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { CreateParticipantConnectionCommand } from "@aws-sdk/client-connectparticipant";
import { INSTANCE } from "../support/server.js";
import { seededServer, type Seeded } from "./seed.js";
import { RawConn, fuzzSeed, requestBytes, runs, signHeaders, snapshot } from "./support.js";

let s: Seeded;
let before0: ReturnType<typeof snapshot>;
let fragments: Buffer[];
const seed = fuzzSeed("fuzz-edge");
let total = 0;
/** The seeding clients' own keep-alive connections, open throughout. */
let baseline = 0;

const ws = (path: string): Buffer =>
  requestBytes("GET", path, [["Host", "127.0.0.1"], ["Upgrade", "websocket"], ["Connection", "Upgrade"], ["Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="], ["Sec-WebSocket-Version", "13"]]);
const keepAlive = (b: Buffer) => Buffer.from(b.toString("latin1").replace("Connection: close\r\n", ""), "latin1");

before(async () => {
  s = await seededServer();
  const c = await s.p.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.participantToken, Type: ["WEBSOCKET"] }));
  const wsUrl = new URL(c.Websocket!.Url!);
  const path = `/contacts/${INSTANCE}/${s.smsContactId}`;
  const describe = keepAlive(requestBytes("GET", path, Object.entries(await signHeaders(s.srv.port, { method: "GET", path, body: "" }))));
  const body = '{"ContentType":"text/plain"}';
  const transcript = keepAlive(requestBytes("POST", "/participant/transcript", [["Host", "127.0.0.1"], ["X-Amz-Bearer", s.connectionToken], ["Content-Length", String(body.length)]], body));
  fragments = [
    describe,
    transcript,
    ws(wsUrl.pathname + wsUrl.search),
    ws("/connect/chat?token=wrong"),
    ws("/healthz"),
    keepAlive(requestBytes("GET", "/readyz", [["Host", "127.0.0.1"], ["Connection", "Upgrade, HTTP2-Settings"], ["Upgrade", "h2c"], ["HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA"]])),
    keepAlive(requestBytes("POST", "/chat-integration-event", [["Host", "127.0.0.1"], ["Content-Length", "1048576"], ["Expect", "100-continue"]])),
    keepAlive(requestBytes("POST", "/participant/message", [["Host", "127.0.0.1"], ["X-Amz-Bearer", "nope"], ["Transfer-Encoding", "chunked"]])),
    Buffer.from("5\r\nhello\r\n0\r\n\r\n"),
    Buffer.from("GARBAGE\r\n\r\n"),
    Buffer.from("CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
    Buffer.alloc(70_000, 0x7b),
  ];
  before0 = snapshot(s.srv.dbPath);
  baseline = s.srv.app.edge.connections;
});
after(async () => {
  console.log(`# fuzz-edge: ${total} fuzzed connections`);
  await s.stop();
});

const piece = fc.oneof(
  fc.record({ i: fc.nat(), cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }) }),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({ bytes })),
);
const connection = fc.record({
  pieces: fc.array(piece, { minLength: 0, maxLength: 5 }),
  // Wait for some answer bytes before the ending (so resets also land mid-answer and on open WebSockets).
  awaitData: fc.boolean(),
  ending: fc.constantFrom("reset", "reset", "half-close", "close"),
});

function bytesOf(p: { i: number; cut?: number } | { bytes: Uint8Array }): Buffer {
  if ("bytes" in p) return Buffer.from(p.bytes);
  const f = fragments[p.i % fragments.length];
  return p.cut === undefined ? f : f.subarray(0, Math.floor(f.length * p.cut));
}

type Steps = typeof connection extends fc.Arbitrary<infer T> ? T : never;

async function play(steps: Steps) {
  total++;
  const c = await RawConn.open(s.srv.port);
  for (const p of steps.pieces) {
    if (c.isClosed) break;
    c.write(bytesOf(p));
    await new Promise((r) => setImmediate(r));
  }
  if (steps.awaitData) await c.until((t) => t.length > 0, 300).catch(() => undefined);
  if (steps.ending === "reset") c.reset();
  else if (steps.ending === "half-close") c.socket.end();
  else c.socket.destroy();
  if (steps.ending === "half-close") {
    // The server must close a half-closed connection on its own (it answers what it can first).
    await c.until(() => false, 10_000).catch((e) => assert.fail(`a half-closed connection was left open: ${e}`));
    c.socket.destroy();
  }
}

async function settled() {
  for (let i = 0; i < 1000 && (s.srv.app.edge.connections > baseline || s.srv.app.bodyBudget.used > 0); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(s.srv.app.edge.connections <= baseline, `${s.srv.app.edge.connections - baseline} connections left open`);
  assert.equal(s.srv.app.bodyBudget.used, 0, "body bytes still counted");
}

test("random connections cut at random points never stop the server, leak a socket or change data", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(connection, { minLength: 1, maxLength: 6 }), async (conns) => {
      await Promise.all(conns.map(play));
      await settled();
    }),
    { seed, numRuns: runs(40) },
  );
  await s.healthy();
  assert.deepEqual(snapshot(s.srv.dbPath), before0, "stored data changed");
});
