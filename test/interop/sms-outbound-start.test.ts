// StartOutboundChatContact (agent-initiated SMS) through the real Connect SDK and our CLI: a chat from the
// destination's phone-number ARN to the customer's number, its InitialSystemMessage sent by the destination's
// provider; the customer's answer (Twilio's inbound webhook) continues that chat. Refusals: wrong endpoint types,
// a subtype other than connect:SMS, an unknown number, an opted-out customer, a number already in a chat.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import { CreateContactFlowCommand, DescribeContactCommand, SearchContactsCommand, StartChatContactCommand, StartOutboundChatContactCommand, type StartOutboundChatContactCommandInput } from "@aws-sdk/client-connect";
import { twilioSignature } from "../../src/channels/twilio-inbound.js";
import { awsEnv, DEST, INSTANCE, SHORT_DEST } from "../support/server.js";
import { TWILIO_SID, TWILIO_TOKEN } from "../support/sms-providers.js";
import { greeting } from "../support/flows.js";
import { joinAs, NUMBER, PUBLIC_URL, twilioServer } from "../support/sms.js";

// env.twilio and env.srv are set by twilioServer's own before hook.
const env = twilioServer();

let n = 0;
const phone = () => `+1415550${String(7000 + ++n)}`;
const FLOW = "12345678-1234-4234-8234-123456789012";

const request = (to: string, over: Partial<StartOutboundChatContactCommandInput> = {}): StartOutboundChatContactCommandInput => ({
  InstanceId: INSTANCE,
  ContactFlowId: FLOW,
  SourceEndpoint: { Type: "CONNECT_PHONENUMBER_ARN", Address: DEST },
  DestinationEndpoint: { Type: "TELEPHONE_NUMBER", Address: to },
  SegmentAttributes: { "connect:Subtype": { ValueString: "connect:SMS" } },
  ParticipantDetails: { DisplayName: "Customer" },
  InitialSystemMessage: { ContentType: "text/plain", Content: "Hi, this is Acme about your order. Reply here to chat." },
  ...over,
});

async function text(from: string, body: string) {
  const sid = "SM" + randomBytes(16).toString("hex");
  const fields = { MessageSid: sid, AccountSid: TWILIO_SID, From: from, To: NUMBER, Body: body, NumMedia: "0" };
  const res = await fetch(`${env.srv.url}/channels/twilio`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(TWILIO_TOKEN, `${PUBLIC_URL}/channels/twilio`, Object.entries(fields)) },
    body: new URLSearchParams(fields).toString(),
  });
  assert.equal(res.status, 200);
}

test("starts a chat to the customer's number and texts InitialSystemMessage from the destination's number; the answer continues that chat; the same ClientToken returns the same ContactId", async () => {
  env.twilio.sent.length = 0;
  const connect = env.srv.connect();
  const customer = phone();
  const token = `outbound-${customer}`;
  const { ContactId } = await connect.send(new StartOutboundChatContactCommand(request(customer, { ClientToken: token })));
  assert.ok(ContactId);
  const [sent] = await env.twilio.waitSent(1);
  assert.deepEqual([sent.fields.From, sent.fields.To, sent.fields.Body], [NUMBER, customer, "Hi, this is Acme about your order. Reply here to chat."]);
  assert.deepEqual(await connect.send(new StartOutboundChatContactCommand(request(customer, { ClientToken: token }))).then((r) => r.ContactId), ContactId);
  await text(customer, "Thanks, is it shipped?");
  const agent = await joinAs(env.srv.url, connect, ContactId);
  const messages = (await agent.transcript()).filter((i) => i.Type === "MESSAGE").map((i) => [i.ParticipantRole, i.Content]);
  assert.deepEqual(messages.sort(), [["CUSTOMER", "Thanks, is it shipped?"], ["SYSTEM", "Hi, this is Acme about your order. Reply here to chat."]]);
  await agent.say("Yes, today.");
  const all = await env.twilio.waitSent(2);
  assert.deepEqual([all[1].fields.To, all[1].fields.Body], [customer, "Yes, today."]);
  agent.close();
});

