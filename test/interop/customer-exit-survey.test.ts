// StartChatContact's DisconnectOnCustomerExit ["AGENT"] through the real SDKs: with a disconnect flow set
// (UpdateContactEventHooks CustomerRemaining) and an agent in the chat, the customer's DisconnectParticipant
// disconnects the agent and the customer goes on into the disconnect flow (a post-chat survey) until it ends the chat;
// without DisconnectOnCustomerExit, or without a disconnect flow, the customer leaving ends the chat as before.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { CreateParticipantCommand, DescribeContactCommand, StartChatContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, DisconnectParticipantCommand, GetTranscriptCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { INSTANCE, startServer, testConfig, type Running } from "../support/server.js";
import { participantClient } from "../support/participant.js";
import { flowOf, next } from "../support/flow-engine.js";

let srv: Running;
let connect: ConnectClient;
let p: ConnectParticipantClient;
before(async () => {
  const config = testConfig();
  config.accounts[0].instances[0].flows.push(
    {
      id: "with-survey",
      name: "Inbound with survey",
      type: "CONTACT_FLOW",
      content: flowOf(
        { Identifier: "Hooks", Type: "UpdateContactEventHooks", Parameters: { EventHooks: { CustomerRemaining: "survey" } }, Transitions: next("Target", { NoMatchingError: "Target" }) },
        { Identifier: "Target", Type: "UpdateContactTargetQueue", Parameters: { QueueId: "BasicQueue" }, Transitions: next("Queue", { NoMatchingError: "End" }) },
        { Identifier: "Queue", Type: "TransferContactToQueue", Transitions: next("End", { NoMatchingError: "End", QueueAtCapacity: "End" }) },
        { Identifier: "End", Type: "EndFlowExecution" },
      ),
    },
    {
      id: "survey",
      name: "Post-chat survey",
      type: "CONTACT_FLOW",
      content: flowOf(
        { Identifier: "Ask", Type: "GetParticipantInput", Parameters: { Text: "How did we do?", StoreInput: "True", InputTimeLimitSeconds: "600" }, Transitions: next("Thanks", { InputTimeLimitExceeded: "Bye", NoMatchingError: "Bye" }) },
        { Identifier: "Thanks", Type: "MessageParticipant", Parameters: { Text: "Thanks: $.StoredCustomerInput" }, Transitions: next("Bye", { NoMatchingError: "Bye" }) },
        { Identifier: "Bye", Type: "DisconnectParticipant" },
      ),
    },
  );
  srv = await startServer({ config });
  connect = srv.connect();
  p = participantClient(srv.url);
});
after(async () => {
  p.destroy();
  await srv.stop();
});

async function chatWithAgent(flow: string, exit?: string[]) {
  const s = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: flow, ParticipantDetails: { DisplayName: "Ann" }, DisconnectOnCustomerExit: exit as any }));
  const c = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  const a = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: s.ContactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Alice" } }));
  const ac = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: a.ParticipantCredentials!.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  return { id: s.ContactId!, customer: c.ConnectionCredentials!.ConnectionToken!, agent: ac.ConnectionCredentials!.ConnectionToken! };
}
const describe = async (ContactId: string) => (await connect.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId }))).Contact!;
const say = (token: string, Content: string) => p.send(new SendMessageCommand({ ConnectionToken: token, ContentType: "text/plain", Content }));
const lines = async (token: string) =>
  (await p.send(new GetTranscriptCommand({ ConnectionToken: token, MaxResults: 100, SortOrder: "ASCENDING" }))).Transcript!.map((i) => (i.Type === "MESSAGE" ? `${i.ParticipantRole}: ${i.Content}` : `${i.ParticipantRole ?? "-"} ${i.ContentType!.split(".").pop()}`));
const denied = (e: any) => e.name === "AccessDeniedException";

test("DisconnectOnCustomerExit AGENT with a disconnect flow: the agent is disconnected, the customer answers the survey, the flow ends the chat", async () => {
  const c = await chatWithAgent("with-survey", ["AGENT"]);
  await say(c.agent, "Anything else?");
  await p.send(new DisconnectParticipantCommand({ ConnectionToken: c.customer }));
  assert.equal((await describe(c.id)).DisconnectTimestamp, undefined, "the chat goes on");
  await assert.rejects(say(c.agent, "still here?"), denied, "the agent was disconnected");
  assert.deepEqual((await lines(c.customer)).slice(-2), ["AGENT left", "SYSTEM: How did we do?"]);
  await say(c.customer, "5 stars");
  const d = await describe(c.id);
  assert.ok(d.DisconnectTimestamp);
  assert.equal(d.DisconnectReason, "CONTACT_FLOW_DISCONNECT");
});

test("without DisconnectOnCustomerExit, or without a disconnect flow, the customer leaving ends the chat at once", async () => {
  for (const [flow, exit] of [["with-survey", undefined], ["flow", ["AGENT"]]] as const) {
    const c = await chatWithAgent(flow, exit as string[] | undefined);
    await p.send(new DisconnectParticipantCommand({ ConnectionToken: c.customer }));
    const d = await describe(c.id);
    assert.equal(d.DisconnectReason, "CUSTOMER_DISCONNECT", `${flow} ${exit}`);
    await assert.rejects(say(c.agent, "hello?"), denied);
  }
});
