// Process lifecycle of the real binary (issue 19 items 6 and 10): SIGTERM drains — readiness (/readyz) turns
// false, idle keep-alive connections close at once, answers in flight say Connection: close and reach their
// clients whole, and whatever is still open at server.shutdownGraceMs is cut so the process exits; a second
// signal exits at once; a port in use is a one-line `connect-chat:` message, not a Node stack.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEST, testConfig } from "../support/server.js";
import { BIN, serve, writeConfig, type Served } from "./process.js";
import { RawConn, assertAwsError, hasAnswers, requestBytes, signHeaders } from "./support.js";
import { startServer } from "../support/server.js";

const keepAlive = (b: Buffer) => Buffer.from(b.toString("latin1").replace("Connection: close\r\n", ""), "latin1");
const healthz = keepAlive(requestBytes("GET", "/healthz", [["Host", "127.0.0.1"]]));

function start(server: Record<string, unknown>): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), "cc-shutdown-"));
  return serve(["--config", writeConfig(dir, testConfig({ server })), "--database-url", `sqlite:${join(dir, "db.sqlite")}`]);
}

/** Resolves when the child's stderr has a line matching `re`; rejects after timeoutMs (a hang) or on exit. */
async function stderrLine(s: Served, re: RegExp, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!re.test(s.stderr())) {
    if (Date.now() > deadline) throw new Error(`no ${re} on stderr within ${timeoutMs} ms: ${s.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The exit, or a failure if the process is still running after timeoutMs (the drain hangs). */
async function exitWithin(s: Served, timeoutMs: number) {
  let t: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, fail) => (t = setTimeout(() => fail(new Error(`still running ${timeoutMs} ms after the signal: ${s.stderr()}`)), timeoutMs)));
  try {
    return await Promise.race([s.exited, hang]);
  } finally {
    clearTimeout(t);
    s.child.kill("SIGKILL");
  }
}

/** A keep-alive connection that has had one answer and is idle. */
async function idleKeepAlive(port: number): Promise<RawConn> {
  const c = await RawConn.open(port);
  c.write(healthz);
  await c.until(hasAnswers(1));
  assert.equal(c.answers()[0].headers.connection, "keep-alive");
  return c;
}

test("/healthz and /readyz answer without authentication; other methods are refused in the AWS shape", async () => {
  const srv = await startServer();
  try {
    for (const [path, status] of [["/healthz", "ok"], ["/readyz", "ready"]] as const) {
      const r = await fetch(`${srv.url}${path}`);
      assert.equal(r.status, 200);
      assert.deepEqual(await r.json(), { status });
    }
    const c = await RawConn.open(srv.port);
    c.write(requestBytes("POST", "/readyz", [["Host", "x"], ["Content-Length", "0"]]));
    await c.until(hasAnswers(1));
    assertAwsError(c.answers()[0], 405, "MethodNotAllowedException");
  } finally {
    await srv.stop();
  }
});

/** A signed event whose head went out with Expect: 100-continue and was taken up (100 Continue came back). */
async function eventUnderWay(port: number, i: number): Promise<{ c: RawConn; last: string }> {
  const body = JSON.stringify({ SourceId: `+1415555${String(1000 + i).padStart(4, "0")}`, DestinationId: DEST, Event: { Type: "MESSAGE", ContentType: "text/plain", Content: `drain ${i}` } });
  const h = await signHeaders(port, { path: "/chat-integration-event", body });
  const c = await idleKeepAlive(port);
  c.write(keepAlive(requestBytes("POST", "/chat-integration-event", [...Object.entries(h).filter(([k]) => k !== "content-length"), ["Content-Length", String(body.length)], ["Expect", "100-continue"]])));
  await c.until((t) => t.includes("100 Continue"));
  c.write(body.slice(0, -1));
  return { c, last: body.slice(-1) };
}

const realAnswers = (c: RawConn) => c.answers().filter((a) => a.status !== 100);

test("SIGTERM drains: readiness false, idle connections closed at once, 64 answers in flight whole with Connection: close, the rest cut at the deadline", async () => {
  const s = await start({ shutdownGraceMs: 3000 });
  const idle = await Promise.all(Array.from({ length: 8 }, () => idleKeepAlive(s.port)));
  // 64 keep-alive clients, each with a request under way (its body short of one byte) when the signal comes;
  // one more that will never finish its body.
  const clients = await Promise.all(Array.from({ length: 64 }, (_, i) => eventUnderWay(s.port, i)));
  const stuck = await eventUnderWay(s.port, 99);

  s.child.kill("SIGTERM");
  await stderrLine(s, /"event":"draining"/);
  // Idle connections are closed without waiting for the others.
  await Promise.all(idle.map((c) => c.until(() => false).catch((e) => assert.fail(`an idle connection stayed open during the drain: ${e}`))));
  assert.ok(clients.every(({ c }) => !c.isClosed) && !stuck.c.isClosed, "connections with a request under way are not cut");

  // Half the clients pipeline a readiness probe behind their last byte: it says 503 draining, and it (the last
  // answer on the connection) carries Connection: close instead of the answer before it.
  for (const [i, { c, last }] of clients.entries()) c.write(i % 2 === 0 ? last + "GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" : last);
  await Promise.all(clients.map(({ c }) => c.closed));
  let probes = 0;
  for (const [i, { c }] of clients.entries()) {
    const answers = realAnswers(c);
    assert.ok(answers.length >= 2, `client ${i}: ${c.text.slice(-400)}`);
    assert.equal(answers[1].status, 200, `client ${i}: ${answers[1].body}`);
    assert.match(answers[1].json.InitialContactId, /^[0-9a-f-]{36}$/);
    const lastAnswer = answers[answers.length - 1];
    assert.equal(lastAnswer.headers.connection, "close", `client ${i}`);
    if (answers.length === 3) {
      probes++;
      assert.deepEqual([lastAnswer.status, lastAnswer.json], [503, { status: "draining" }]);
      assert.equal(answers[1].headers.connection, "keep-alive");
    }
  }
  assert.ok(probes > 0, "readiness probes during the drain were answered");

  // The unfinished request holds nothing up past the deadline.
  const exit = await exitWithin(s, 30_000);
  assert.deepEqual(exit, { code: 0, signal: null }, s.stderr());
  await stuck.c.closed;
  assert.match(s.stderr(), /"event":"drain-deadline"/);
});

test("a second SIGTERM exits at once, whatever the drain still waits for", async () => {
  const s = await start({ shutdownGraceMs: 600_000 });
  const stuck = await RawConn.open(s.port);
  stuck.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  s.child.kill("SIGTERM");
  await stderrLine(s, /"event":"draining"/);
  s.child.kill("SIGTERM");
  const exit = await exitWithin(s, 30_000);
  assert.deepEqual(exit, { code: 143, signal: null }, s.stderr());
  assert.match(s.stderr(), /connect-chat: SIGTERM again, exiting without waiting/);
});

test("a port already in use: a connect-chat: message naming the address and what to do, exit 1, no stack", async () => {
  const taken = createServer();
  await new Promise<void>((ok) => taken.listen(0, "127.0.0.1", ok));
  const port = (taken.address() as { port: number }).port;
  try {
    const dir = mkdtempSync(join(tmpdir(), "cc-inuse-"));
    const r = spawnSync(process.execPath, [BIN, "serve", "--config", writeConfig(dir, testConfig()), "--database-url", `sqlite:${join(dir, "db.sqlite")}`, "--port", String(port)], { encoding: "utf8", timeout: 30_000 });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, new RegExp(`^connect-chat: cannot listen on 127\\.0\\.0\\.1:${port}: the address is already in use .*--port`));
    assert.doesNotMatch(r.stderr, /\n\s+at |node:internal|Error:/);
  } finally {
    taken.close();
  }
});
