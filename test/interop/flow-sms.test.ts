// A flow on an SMS chat: its MessageParticipant and GetParticipantInput prompts are SYSTEM messages that go out to
// the customer's phone through the SMS outbox (a local Twilio), in order; the customer's text answers the question.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../support/server.js";
import { fakeTwilio, TWILIO_SID, TWILIO_TOKEN, type FakeProvider } from "../support/sms-providers.js";
import { inbound, smsConfig } from "../support/sms.js";
import { flowOf, next } from "../support/flow-engine.js";

let twilio: FakeProvider;
before(async () => (twilio = await fakeTwilio()));
after(() => twilio.close());

test("an SMS chat's flow texts its greeting and question to the customer, and the customer's reply answers it", async () => {
  twilio.mode = { kind: "ok" };
  const config = smsConfig({ provider: "twilio", twilio: { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, baseUrl: twilio.url } });
  const inst = config.accounts[0].instances[0];
  inst.destinations[0].contactFlowId = "sms-greeting";
  inst.flows.push({
    id: "sms-greeting",
    name: "SMS greeting",
    type: "CONTACT_FLOW",
    content: flowOf(
      { Identifier: "Hi", Type: "MessageParticipant", Parameters: { Text: "Thanks for texting us." }, Transitions: next("Ask", { NoMatchingError: "Ask" }) },
      { Identifier: "Ask", Type: "GetParticipantInput", Parameters: { Text: "Your order number?", StoreInput: "True", InputTimeLimitSeconds: "300" }, Transitions: next("Got", { InputTimeLimitExceeded: "Got", NoMatchingError: "Got" }) },
      { Identifier: "Got", Type: "MessageParticipant", Parameters: { Text: "Looking up $.StoredCustomerInput" }, Transitions: next("Target", { NoMatchingError: "Target" }) },
      { Identifier: "Target", Type: "UpdateContactTargetQueue", Parameters: { QueueId: "BasicQueue" }, Transitions: next("Queue", { NoMatchingError: "End" }) },
      { Identifier: "Queue", Type: "TransferContactToQueue", Transitions: next("End", { NoMatchingError: "End", QueueAtCapacity: "End" }) },
      { Identifier: "End", Type: "EndFlowExecution" },
    ),
  });
  const srv = await startServer({ config });
  const connect = srv.connect();
  const customer = "+14155553001";
  await inbound(connect, customer, "hello");
  assert.deepEqual((await twilio.waitSent(2)).map((s) => [s.fields.To, s.fields.Body]), [
    [customer, "Thanks for texting us."],
    [customer, "Your order number?"],
  ]);
  await inbound(connect, customer, "A-77");
  assert.deepEqual((await twilio.waitSent(3)).map((s) => s.fields.Body).slice(2), ["Looking up A-77"]);
  await srv.stop();
});
