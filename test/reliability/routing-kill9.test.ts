// kill -9 of the real server while chats arrive and the matcher offers them (an AutoAccept agent joining, a manual
// agent's offers pending): after a restart on the same SQLite database every chat the server created is still
// queued, offered or connected — none lost, none doubled — and every agent holds exactly the slots its work says.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectClient, ListAgentStatusesCommand, ListUsersCommand, PutUserStatusCommand, SendChatIntegrationEventCommand } from "@aws-sdk/client-connect";
import Database from "../../src/storage/sqlite/driver.js";
import { ACCOUNT, INSTANCE, KEY, REGION, testConfig } from "../support/server.js";
import { serve, writeConfig } from "./process.js";

const ROUTED = `arn:aws:sms-voice:us-east-1:${ACCOUNT}:phone-number/routed`;
const HASH = "scrypt$16384$8$1$c2FsdA$aGFzaA";

/** What the store says about routing: live rows per active chat, and each agent's busy slots against its work. */
function audit(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    const active = (db.prepare("SELECT id FROM contacts WHERE state = 'ACTIVE'").all() as { id: string }[]).map((r) => r.id);
    const live = db.prepare("SELECT contact_id, count(*) AS n FROM routing_work WHERE state <> 'ACW' GROUP BY contact_id").all() as { contact_id: string; n: number }[];
    const agents = db.prepare("SELECT contact_id, count(*) AS n FROM participants WHERE json_extract(data, '$.role') = 'AGENT' GROUP BY contact_id").all() as { contact_id: string; n: number }[];
    const busy = db.prepare(`SELECT s.user_id, s.chat_busy, s.chat_slots, (SELECT count(*) FROM routing_work w WHERE w.user_id = s.user_id AND w.state <> 'QUEUED') AS held FROM user_status s`).all() as {
      user_id: string; chat_busy: number; chat_slots: number; held: number;
    }[];
    const states = db.prepare("SELECT state, count(*) AS n FROM routing_work GROUP BY state").all() as { state: string; n: number }[];
    return { active, live: new Map(live.map((r) => [r.contact_id, r.n])), agents, busy, states: Object.fromEntries(states.map((s) => [s.state, s.n])) };
  } finally {
    db.close();
  }
}

test("kill -9 while chats arrive and are offered: after restart every chat is queued, offered or connected once", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-routing-kill9-"));
  const config = testConfig({ matcher: { pollMs: 50 } }) as unknown as { accounts: { instances: Record<string, unknown>[] }[] };
  const inst = config.accounts[0].instances[0] as { destinations: unknown[] } & Record<string, unknown>;
  inst.destinations.push({ destinationId: ROUTED, queue: "Chat Queue" });
  inst.queues = [{ name: "Chat Queue" }];
  inst.routingProfiles = [{ name: "Desk", concurrency: { CHAT: 3 }, queues: [{ queue: "Chat Queue" }] }];
  inst.users = [
    { username: "auto", passwordHash: HASH, routingProfile: "Desk", autoAccept: { CHAT: true } },
    { username: "manual", passwordHash: HASH, routingProfile: "Desk" },
  ];
  const dbPath = join(dir, "db.sqlite");
  const args = ["--config", writeConfig(dir, config), "--database-url", `sqlite:${dbPath}`];
  let server = await serve(args);
  const client = (url: string) => new ConnectClient({ endpoint: url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
  let c = client(server.url);
  const available = (await c.send(new ListAgentStatusesCommand({ InstanceId: INSTANCE }))).AgentStatusSummaryList!.find((s) => s.Name === "Available")!.Id!;
  const users = (await c.send(new ListUsersCommand({ InstanceId: INSTANCE }))).UserSummaryList!.filter((u) => u.Username === "auto" || u.Username === "manual");
  assert.equal(users.length, 2);
  for (const u of users) await c.send(new PutUserStatusCommand({ InstanceId: INSTANCE, UserId: u.Id, AgentStatusId: available }));

  const created = new Set<string>();
  const sms = (i: number) =>
    c
      .send(new SendChatIntegrationEventCommand({ SourceId: `+1415556${String(i).padStart(4, "0")}`, DestinationId: ROUTED, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "hi" } }))
      .then((r) => void created.add(r.InitialContactId!), () => undefined);
  // Chats keep arriving (and the matcher keeps offering) while the process is killed.
  await Promise.all(Array.from({ length: 10 }, (_, i) => sms(i)));
  const inFlight = Array.from({ length: 30 }, (_, i) => sms(100 + i));
  await new Promise((r) => setTimeout(r, 5));
  server.child.kill("SIGKILL");
  assert.equal((await server.exited).signal, "SIGKILL");
  await Promise.all(inFlight);
  c.destroy();
  assert.ok(created.size >= 10, `${created.size} chats acknowledged before the kill`);

  server = await serve(args);
  c = client(server.url);
  try {
    // After the restart the matcher finishes what was due: the AutoAccept agent joined to all three of its slots.
    let a = audit(dbPath);
    for (let i = 0; i < 200 && (a.states.CONNECTED ?? 0) < 3; i++) {
      await new Promise((r) => setTimeout(r, 50));
      a = audit(dbPath);
    }
    assert.equal(a.states.CONNECTED, 3, JSON.stringify(a.states));
    assert.equal(a.states.OFFERED, 3, JSON.stringify(a.states));
    for (const id of created) assert.ok(a.active.includes(id), `acknowledged chat ${id} is still active`);
    for (const id of a.active) assert.equal(a.live.get(id), 1, `chat ${id} has one live routing row (queued, offered or connected)`);
    assert.equal([...a.live.keys()].filter((id) => !a.active.includes(id)).length, 0, "no routing row of a chat that is not active");
    for (const p of a.agents) assert.equal(p.n, 1, `chat ${p.contact_id} has one agent`);
    for (const b of a.busy) {
      assert.equal(b.chat_busy, b.held, `user ${b.user_id}: busy slots match its work`);
      assert.ok(b.chat_busy <= b.chat_slots);
    }
    assert.equal(a.states.QUEUED, a.active.length - 6);
  } finally {
    c.destroy();
    server.child.kill("SIGKILL");
    await server.exited;
  }
});
