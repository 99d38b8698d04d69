// kill -9 of the real server (the built binary) while participant timers run: after a restart on the same SQLite
// file or PostgreSQL database, each timer settles from its row alone — the customer goes idle, then is auto-disconnected — and nothing
// happens twice (the chat's stored items, push-only ones included, have one idle, one auto-disconnection, one agent
// left and one chat.ended).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectClient, CreateParticipantCommand, DescribeContactCommand, StartChatContactCommand, UpdateParticipantRoleConfigCommand } from "@aws-sdk/client-connect";
import { INSTANCE, KEY, REGION, testConfig } from "../support/server.js";
import { until } from "../support/flow-engine.js";
import { SqliteStore } from "../../src/storage/sqlite/SqliteStore.js";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import type { Store } from "../../src/domain/ports.js";
import { serve, writeConfig } from "./process.js";

const EV = "application/vnd.amazonaws.connect.event.";

async function killedWhileArmed(databaseUrl: string, dir: string, openStore: () => Promise<Store>) {
  // A timer minute of one second: the two-minute timers run out two seconds after the agent joins.
  const args = ["--config", writeConfig(dir, testConfig({ participantTimers: { minuteMs: 1000, pollMs: 50 } })), "--database-url", databaseUrl];
  let server = await serve(args);
  let c = new ConnectClient({ endpoint: server.url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
  const chats: string[] = [];
  for (let i = 0; i < 3; i++) {
    const s = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: `C${i}` } }));
    await c.send(new UpdateParticipantRoleConfigCommand({
      InstanceId: INSTANCE,
      ContactId: s.ContactId!,
      ChannelConfiguration: { Chat: { ParticipantTimerConfigList: [
        { ParticipantRole: "CUSTOMER", TimerType: "IDLE", TimerValue: { ParticipantTimerDurationInMinutes: 2 } },
        { ParticipantRole: "CUSTOMER", TimerType: "DISCONNECT_NONCUSTOMER", TimerValue: { ParticipantTimerDurationInMinutes: 2 } },
      ] } },
    }));
    await c.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: s.ContactId!, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Ana" } }));
    chats.push(s.ContactId!);
  }
  server.child.kill("SIGKILL");
  assert.equal((await server.exited).signal, "SIGKILL");
  c.destroy();

  server = await serve(args);
  c = new ConnectClient({ endpoint: server.url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
  try {
    for (const id of chats) {
      const d = await until(async () => {
        const x = (await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: id }))).Contact!;
        return x.DisconnectTimestamp ? x : undefined;
      }, "the auto-disconnect after the restart");
      assert.equal(d.DisconnectReason, "IDLE_DISCONNECT");
    }
  } finally {
    c.destroy();
    server.child.kill("SIGKILL");
    await server.exited;
  }
  const store = await openStore();
  try {
    for (const id of chats) {
      const items = await store.tx((tx) => tx.itemsAfter(id, 0, 1000));
      const kinds = items.map((i) => `${i.body.ParticipantRole ?? ""} ${i.body.ContentType.replace(EV, "")}`.trim());
      assert.deepEqual(kinds, ["CUSTOMER participant.joined", "AGENT participant.joined", "CUSTOMER participant.idle", "CUSTOMER participant.autodisconnection", "AGENT participant.left", "CUSTOMER participant.left", "chat.ended"]);
      assert.deepEqual(items.filter((i) => !i.persisted).map((i) => i.body.ContentType.replace(EV, "")), ["participant.idle", "participant.autodisconnection"], "push-only");
    }
  } finally {
    await store.close();
  }
}

test("kill -9 with participant timers armed (SQLite): after a restart the customer goes idle and is auto-disconnected, once", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-ptimer-kill9-"));
  const file = join(dir, "db.sqlite");
  try {
    await killedWhileArmed(`sqlite:${file}`, dir, async () => new SqliteStore(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("kill -9 with participant timers armed (PostgreSQL): after a restart the customer goes idle and is auto-disconnected, once", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-ptimer-kill9-pg-"));
  const db = await createScratchDatabase();
  try {
    await killedWhileArmed(db.url, dir, () => PostgresStore.open(db.url));
  } finally {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
