// WebSocket participants, a load generator process of its own (forked by bench/websockets.mjs, driven over IPC).
// setup: creates its share of chats through the public APIs and connects two participants to each, chatjs style
//   - even chats are web chats: StartChatContact (customer) + CreateParticipant AGENT;
//   - odd chats are SMS chats: SendChatIntegrationEvent creates them, then CreateParticipant AGENT and CUSTOM_BOT;
//   each participant: CreateParticipantConnection (WEBSOCKET + CONNECTION_CREDENTIALS), a `ws` socket on the URL,
//   aws/subscribe to aws/chat; then, like chatjs, aws/ping + aws/heartbeat every `heartbeatSeconds` per socket.
// run: sends messages at a steady rate (open loop, to random chats of its share): SendMessage from one side of a
//   web chat, SendChatIntegrationEvent MESSAGE to an SMS chat. A message's Content carries a tag; push latency is
//   the time from writing the request to the frame with that tag arriving on each *other* participant's socket.
import { Agent, request } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import { INSTANCE, eventBody, signedHeaders, sourceId } from "./lib.mjs";

let port;
let host;
const agent = new Agent({ keepAlive: true, maxSockets: 32 });
const chats = []; // { kind, id, members: [{ token, ws }] }
let heartbeatTimer;
const pending = new Map(); // tag → { t0, left, counted, ackAt }
let onPushLatency = () => {};

