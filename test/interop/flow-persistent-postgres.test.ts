// The "Create persistent contact association" block on two nodes sharing one PostgreSQL: two chats, one on each
// node, whose flows race to continue the same ended chat — exactly one takes Success (a primary key decides, not a
// prior read), the other the Error branch; and a parked run's block runs once whichever node resumes it.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { DescribeContactCommand, StartChatContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, DisconnectParticipantCommand, GetTranscriptCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { INSTANCE, startServer, testConfig, type Running } from "../support/server.js";
import { participantClient } from "../support/participant.js";
import { askThenPersistFlow } from "../support/persist-flows.js";

const db = await createScratchDatabase();
let nodeA: Running;
let nodeB: Running;
before(async () => {
  const config = testConfig();
  config.accounts[0].instances[0].flows.push({ id: "ask-persist", name: "Ask persist", type: "CONTACT_FLOW", content: askThenPersistFlow("FROM_SEGMENT") });
  nodeA = await startServer({ databaseUrl: db.url, config });
  nodeB = await startServer({ databaseUrl: db.url, config });
});
after(async () => {
  await Promise.all([nodeA.stop(), nodeB.stop()]);
  await db.drop();
});

async function chat(c: ConnectClient, p: ConnectParticipantClient, flow: string) {
  const s = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: flow, ParticipantDetails: { DisplayName: "Ann" } }));
  const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  return { id: s.ContactId!, token: conn.ConnectionCredentials!.ConnectionToken! };
}
const say = (p: ConnectParticipantClient, token: string, Content: string) => p.send(new SendMessageCommand({ ConnectionToken: token, ContentType: "text/plain", Content }));
const system = async (p: ConnectParticipantClient, token: string) =>
  (await p.send(new GetTranscriptCommand({ ConnectionToken: token, MaxResults: 100, SortOrder: "ASCENDING" }))).Transcript!.filter((i) => i.ParticipantRole === "SYSTEM" && !i.RelatedContactId).map((i) => i.Content);

test("two nodes: flows racing for one source — one Success, one Error; answers racing through both nodes run the block once", async () => {
  const [ca, cb] = [nodeA.connect(), nodeB.connect()];
  const [pa, pb] = [participantClient(nodeA.url), participantClient(nodeB.url)];
  for (let round = 0; round < 4; round++) {
    const past = await chat(ca, pa, "flow");
    await p2(pa, past.token);
    const x = await chat(ca, pa, "ask-persist");
    const y = await chat(cb, pb, "ask-persist");
    // Each chat's answer is sent twice, through both nodes at once: the parked run resumes once.
    await Promise.all([say(pa, x.token, past.id), say(pb, y.token, past.id), say(pb, x.token, past.id), say(pa, y.token, past.id)]);
    const outcomes = [await system(pb, x.token), await system(pa, y.token)].map((m) => m.filter((t) => t !== "Which chat?"));
    assert.deepEqual(outcomes.map((m) => m.length), [1, 1], JSON.stringify(outcomes));
    assert.deepEqual(outcomes.flat().sort(), ["Welcome", "Welcome back"], JSON.stringify(outcomes));
    const related = await Promise.all([x.id, y.id].map(async (ContactId) => (await ca.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId }))).Contact!.RelatedContactId));
    assert.deepEqual(related.filter(Boolean), [past.id]);
  }
  pa.destroy();
  pb.destroy();

  async function p2(p: ConnectParticipantClient, token: string) {
    await say(p, token, "an earlier question");
    await p.send(new DisconnectParticipantCommand({ ConnectionToken: token }));
  }
});
