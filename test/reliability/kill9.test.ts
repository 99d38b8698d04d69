// kill -9 of the real server during concurrent streams of acknowledged events to several chats, two senders
// per chat on separate connections; after a restart on the same database, read back through the API
// (an agent joins each chat and pages GetTranscript): every acknowledged message is there exactly once, and
// the transcript order respects acknowledgement order (a message acknowledged before another was sent
// comes first), and the chats continue where they were.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectClient, CreateParticipantCommand, SendChatIntegrationEventCommand } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, GetTranscriptCommand, type Item } from "@aws-sdk/client-connectparticipant";
import { DEST, INSTANCE, KEY, REGION, testConfig } from "../support/server.js";
import { participantClient } from "../support/participant.js";
import { serve, writeConfig } from "./process.js";

const CHATS = 3;
const SENDERS_PER_CHAT = 2;

interface Sent {
  content: string;
  chat: number;
  sentAt: number;
  ackedAt?: number;
}

test("kill -9 during concurrent streams to several chats: after restart every acknowledged message is in its transcript once, in acknowledgement order", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-kill9-"));
  const args = ["--config", writeConfig(dir, testConfig()), "--database-url", `sqlite:${join(dir, "db.sqlite")}`];
  const first = await serve(args);
  const clients = Array.from({ length: SENDERS_PER_CHAT }, () => new ConnectClient({ endpoint: first.url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 }));
  const source = (chat: number) => `+1415555070${chat}`;
  let clock = 0; // one logical clock orders sends and acknowledgements across all senders
  const log: Sent[] = [];
  const initial = new Map<number, string>();
  let stop = false;
  const senders = Array.from({ length: CHATS * SENDERS_PER_CHAT }, async (_, n) => {
    const chat = n % CHATS;
    const client = clients[Math.floor(n / CHATS)];
    for (let i = 0; !stop; i++) {
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
  stop = true;
  await Promise.all(senders);
  for (const c of clients) c.destroy();
  const acked = log.filter((s) => s.ackedAt !== undefined);
  assert.ok(acked.length >= 60, `acknowledged ${acked.length}`);
  assert.equal(initial.size, CHATS);

  const second = await serve(args);
  const connect = new ConnectClient({ endpoint: second.url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
  const p = participantClient(second.url);
  try {
    for (let chat = 0; chat < CHATS; chat++) {
      // The chat is still the active one and takes new messages after the restart.
      const after = await connect.send(new SendChatIntegrationEventCommand({ SourceId: source(chat), DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: `c${chat}-after` } }));
      assert.deepEqual([after.InitialContactId, after.NewChatCreated], [initial.get(chat), false]);
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
      const stored = items.reverse().filter((i) => i.Type === "MESSAGE").map((i) => i.Content!);
      assert.equal(new Set(stored).size, stored.length, "no message is stored twice");
      assert.equal(stored.at(-1), `c${chat}-after`);
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
    connect.destroy();
    p.destroy();
    second.child.kill("SIGTERM");
    await second.exited;
  }
});