/** One JSON request; resolves with the parsed body of a 200, rejects with the status and body otherwise. */
function call(method, path, body, headers) {
  return new Promise((ok, fail) => {
    const data = JSON.stringify(body);
    const req = request({ host: "127.0.0.1", port, method, path, agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data), ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => (res.statusCode === 200 ? ok(text ? JSON.parse(text) : {}) : fail(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 300)}`))));
    });
    req.on("error", fail);
    req.end(data);
  });
}
const signed = async (method, path, body) => call(method, path, body, await signedHeaders(host, method, path, JSON.stringify(body)));
const bearer = (path, token, body) => call("POST", path, body, { "x-amz-bearer": token });

/** A frame on the socket of member `me` of its chat (0 or 1); the sender's own echo is not counted. */
function onFrame(data, me) {
  const text = data.toString();
  if (!text.startsWith('{"topic":"aws/chat"')) return; // acks and heartbeats; the hub writes topic first
  const t = performance.now();
  const content = JSON.parse(JSON.parse(text).content);
  const m = /^bench (\S+) from (-?\d)/.exec(content.Content ?? "");
  if (!m || Number(m[2]) === me) return; // set-up traffic, or the sender's own echo
  const p = pending.get(m[1]);
  if (!p) return;
  if (p.counted) onPushLatency(t - p.t0, p.ackAt === undefined ? undefined : t - p.ackAt);
  if (--p.left === 0) pending.delete(m[1]);
}

/** Opens the socket and subscribes; resolves once the subscribe is acknowledged. */
function openSocket(url, me) {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once("error", fail);
    ws.once("unexpected-response", (_q, res) => fail(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once("open", () => {
      ws.once("message", (d) => {
        if (!String(d).includes('"aws/subscribe"')) return fail(new Error(`expected the subscribe ack, got ${d}`));
        ws.on("message", (d) => onFrame(d, me));
        ok(ws);
      });
      ws.send(JSON.stringify({ topic: "aws/subscribe", content: { topics: ["aws/chat"] } }));
    });
  });
}

async function member(participantToken, me) {
  const c = await bearer("/participant/connection", participantToken, { Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] });
  const ws = await openSocket(c.Websocket.Url, me);
  return { token: c.ConnectionCredentials.ConnectionToken, ws };
}

async function addParticipant(contactId, role, me) {
  const r = await signed("POST", "/contact/create-participant", { InstanceId: INSTANCE, ContactId: contactId, ParticipantDetails: { ParticipantRole: role, DisplayName: role } });
  return member(r.ParticipantCredentials.ParticipantToken, me);
}

async function setupChat(i, prefix) {
  if (i % 2 === 0) {
    const s = await signed("PUT", "/contact/chat", { InstanceId: INSTANCE, ContactFlowId: "bench-flow", ParticipantDetails: { DisplayName: `web ${i}` } });
    const customer = await member(s.ParticipantToken, 0);
    return { kind: "web", id: s.ContactId, members: [customer, await addParticipant(s.ContactId, "AGENT", 1)] };
  }
  const source = sourceId(prefix, i);
  const e = await signed("POST", "/chat-integration-event", JSON.parse(eventBody(source, "MESSAGE", `start ${i}`)));
  const members = [await addParticipant(e.InitialContactId, "AGENT", 0), await addParticipant(e.InitialContactId, "CUSTOM_BOT", 1)];
  return { kind: "sms", id: e.InitialContactId, source, members };
}

async function setup({ from, to, prefix, concurrency, heartbeatSeconds }) {
  const t0 = performance.now();
  let next = from;
  const worker = async () => {
    while (next < to) chats.push(await setupChat(next++, prefix));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const sockets = chats.reduce((n, c) => n + c.members.length, 0);
  clearInterval(heartbeatTimer);
  if (heartbeatSeconds > 0) {
    // chatjs sends aws/ping and aws/heartbeat every 10 s on each socket; spread over 100 ms ticks.
    const all = chats.flatMap((c) => c.members.map((m) => m.ws));
    const ticks = heartbeatSeconds * 10;
    let tick = 0;
    heartbeatTimer = setInterval(() => {
      for (let k = tick; k < all.length; k += ticks) {
        all[k].send('{"topic":"aws/ping"}');
        all[k].send('{"topic":"aws/heartbeat"}');
      }
      tick = (tick + 1) % ticks;
    }, 100);
  }
  return { chats: chats.length, sockets, setupSeconds: (performance.now() - t0) / 1000 };
}

async function send(tag, chat, seq, counted) {
  if (chat.kind === "web") {
    const from = chat.members[seq % 2];
    const content = `bench ${tag} from ${seq % 2}`;
    pending.set(tag, { t0: performance.now(), left: 1, counted });
    await bearer("/participant/message", from.token, { ContentType: "text/plain", Content: content });
  } else {
    const content = `bench ${tag} from -1`;
    pending.set(tag, { t0: performance.now(), left: 2, counted });
    await signed("POST", "/chat-integration-event", JSON.parse(eventBody(chat.source, "MESSAGE", content)));
  }
}

async function run({ rate, seconds, warmup, worker }) {
  const push = [];
  const ack = [];
  let measuring = false;
  let sent = 0;
  let errors = 0;
  let sample;
  let expected = 0;
  let received = 0;
  const afterAck = []; // frame arrival − acknowledgement, when the ack came first (else the push beat the ack)
  let beforeAck = 0;
  onPushLatency = (ms, sinceAck) => {
    received++;
    push.push(ms);
    if (sinceAck === undefined) beforeAck++;
    else afterAck.push(sinceAck);
  };
  // How late this process's own timers run: on a shared machine, part of any latency measured here is ours.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const inFlight = new Set();
  let seq = 0;
  let owed = 0;
  const t0 = performance.now();
  let last = t0;
  const warm = setTimeout(() => {
    measuring = true;
    loop.enable();
  }, warmup * 1000);
  await new Promise((done) => {
    const timer = setInterval(() => {
      const now = performance.now();
      owed += ((now - last) / 1000) * rate;
      last = now;
      for (; owed >= 1; owed--) {
        const chat = chats[Math.floor(Math.random() * chats.length)];
        const n = seq++;
        const tag = `${worker}.${n}`;
        const counted = measuring;
        if (counted) {
          sent++;
          expected += chat.kind === "web" ? 1 : 2;
        }
        const s0 = performance.now();
        const p = send(tag, chat, n, counted).then(
          () => {
            const q = pending.get(tag);
            if (q) q.ackAt = performance.now();
            if (counted) ack.push(performance.now() - s0);
          },
          (e) => {
            errors++;
            sample ??= String(e.message);
          },
        );
        inFlight.add(p);
        p.finally(() => inFlight.delete(p));
      }
      if (now - t0 >= (warmup + seconds) * 1000) {
        clearInterval(timer);
        done();
      }
    }, 10);
  });
  clearTimeout(warm);
  await Promise.all(inFlight);
  await sleep(1000); // pushes still on their way
  loop.disable();
  const missing = expected - received;
  return {
    sent, errors, sample, expectedPushes: expected, receivedPushes: received, missing, push, ack, afterAck, beforeAck,
    loopDelayP99ms: loop.percentile(99) / 1e6, loopDelayMaxMs: loop.max / 1e6,
  };
}

process.on("message", async (msg) => {
  try {
    if (msg.type === "setup") {
      port = msg.port;
      host = `127.0.0.1:${port}`;
      process.send({ type: "ready", result: await setup(msg) });
    } else if (msg.type === "run") {
      process.send({ type: "result", result: await run(msg) });
    } else if (msg.type === "close") {
      clearInterval(heartbeatTimer);
      for (const c of chats) for (const m of c.members) m.ws.terminate();
      agent.destroy();
      process.send({ type: "closed" });
    }
  } catch (e) {
    process.send({ type: "error", error: String(e?.stack ?? e) });
  }
});
process.on("disconnect", () => process.exit(0));
