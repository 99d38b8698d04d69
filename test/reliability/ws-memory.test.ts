// Memory under readers that stop (issue 19): 100 sockets opened with one connection URL subscribe and then stop
// reading while an agent sends messages of 48 KB frames into the chat. The real server runs as a child process and its RSS is
// read from /proc/<pid>/status: it must stay bounded while the messages flow (slow readers are closed, a participant
// holds at most 10 sockets) and be back near where it started once the clients are gone. Bounded loops only: the
// sending stops early if the server has already grown past the bound.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ConnectClient, CreateParticipantCommand, StartChatContactCommand } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, SendMessageCommand } from "@aws-sdk/client-connectparticipant";
import { INSTANCE, KEY, REGION, testConfig } from "../support/server.js";
import { participantClient } from "../support/participant.js";
import { stalledSocket, type Stalled } from "../support/raw-ws.js";
import { serve, writeConfig } from "./process.js";

const SOCKETS = 100;
// × ~48 KB frames = 96 MB for each socket that stays (the kernel holds a few MB of it). A chat's sockets share
// one frame per item, so a server that keeps what it cannot send grows by a frame per message (~90 KB measured).
const MESSAGES = 2000;
const GROWTH_BOUND_MIB = 80;
const RETURN_BOUND_MIB = 60;

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

test(`${SOCKETS} sockets of one connection URL that stop reading: server RSS stays bounded while 48 KB frames are pushed, and returns after`, async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-wsmem-"));
  const server = await serve(["--config", writeConfig(dir, testConfig()), "--database-url", `sqlite:${join(dir, "db.sqlite")}`]);
  const pid = server.child.pid!;
  const connect = new ConnectClient({ endpoint: server.url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
  const p = participantClient(server.url);
  const sockets: Stalled[] = [];
  try {
    const start = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Web" }, SupportedMessagingContentTypes: ["text/plain", "application/json"] }));
    const customer = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: start.ParticipantToken, Type: ["WEBSOCKET"] }));
    const agent = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: start.ContactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Alice" } }));
    const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: agent.ParticipantCredentials!.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
    const token = conn.ConnectionCredentials!.ConnectionToken!;
    // 12,000 backslashes: escaped twice on the way out (the item JSON inside the frame JSON), ~48 KB per frame.
    const body = "\\".repeat(12_000);
    const send = (n: number) => Promise.all(Array.from({ length: n }, () => p.send(new SendMessageCommand({ ConnectionToken: token, ContentType: "application/json", Content: body }))));

    for (let i = 0; i < 10; i++) await send(10); // warm-up: the same work with nobody listening
    const base = rssMiB(pid);
    for (let i = 0; i < SOCKETS; i++) sockets.push(await stalledSocket(customer.Websocket!.Url!));
    await sleep(500); // their aws/subscribe frames are read

    let peak = base;
    let sent = 0;
    for (; sent < MESSAGES && peak - base < GROWTH_BOUND_MIB * 2; sent += 10) {
      await send(10);
      if (sent % 50 === 0) peak = Math.max(peak, rssMiB(pid));
    }
    peak = Math.max(peak, rssMiB(pid));
    console.log(`# RSS ${base.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB over ${sent} messages to ${SOCKETS} stalled sockets`);
    assert.ok(peak - base < GROWTH_BOUND_MIB, `RSS grew ${(peak - base).toFixed(0)} MiB (bound ${GROWTH_BOUND_MIB}) after ${sent} messages`);

    for (const s of sockets) s.socket.destroy();
    let now = rssMiB(pid);
    for (let i = 0; i < 40 && now - base >= RETURN_BOUND_MIB; i++) {
      await send(1); // keeps the server busy enough to collect garbage
      await sleep(250);
      now = rssMiB(pid);
    }
    console.log(`# RSS ${now.toFixed(0)} MiB after the clients left`);
    assert.ok(now - base < RETURN_BOUND_MIB, `RSS still ${(now - base).toFixed(0)} MiB above the start (bound ${RETURN_BOUND_MIB})`);
  } finally {
    for (const s of sockets) s.socket.destroy();
    connect.destroy();
    p.destroy();
    server.child.kill("SIGKILL");
    await server.exited;
  }
});
