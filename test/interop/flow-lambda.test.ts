// InvokeLambdaFunction through @aws-sdk/client-lambda against a local Invoke endpoint this test starts: Connect's
// ContactFlowEvent payload, the answer under $.External (STRING_MAP and JSON), FunctionError and timeouts taking
// the error branch, and a slow function that holds neither other chats nor the HTTP path.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { ListQueuesCommand, type ConnectClient } from "@aws-sdk/client-connect";
import type { ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { INSTANCE, startServer, testConfig, type Running } from "../support/server.js";
import { participantClient } from "../support/participant.js";
import { createFlow, flowOf, lambdaEndpoint, messages, next, until, webChat } from "../support/flow-engine.js";

let releaseSlow!: () => void;
const slowGate = new Promise<void>((ok) => (releaseSlow = ok));
let lambda: Awaited<ReturnType<typeof lambdaEndpoint>>;
/** The built-in BasicQueue's id (the flows queue the contact there). */
let basicQueue: string;
let srv: Running;
let c: ConnectClient;
let p: ConnectParticipantClient;

before(async () => {
  lambda = await lambdaEndpoint({
    lookup: async (ev) => ({ body: { code: `C-${ev.Details.Parameters.customer}`, tier: "gold" } }),
    nested: async () => ({ body: { order: { id: "o-1", items: 3 } } }),
    broken: async () => ({ functionError: "Unhandled", body: { errorType: "Error", errorMessage: "boom" } }),
    slow: async () => {
      await slowGate;
      return { body: { code: "late" } };
    },
    never: () => new Promise(() => {}),
  });
  srv = await startServer({ config: testConfig({ lambda: { endpoint: lambda.url } }) });
  c = srv.connect();
  p = participantClient(srv.url);
  basicQueue = (await c.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.find((q) => q.Name === "BasicQueue")!.Id!;
});
after(async () => {
  releaseSlow();
  p.destroy();
  await srv.stop();
  await lambda.close();
});

/** Calls `fn` with these parameters, then says $.External.code (or the failure). */
const callFlow = (fn: string, extra: Record<string, unknown> = {}, say = "code $.External.code") =>
  flowOf(
    {
      Identifier: "Call",
      Type: "InvokeLambdaFunction",
      Parameters: { LambdaFunctionARN: `arn:aws:lambda:us-east-1:123456789012:function:${fn}`, InvocationTimeLimitSeconds: "8", LambdaInvocationAttributes: { customer: "$.Attributes.customer" }, ...extra },
      Transitions: next("Say", { NoMatchingError: "Failed" }),
    },
    { Identifier: "Say", Type: "MessageParticipant", Parameters: { Text: say }, Transitions: next("Target", { NoMatchingError: "Target" }) },
    { Identifier: "Failed", Type: "MessageParticipant", Parameters: { Text: "the lookup failed" }, Transitions: next("Target", { NoMatchingError: "Target" }) },
    { Identifier: "Target", Type: "UpdateContactTargetQueue", Parameters: { QueueId: basicQueue }, Transitions: next("Queue", { NoMatchingError: "End" }) },
    { Identifier: "Queue", Type: "TransferContactToQueue", Transitions: next("End", { NoMatchingError: "End", QueueAtCapacity: "End" }) },
    { Identifier: "End", Type: "EndFlowExecution" },
  );

const said = (token: string, n: number) => until(async () => {
  const m = await messages(p, token);
  return m.length >= n ? m : undefined;
}, `${n} messages`);

test("the function gets Connect's ContactFlowEvent and its STRING_MAP answer lands under $.External", async () => {
  const flow = await createFlow(c, "Lookup", callFlow("lookup"));
  const chat = await webChat(c, p, flow, { customer: "42" });
  assert.deepEqual(await said(chat.token, 1), ["SYSTEM: code C-42"]);
  const call = lambda.calls.find((x) => x.payload.Details.ContactData.ContactId === chat.contactId)!;
  assert.equal(call.name, "arn:aws:lambda:us-east-1:123456789012:function:lookup");
  assert.equal(call.payload.Name, "ContactFlowEvent");
  assert.deepEqual(call.payload.Details.Parameters, { customer: "42" });
  const cd = call.payload.Details.ContactData;
  assert.equal(cd.Channel, "CHAT");
  assert.equal(cd.InitialContactId, chat.contactId);
  assert.equal(cd.InitiationMethod, "API");
  assert.equal(cd.InstanceARN, `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}`);
  assert.deepEqual(cd.Attributes, { customer: "42" });
});

test("ResponseValidation JSON keeps nested answers; STRING_MAP refuses them (error branch)", async () => {
  const json = await webChat(c, p, await createFlow(c, "Nested JSON", callFlow("nested", { ResponseValidation: { ResponseType: "JSON" } }, "order $.External.order.id")));
  assert.deepEqual(await said(json.token, 1), ["SYSTEM: order o-1"]);
  const flat = await webChat(c, p, await createFlow(c, "Nested map", callFlow("nested")));
  assert.deepEqual(await said(flat.token, 1), ["SYSTEM: the lookup failed"]);
});

test("a FunctionError, an unknown function and a timeout take the error branch", async () => {
  for (const [name, fn, extra] of [["Broken", "broken", {}], ["Unknown", "no-such-function", {}], ["Timeout", "never", { InvocationTimeLimitSeconds: "1" }]] as const) {
    const chat = await webChat(c, p, await createFlow(c, name, callFlow(fn, extra)));
    assert.deepEqual(await said(chat.token, 1), ["SYSTEM: the lookup failed"], name);
  }
});

test("a slow function holds neither the request nor other chats; its chat goes on once it answers", async () => {
  const slowFlow = await createFlow(c, "Slow", callFlow("slow"));
  const fastFlow = await createFlow(c, "Fast", callFlow("lookup"));
  const slow = await webChat(c, p, slowFlow, { customer: "1" });
  await until(async () => lambda.calls.some((x) => x.name.endsWith(":slow")), "the slow call");
  const fast = await webChat(c, p, fastFlow, { customer: "2" });
  assert.deepEqual(await said(fast.token, 1), ["SYSTEM: code C-2"], "another chat's call went through meanwhile");
  assert.deepEqual(await messages(p, slow.token), [], "still waiting on its function");
  releaseSlow();
  assert.deepEqual(await said(slow.token, 1), ["SYSTEM: code late"]);
});
