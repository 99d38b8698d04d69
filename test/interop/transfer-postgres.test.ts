// Transfers racing other writes on PostgreSQL, two nodes on one database. A transfer and a StopContact of the same
// contact: exactly one wins (the contact's row lock orders them) and the state is the winner's — a live next contact
// and a 410 for the stop, or an ended chat and a refused transfer, never both. A transfer and the customer's message:
// both succeed (the message lands on the old contact or the new one: a participant the transfer moved after it was
// read is followed to the next contact), and the customer's token works on. The transfer is one transaction, so a
// kill -9 after it leaves the next contact queued (the matcher offers it from its routing row), before it nothing.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { DescribeContactCommand, ListQueuesCommand, StartChatContactCommand, StopContactCommand, TransferContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, GetTranscriptCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { createScratchDatabase, type Scratch } from "../../src/storage/postgres/scratch.js";
import { INSTANCE, startServer, type Running } from "../support/server.js";
import { participantClient } from "../support/participant.js";

let db: Scratch;
let a: Running;
let b: Running;
let ca: ConnectClient;
let cb: ConnectClient;
let pa: ConnectParticipantClient;
let pb: ConnectParticipantClient;
let queue: string;
before(async () => {
  db = await createScratchDatabase();
  const url = await db.schema("transfer_race");
  a = await startServer({ databaseUrl: url });
  b = await startServer({ databaseUrl: url });
  [ca, cb] = [a.connect(), b.connect()];
  [pa, pb] = [participantClient(a.url), participantClient(b.url)];
  queue = (await ca.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.find((q) => q.Name === "BasicQueue")!.Id!;
});
after(async () => {
  pa.destroy();
  pb.destroy();
  await a?.stop();
  await b?.stop();
  await db.drop();
});

/** A web chat the test flow queued (no agent), with the customer's connection token. */
async function chat() {
  const s = await ca.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Cust" } }));
  const conn = await pa.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  return { id: s.ContactId!, token: conn.ConnectionCredentials!.ConnectionToken! };
}
const transfer = (ContactId: string) => ca.send(new TransferContactCommand({ InstanceId: INSTANCE, ContactId, QueueId: queue, ContactFlowId: "transfer" }));
const describe = async (ContactId: string) => (await cb.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId }))).Contact!;
const say = (p: ConnectParticipantClient, ConnectionToken: string, Content: string) => p.send(new SendMessageCommand({ ConnectionToken, ContentType: "text/plain", Content }));

test("PostgreSQL, two nodes: a transfer racing StopContact of the same contact — exactly one wins, and the state is the winner's", async () => {
  for (let i = 0; i < 6; i++) {
    const c = await chat();
    const [t, s] = await Promise.allSettled([transfer(c.id), cb.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: c.id }))]);
    assert.equal([t, s].filter((r) => r.status === "fulfilled").length, 1, JSON.stringify([t, s].map((r) => (r.status === "rejected" ? r.reason.name : "ok"))));
    const first = await describe(c.id);
    assert.ok(first.DisconnectTimestamp, "the first contact ended either way");
    if (t.status === "fulfilled") {
      assert.equal((s as PromiseRejectedResult).reason.name, "ContactNotFoundException");
      const next = await describe(t.value.ContactId!);
      assert.deepEqual([next.PreviousContactId, next.DisconnectTimestamp, first.DisconnectReason], [c.id, undefined, undefined]);
      await say(pb, c.token, "still here"); // the customer goes on, on the new contact
      await cb.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: next.Id }));
    } else {
      assert.equal(t.reason.name, "InvalidRequestException");
      assert.equal(first.DisconnectReason, "API");
      await assert.rejects(say(pb, c.token, "gone?"), (e: Error) => e.name === "AccessDeniedException");
    }
  }
});

test("PostgreSQL, two nodes: a transfer racing the customer's message — both succeed and the message is in the chat once", async () => {
  for (let i = 0; i < 6; i++) {
    const c = await chat();
    const text = `racing ${i}`;
    const [t] = await Promise.all([transfer(c.id), say(pb, c.token, text)]);
    const items = (await pa.send(new GetTranscriptCommand({ ConnectionToken: c.token, MaxResults: 100 }))).Transcript!;
    assert.equal(items.filter((x) => x.Content === text).length, 1);
    await say(pa, c.token, `after ${i}`);
    assert.equal((await describe(t.ContactId!)).DisconnectTimestamp, undefined);
    await cb.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: t.ContactId }));
  }
});