test("refusals: endpoint types, subtype, unknown or SMS-less source, bad number, opted-out customer, a chat already active; nothing is sent", async () => {
  env.twilio.sent.length = 0;
  const connect = env.srv.connect();
  const customer = phone();
  const refused = async (input: StartOutboundChatContactCommandInput, name: string, message: RegExp) =>
    assert.rejects(connect.send(new StartOutboundChatContactCommand(input)), (e: Error) => {
      assert.equal(e.name, name);
      assert.match(e.message, message);
      return true;
    });
  await refused(request(customer, { SourceEndpoint: { Type: "TELEPHONE_NUMBER", Address: DEST } }), "InvalidRequestException", /SourceEndpoint.Type must be CONNECT_PHONENUMBER_ARN/);
  await refused(request(customer, { DestinationEndpoint: { Type: "CONNECT_PHONENUMBER_ARN", Address: customer } }), "InvalidRequestException", /DestinationEndpoint.Type must be TELEPHONE_NUMBER/);
  await refused(request(customer, { SegmentAttributes: { "connect:Subtype": { ValueString: "connect:WhatsApp" } } }), "InvalidRequestException", /connect:SMS/);
  await refused(request(customer, { SourceEndpoint: { Type: "CONNECT_PHONENUMBER_ARN", Address: `${DEST}-unknown` } }), "ResourceNotFoundException", /is not a phone number of instance/);
  await refused(request(customer, { SourceEndpoint: { Type: "CONNECT_PHONENUMBER_ARN", Address: SHORT_DEST } }), "InvalidRequestException", /no SMS provider/);
  await refused(request("555-0100"), "InvalidRequestException", /E.164/);
  await text(customer, "STOP");
  await refused(request(customer), "InvalidRequestException", /opted out of SMS from this destination/);
  await text(customer, "START");
  await connect.send(new StartOutboundChatContactCommand(request(customer)));
  await refused(request(customer), "ConflictException", /already active/);
  await env.twilio.waitSent(1);
  assert.equal(env.twilio.sent.length, 1);
});

test("RelatedContactId links the outbound chat (DescribeContact) and copies the related contact's attributes under the request's; SegmentAttributes are kept and searchable; an unknown related contact changes nothing", async () => {
  env.twilio.sent.length = 0;
  const connect = env.srv.connect();
  const since = new Date(env.srv.clock.now() - 1000);
  // A web chat whose flow greets and ends it: a related contact may be in any state.
  const flowId = (await connect.send(new CreateContactFlowCommand({ InstanceId: INSTANCE, Name: "outbound related", Type: "CONTACT_FLOW", Content: greeting("hi") }))).ContactFlowId;
  const web = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: flowId, ParticipantDetails: { DisplayName: "Web" }, Attributes: { order: "A-1", lang: "en" } }));
  const customer = phone();
  const { ContactId } = await connect.send(
    new StartOutboundChatContactCommand(
      request(customer, { RelatedContactId: web.ContactId, Attributes: { lang: "fr" }, SegmentAttributes: { "connect:Subtype": { ValueString: "connect:SMS" }, campaign: { ValueString: "reorder" } } }),
    ),
  );
  const d = (await connect.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId }))).Contact!;
  assert.equal(d.RelatedContactId, web.ContactId);
  assert.deepEqual(d.Attributes, { order: "A-1", lang: "fr" });
  assert.deepEqual(d.SegmentAttributes, { "connect:Subtype": { ValueString: "connect:SMS" }, campaign: { ValueString: "reorder" } });
  const found = await connect.send(
    new SearchContactsCommand({ InstanceId: INSTANCE, TimeRange: { Type: "INITIATION_TIMESTAMP", StartTime: since, EndTime: new Date(env.srv.clock.now() + 60_000) }, SearchCriteria: { SearchableSegmentAttributes: { Criteria: [{ Key: "campaign", Values: ["reorder"] }] } } }),
  );
  assert.deepEqual(found.Contacts!.map((c) => c.Id), [ContactId]);
  const other = phone();
  const e: any = await connect.send(new StartOutboundChatContactCommand(request(other, { RelatedContactId: "00000000-0000-4000-8000-000000000000" }))).catch((x) => x);
  assert.equal(e.name, "ResourceNotFoundException");
  assert.match(e.message, /RelatedContactId/);
  await env.twilio.waitSent(1);
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(env.twilio.sent.map((x) => x.fields.To), [customer], "nothing was sent to the refused number");
  // The refused number has no chat: a new start to it works.
  assert.ok((await connect.send(new StartOutboundChatContactCommand(request(other)))).ContactId);
  assert.deepEqual((await env.twilio.waitSent(2)).map((x) => x.fields.To), [customer, other]);
});

test("our CLI: connect start-outbound-chat-contact prints the ContactId", async () => {
  env.twilio.sent.length = 0;
  const home = mkdtempSync(join(tmpdir(), "cc-outbound-"));
  const customer = phone();
  const bin = new URL("../../bin/connect-chat", import.meta.url).pathname;
  const r = await promisify(execFile)(process.execPath, [
    bin, "--endpoint-url", env.srv.url, "connect", "start-outbound-chat-contact", "--instance-id", INSTANCE, "--contact-flow-id", FLOW,
    "--source-endpoint", `Type=CONNECT_PHONENUMBER_ARN,Address=${DEST}`, "--destination-endpoint", `Type=TELEPHONE_NUMBER,Address=${customer}`,
    "--segment-attributes", JSON.stringify({ "connect:Subtype": { ValueString: "connect:SMS" } }),
    "--initial-system-message", "ContentType=text/plain,Content=Hello from the CLI",
  ], { env: awsEnv(home), timeout: 60_000, cwd: home });
  assert.match(JSON.parse(r.stdout).ContactId, /^[0-9a-f-]{36}$/);
  const [sent] = await env.twilio.waitSent(1);
  assert.deepEqual([sent.fields.To, sent.fields.Body], [customer, "Hello from the CLI"]);
});
