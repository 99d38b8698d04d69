// Participant timeouts with the real clock: a server whose timer minute is shortened for tests
// (participantTimers.minuteMs; the API still takes and checks minutes) runs real timers end to end — chatjs, unmodified,
// raises onParticipantIdle, onParticipantReturned and onAutoDisconnection — and a timer armed before a restart fires
// after it, from its row alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CreateParticipantCommand, DescribeContactCommand, StartChatContactCommand, UpdateParticipantRoleConfigCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand } from "@aws-sdk/client-connectparticipant";
import { rmSync } from "node:fs";
import { INSTANCE, startServer, testConfig } from "../support/server.js";
import { participantClient } from "../support/participant.js";
import { chatSession, loadChatjs } from "../support/chatjs.js";
import { until } from "../support/flow-engine.js";

const configure = (c: ConnectClient, ContactId: string, list: [string, string, number][]) =>
  c.send(new UpdateParticipantRoleConfigCommand({
    InstanceId: INSTANCE,
    ContactId,
    ChannelConfiguration: { Chat: { ParticipantTimerConfigList: list.map(([ParticipantRole, TimerType, m]) => ({ ParticipantRole: ParticipantRole as "CUSTOMER", TimerType: TimerType as "IDLE", TimerValue: { ParticipantTimerDurationInMinutes: m } })) } },
  }));
const agentJoins = (c: ConnectClient, ContactId: string) =>
  c.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Ana" } }));

test("a real two-minute timer of 100 ms minutes: chatjs raises idle, returned and auto-disconnect, then the chat ends", async () => {
  const srv = await startServer({ config: testConfig({ participantTimers: { minuteMs: 100, pollMs: 20 } }) });
  const c = srv.connect();
  try {
    const chatjs = await loadChatjs(srv.url);
    const start = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Ann" } }));
    await configure(c, start.ContactId!, [["CUSTOMER", "IDLE", 2], ["CUSTOMER", "DISCONNECT_NONCUSTOMER", 3]]);
    const customer = chatSession(chatjs, start.ContactId!, start.ParticipantId!, start.ParticipantToken!);
    await customer.s.connect();
    await agentJoins(c, start.ContactId!);
    await customer.until((e) => e.kind === "idle", 10_000);
    const idle = customer.events.find((e) => e.kind === "idle")!.data;
    assert.equal(idle.ContentType, "application/vnd.amazonaws.connect.event.participant.idle");
    assert.equal(idle.ParticipantRole, "CUSTOMER");
    await customer.s.sendMessage({ contentType: "text/plain", message: "back" });
    await customer.until((e) => e.kind === "returned", 10_000);
    await customer.until((e) => e.kind === "autodisconnection", 10_000);
    await customer.until((e) => e.kind === "ended", 10_000);
    assert.deepEqual(customer.events.filter((e) => ["idle", "returned", "autodisconnection", "ended"].includes(e.kind)).map((e) => e.kind), ["idle", "returned", "idle", "autodisconnection", "ended"]);
    const d = await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: start.ContactId! }));
    assert.equal(d.Contact!.DisconnectReason, "IDLE_DISCONNECT");
  } finally {
    await srv.stop();
  }
});

test("a timer armed before a restart fires after it (graceful stop, same SQLite file)", async () => {
  const config = testConfig({ participantTimers: { minuteMs: 1000, pollMs: 50 } });
  let srv = await startServer({ config, keepDir: true });
  const dir = srv.dir;
  let c = srv.connect();
  const start = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Ann" } }));
  await configure(c, start.ContactId!, [["CUSTOMER", "DISCONNECT_NONCUSTOMER", 2]]);
  await agentJoins(c, start.ContactId!);
  await srv.stop();
  srv = await startServer({ config, dir });
  c = srv.connect();
  const p = participantClient(srv.url);
  try {
    const d = await until(async () => {
      const x = (await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: start.ContactId! }))).Contact!;
      return x.DisconnectTimestamp ? x : undefined;
    }, "the auto-disconnect after the restart");
    assert.equal(d.DisconnectReason, "IDLE_DISCONNECT");
    assert.ok(d.DisconnectTimestamp!.getTime() - d.InitiationTimestamp!.getTime() >= 2000, "not before its two (1-second) minutes");
    // The chat ended for the customer too: a new connection is refused.
    await assert.rejects(p.send(new CreateParticipantConnectionCommand({ ParticipantToken: start.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] })), (e: any) => e.name === "AccessDeniedException");
  } finally {
    p.destroy();
    await srv.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
