// kill -9 of the real server during concurrent streams of acknowledged events to several chats, two senders
// per chat on separate connections; after a restart on the same database, read back through the API
// (an agent joins each chat and pages GetTranscript): every acknowledged message is there exactly once, the
// transcript order respects acknowledgement order (a message acknowledged before another was sent comes
// first), item times never go back, and the chats continue where they were. On SQLite one node; on PostgreSQL
// two nodes share the database, each chat's senders split across them, and one node is killed while the other
// keeps taking messages for the same chats.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectClient, CreateParticipantCommand, SendChatIntegrationEventCommand } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, GetTranscriptCommand, type Item } from "@aws-sdk/client-connectparticipant";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { DEST, INSTANCE, KEY, REGION, testConfig } from "../support/server.js";
import { participantClient } from "../support/participant.js";
import { serve, writeConfig, type Served } from "./process.js";

const CHATS = 3;
const SENDERS_PER_CHAT = 2;

interface Sent {
  content: string;
  chat: number;
  sentAt: number;
  ackedAt?: number;
}

test("kill -9 during concurrent streams to several chats (SQLite): after restart every acknowledged message is in its transcript once, in acknowledgement order", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-kill9-"));
  await killDuringStreams(["--config", writeConfig(dir, testConfig()), "--database-url", `sqlite:${join(dir, "db.sqlite")}`], false);
});

test("kill -9 of one of two PostgreSQL nodes during concurrent streams: nothing acknowledged by either node is lost, order holds", async () => {
  const db = await createScratchDatabase();
  try {
    const dir = mkdtempSync(join(tmpdir(), "cc-kill9-pg-"));
    await killDuringStreams(["--config", writeConfig(dir, testConfig()), "--database-url", db.url], true);
  } finally {
    await db.drop();
  }
});

/**
 * Senders n = 0…CHATS·SENDERS_PER_CHAT−1 stream to chat n % CHATS on client ⌊n / CHATS⌋. With `twoNodes`, client 1
 * talks to a second node on the same database, which stays up while the first is killed: its senders go on until
 * the first node is back and has taken a message of each chat.
 */
async function killDuringStreams(args: string[], twoNodes: boolean) {
  const first = await serve(args);
  const other: Served | undefined = twoNodes ? await serve(args) : undefined;
  const endpoints = [first.url, other?.url ?? first.url];
  const clients = endpoints.map((endpoint) => new ConnectClient({ endpoint, region: REGION, credentials: { ...KEY }, maxAttempts: 1 }));
  const source = (chat: number) => `+1415555070${chat}`;
  let clock = 0; // one logical clock orders sends and acknowledgements across all senders
  const log: Sent[] = [];
  const initial = new Map<number, string>();
  const stopped = [false, false]; // per client
  const senders = Array.from({ length: CHATS * SENDERS_PER_CHAT }, async (_, n) => {
    const chat = n % CHATS;
    const side = Math.floor(n / CHATS);
    const client = clients[side];
    for (let i = 0; !stopped[side]; i++) {
      const s: Sent = { content: `c${chat}-s${n}-m${i}`, chat, sentAt: ++clock };
      log.push(s);
      try {
        const r = await client.send(new SendChatIntegrationEventCommand({ SourceId: source(chat), DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: s.content } }));
        s.ackedAt = ++clock;
        initial.set(chat, r.InitialContactId!);
      } catch {
        return; // the server is gone
      }
    }
  });
  // Kill once a good number is acknowledged, whatever the machine's speed.
  for (let t = 0; log.filter((s) => s.ackedAt).length < 120 && t < 1000; t++) await new Promise((r) => setTimeout(r, 20));
  first.child.kill("SIGKILL");
  assert.equal((await first.exited).signal, "SIGKILL");
  stopped[0] = true;
  const killedAt = clock;

  const second = await serve(args);
  const connect = new ConnectClient({ endpoint: second.url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
  const p = participantClient(second.url);
  try {
    for (let chat = 0; chat < CHATS; chat++) {
      // The chat is still the active one and takes new messages after the restart.
      const after = await connect.send(new SendChatIntegrationEventCommand({ SourceId: source(chat), DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: `c${chat}-after` } }));
      assert.deepEqual([after.InitialContactId, after.NewChatCreated], [initial.get(chat), false]);
    }
    stopped[1] = true;
    await Promise.all(senders);
    for (const c of clients) c.destroy();
    other?.child.kill("SIGTERM");
    await other?.exited;
    const acked = log.filter((s) => s.ackedAt !== undefined);
    assert.ok(acked.length >= 60, `acknowledged ${acked.length}`);
    assert.equal(initial.size, CHATS);
    if (twoNodes) assert.ok(acked.some((s) => s.sentAt > killedAt), "the other node took messages while the first was down");
    for (let chat = 0; chat < CHATS; chat++) {
      const agent = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: initial.get(chat), ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "auditor" } }));
      const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: agent.ParticipantCredentials!.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
      const token = conn.ConnectionCredentials!.ConnectionToken!;
      const items: Item[] = [];
      let next: string | undefined;
      do {
        const page = await p.send(new GetTranscriptCommand({ ConnectionToken: token, MaxResults: 100, NextToken: next }));
        items.push(...page.Transcript!);
        next = page.NextToken || undefined;
      } while (next);
      items.reverse();
      const times = items.map((i) => Date.parse(i.AbsoluteTime!));
      for (let i = 1; i < times.length; i++) assert.ok(times[i] >= times[i - 1], `item ${i} of chat ${chat} is not earlier than the one before it`);
      const stored = items.filter((i) => i.Type === "MESSAGE").map((i) => i.Content!);
      assert.equal(new Set(stored).size, stored.length, "no message is stored twice");
      assert.ok(stored.includes(`c${chat}-after`));
      const index = new Map(stored.map((c, i) => [c, i]));
      const mine = acked.filter((s) => s.chat === chat);
      for (const s of mine) assert.ok(index.has(s.content), `acknowledged ${s.content} is in the transcript after kill -9`);
      // Acknowledgement order: whatever was acknowledged before another message was sent precedes it.
      for (const a of mine) for (const b of mine) if (a.ackedAt! < b.sentAt) assert.ok(index.get(a.content)! < index.get(b.content)!, `${a.content} before ${b.content}`);
      // Messages sent but not acknowledged may or may not have been committed; nothing else appears.
      const sentHere = new Set(log.filter((s) => s.chat === chat).map((s) => s.content));
      for (const c of stored) assert.ok(sentHere.has(c) || c === `c${chat}-after`, `unexpected ${c}`);
    }
  } finally {
    stopped[1] = true;
    connect.destroy();
    p.destroy();
    second.child.kill("SIGTERM");
    other?.child.kill("SIGTERM");
    await Promise.all([second.exited, other?.exited]);
  }
}
