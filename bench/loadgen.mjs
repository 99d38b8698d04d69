// Load generator, its own process (forked by scripts/bench.mjs, driven over IPC). Builds a pool of SigV4-signed
// requests for a scenario, then keeps N keep-alive connections busy with one request in flight each, over raw
// sockets (like wrk: node:http's client would cost more CPU than the servers it measures on a 2-core machine).
// Scenarios:
//   setup     MESSAGE once to each of `chats` sources (creates the chats of "existing"); runs to the end.
//   existing  MESSAGEs to those chats, 4 distinct bodies per chat, cycled for the duration.
//   new       MESSAGE from a distinct SourceId every request: each one creates a chat (to `destination` when given:
//             the flows section's destination with a flow). The pool is signed ahead
//             (about 0.1 ms a request), so the phase ends at the duration or when the pool runs out.
//   churn     each connection owns 32 sources and cycles MESSAGE, DISCONNECT per source: every other request
//             creates a chat, the other ends it. Needs no pool growth, so it can run for any duration.
import { Buffer } from "node:buffer";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { eventBody, percentile, signedRequest, sourceId } from "./lib.mjs";

const CRLFCRLF = Buffer.from("\r\n\r\n");

/** Per connection: an ordered list of { buf, expect } (expect: a substring the 200 body must contain). */
async function buildPool(host, sc, connections) {
  const lists = Array.from({ length: connections }, () => []);
  const date = new Date();
  const add = async (c, source, type, content, expect) =>
    lists[c % connections].push({ buf: await signedRequest(host, eventBody(source, type, content, sc.destination), date), expect });
  const t0 = performance.now();
  if (sc.kind === "setup") {
    for (let i = 0; i < sc.chats; i++) await add(i, sourceId(sc.prefix, i), "MESSAGE", "hello", '"NewChatCreated":true');
  } else if (sc.kind === "existing") {
    let n = 0;
    for (let k = 0; k < 4; k++)
      for (let i = 0; i < sc.chats; i++) await add(n++, sourceId(sc.prefix, i), "MESSAGE", `message ${k} to chat ${i}`, '"NewChatCreated":false');
  } else if (sc.kind === "new") {
    for (let i = 0; i < sc.count; i++) await add(i, sourceId(sc.prefix, sc.offset + i), "MESSAGE", "hello", '"NewChatCreated":true');
  } else if (sc.kind === "churn") {
    for (let c = 0; c < connections; c++)
      for (let j = 0; j < 32; j++) {
        const s = sourceId(sc.prefix, c * 32 + j);
        await add(c, s, "MESSAGE", "hello", '"NewChatCreated":true');
        await add(c, s, "DISCONNECT", undefined, '"NewChatCreated":false');
      }
  } else throw new Error(`unknown scenario ${sc.kind}`);
  return { lists, signMs: performance.now() - t0, size: lists.reduce((a, l) => a + l.length, 0) };
}

/**
 * Runs the pool: each connection sends its list in order (again from the start when `cycle`), one request in
 * flight. Latencies are recorded only after `warmupSeconds`. Ends at `seconds` or when every list is done.
 */
function run(ports, pool, { seconds, warmupSeconds = 0, cycle, checkBodies = true, onMeasuring }) {
  return new Promise((resolve, reject) => {
    const lat = [];
    // Several servers (nodes behind one database): connection c goes to ports[c % n]; latencies kept per port too.
    const byPort = new Map(ports.map((p) => [p, []]));
    const statuses = {};
    let errors = 0;
    let mismatches = 0;
    let sample;
    let measuring = warmupSeconds === 0;
    let measureStart = performance.now();
    let measureEnd;
    let stopped = false;
    let open = 0;
    const socks = [];
    const finish = () => {
      if (stopped) return;
      stopped = true;
      measureEnd ??= performance.now();
      clearTimeout(warmTimer);
      clearTimeout(endTimer);
      for (const s of socks) s.destroy();
      lat.sort((a, b) => a - b);
      const secs = (measureEnd - measureStart) / 1000;
      const perPort =
        ports.length > 1
          ? [...byPort].map(([port, l]) => (l.sort((a, b) => a - b), { port, requests: l.length, rps: l.length / secs, p50ms: percentile(l, 50), p99ms: percentile(l, 99) }))
          : undefined;
      resolve({
        requests: lat.length,
        seconds: secs,
        rps: lat.length / secs,
        p50ms: percentile(lat, 50),
        p90ms: percentile(lat, 90),
        p99ms: percentile(lat, 99),
        maxms: lat[lat.length - 1],
        statuses,
        errors,
        mismatches,
        sample,
        perPort,
      });
    };
    const warmTimer = setTimeout(() => {
      measuring = true;
      measureStart = performance.now();
      onMeasuring?.();
    }, warmupSeconds * 1000);
    if (warmupSeconds === 0) onMeasuring?.();
    const endTimer = setTimeout(() => {
      measureEnd = performance.now();
      finish();
    }, (warmupSeconds + seconds) * 1000);

    pool.lists.forEach((list, c) => {
      if (list.length === 0) return;
      let i = 0;
      let started = 0;
      let buf = Buffer.alloc(0);
      const port = ports[c % ports.length];
      const sock = connect({ host: "127.0.0.1", port, noDelay: true });
      socks.push(sock);
      open++;
      const send = () => {
        if (stopped) return;
        if (i >= list.length) {
          if (!cycle) {
            sock.end();
            if (--open === 0) finish();
            return;
          }
          i = 0;
        }
        started = performance.now();
        sock.write(list[i].buf);
      };
      sock.on("connect", send);
      sock.on("error", (e) => {
        if (!stopped) reject(new Error(`connection ${c}: ${e.message}`));
      });
      sock.on("data", (chunk) => {
        buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
        const end = buf.indexOf(CRLFCRLF);
        if (end < 0) return;
        const head = buf.toString("latin1", 0, end);
        const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        if (!m) {
          reject(new Error(`connection ${c}: response without content-length: ${head.slice(0, 200)}`));
          return;
        }
        const total = end + 4 + Number(m[1]);
        if (buf.length < total) return;
        const ms = performance.now() - started;
        const status = head.slice(9, 12);
        const body = buf.toString("utf8", end + 4, total);
        buf = buf.length > total ? buf.subarray(total) : Buffer.alloc(0);
        if (measuring) {
          lat.push(ms);
          byPort.get(port).push(ms);
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status !== "200") {
            errors++;
            sample ??= `${status} ${body.slice(0, 300)}`;
          } else if (checkBodies && list[i].expect && !body.includes(list[i].expect)) {
            mismatches++;
            sample ??= `200 ${body.slice(0, 300)} (expected ${list[i].expect})`;
          }
        }
        i++;
        send();
      });
    });
  });
}

process.on("message", async (msg) => {
  try {
    const host = `127.0.0.1:${msg.port}`;
    const pool = await buildPool(host, msg.scenario, msg.connections);
    const r = await run(msg.ports ?? [msg.port], pool, { ...msg, onMeasuring: () => process.send({ type: "measuring", id: msg.id }) });
    process.send({ type: "result", id: msg.id, result: { ...r, poolSize: pool.size, signMs: pool.signMs } });
  } catch (e) {
    process.send({ type: "error", id: msg.id, error: String(e?.stack ?? e) });
  }
});
process.on("disconnect", () => process.exit(0));
await sleep(0);
