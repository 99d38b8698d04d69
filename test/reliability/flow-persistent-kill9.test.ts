// kill -9 of the real server while a flow waits (a 1 s Wait timer) before its "Create persistent contact
// association" block: after a restart on the same SQLite file or PostgreSQL database the run resumes from its rows,
// the block links the chat to the ended one once (DescribeContact's RelatedContactId), and the stored transcript
// holds one "Welcome back" and one chat.rehydrated.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectClient, DescribeContactCommand, StartChatContactCommand } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, DisconnectParticipantCommand, SendMessageCommand } from "@aws-sdk/client-connectparticipant";
import { INSTANCE, KEY, REGION, testConfig } from "../support/server.js";
import { participantClient } from "../support/participant.js";
import { until } from "../support/flow-engine.js";
import { waitThenPersistFlow } from "../support/persist-flows.js";
import { SqliteStore } from "../../src/storage/sqlite/SqliteStore.js";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import type { Store } from "../../src/domain/ports.js";
import { serve, writeConfig } from "./process.js";

async function killedWhileWaiting(databaseUrl: string, dir: string, openStore: () => Promise<Store>) {
  const config = testConfig();
  config.accounts[0].instances[0].flows.push({ id: "wait-persist", name: "Wait persist", type: "CONTACT_FLOW", content: waitThenPersistFlow(1, "ENTIRE_PAST_SESSION") });
  const args = ["--config", writeConfig(dir, config), "--database-url", databaseUrl];
  let server = await serve(args);
  let c = new ConnectClient({ endpoint: server.url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
  const p = participantClient(server.url);
  const past = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Ann" } }));
  const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: past.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  const token = conn.ConnectionCredentials!.ConnectionToken!;
  await p.send(new SendMessageCommand({ ConnectionToken: token, ContentType: "text/plain", Content: "first visit" }));
  await p.send(new DisconnectParticipantCommand({ ConnectionToken: token }));
  p.destroy();
  const chats: string[] = [];
  for (let i = 0; i < 2; i++) {
    const s = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "wait-persist", ParticipantDetails: { DisplayName: `C${i}` }, Attributes: { previous: past.ContactId! } }));
    chats.push(s.ContactId!);
  }
  server.child.kill("SIGKILL");
  assert.equal((await server.exited).signal, "SIGKILL");
  c.destroy();

  server = await serve(args);
  c = new ConnectClient({ endpoint: server.url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
  try {
    for (const id of chats)
      await until(async () => ((await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: id }))).Contact!.QueueInfo ? true : undefined), "the flow after the restart");
    const related = await Promise.all(chats.map(async (ContactId) => (await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId }))).Contact!.RelatedContactId));
    assert.deepEqual(related.filter(Boolean), [past.ContactId], "one chat continues the past one; the other took the Error branch");
  } finally {
    c.destroy();
    server.child.kill("SIGKILL");
    await server.exited;
  }
  const store = await openStore();
  try {
    const texts = [];
    for (const id of chats) {
      const items = await store.tx((tx) => tx.itemsAfter(id, 0, 1000));
      texts.push(items.filter((i) => i.body.Type === "MESSAGE" || i.body.ContentType.endsWith("chat.rehydrated")).map((i) => i.body.Content ?? "chat.rehydrated").join(", "));
    }
    assert.deepEqual(texts.sort(), ["Welcome", "chat.rehydrated, Welcome back"]);
  } finally {
    await store.close();
  }
}

test("kill -9 while a flow waits before its persistent-chat block (SQLite): the block runs once after the restart", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-flow-persist-kill9-"));
  const file = join(dir, "db.sqlite");
  try {
    await killedWhileWaiting(`sqlite:${file}`, dir, async () => new SqliteStore(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("kill -9 while a flow waits before its persistent-chat block (PostgreSQL): the block runs once after the restart", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-flow-persist-kill9-pg-"));
  const db = await createScratchDatabase();
  try {
    await killedWhileWaiting(db.url, dir, () => PostgresStore.open(db.url));
  } finally {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
