// End User Messaging through SNS → SQS (moto_server) with the real SQS client: two-way inbound SMS (the SNS-wrapped
// two-way JSON) starts the chat of originationNumber at the destination whose sms.number is destinationNumber,
// once per inboundMessageId; the agent's reply goes out by SendTextMessage to a local End User Messaging; its
// delivery events (raw SNS delivery) become the customer's message.delivered receipt or a SYSTEM message with the
// failure; an event that cannot be taken yet stays on the queue and is redriven to its dead-letter queue.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { CreateTopicCommand, PublishCommand, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { SendChatIntegrationEventCommand } from "@aws-sdk/client-connect";
import { outboxReport } from "../../src/app.js";
import { DEST, startServer, type Running } from "../support/server.js";
import { startMoto, type Moto } from "../support/moto.js";
import { fakeEndUserMessaging, type FakeProvider } from "../support/sms-providers.js";
import { joinAs, NUMBER, smsConfig } from "../support/sms.js";

let moto: Moto;
let eum: FakeProvider;
let srv: Running;
let inboundTopic: string;
let eventsTopic: string;
let deadQueue: string;
let inboundQueue: string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function queue(name: string, attributes: Record<string, string> = {}) {
  const { QueueUrl } = await moto.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await moto.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

async function topicTo(name: string, q: { arn: string }, raw: boolean) {
  const { TopicArn } = await moto.sns.send(new CreateTopicCommand({ Name: name }));
  await moto.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: q.arn, Attributes: raw ? { RawMessageDelivery: "true" } : {} }));
  return TopicArn!;
}

before(async () => {
  moto = await startMoto();
  eum = await fakeEndUserMessaging();
  const dead = await queue("sms-events-dlq");
  deadQueue = dead.url;
  const inbound = await queue("two-way-sms");
  inboundQueue = inbound.url;
  // Redelivered a second after a failed attempt; after two receives SQS moves it to the dead-letter queue.
  const events = await queue("sms-events", { VisibilityTimeout: "1", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dead.arn, maxReceiveCount: 2 }) });
  inboundTopic = await topicTo("two-way", inbound, false);
  eventsTopic = await topicTo("sms-events", events, true);
  srv = await startServer({
    config: smsConfig({ provider: "endUserMessaging", endUserMessaging: { endpoint: eum.url, inboundQueueUrl: inbound.url, eventsQueueUrl: events.url } }),
  });
});
after(async () => {
  await srv.stop();
  await eum.close();
  await moto.stop();
});

let n = 0;
const phone = () => `+1415558${String(5000 + ++n)}`;

const twoWay = (from: string, body: string, id = randomUUID()) =>
  moto.sns.send(new PublishCommand({
    TopicArn: inboundTopic,
    Message: JSON.stringify({ originationNumber: from, destinationNumber: NUMBER, messageKeyword: "KEYWORD_123456789012", messageBody: body, inboundMessageId: id, previousPublishedMessageId: "wJalrXUtnFEMI" }),
  }));

const smsEvent = (messageId: string, to: string, status: string, eventType: string, description: string, at = Date.now()) =>
  moto.sns.send(new PublishCommand({
    TopicArn: eventsTopic,
    Message: JSON.stringify({
      eventType, eventVersion: "1.0", eventTimestamp: at, isFinal: true, originationPhoneNumber: NUMBER, destinationPhoneNumber: to, isInternationalSend: false,
      mcc: "310", mnc: "800", messageId, messageRequestTimestamp: at - 300, messageEncoding: "GSM", messageType: "TRANSACTIONAL", messageStatus: status,
      messageStatusDescription: description, totalMessageParts: 1, totalMessagePrice: 0.00581, totalCarrierFee: 0.00302,
    }),
  }));

/** The chat of `from`, once the queue consumer has made it. */
async function chatOf(from: string): Promise<string> {
  for (;;) {
    const r = await srv.connect().send(new SendChatIntegrationEventCommand({ SourceId: from, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "EVENT", ContentType: "application/vnd.amazonaws.connect.event.typing" } }));
    if (r.InitialContactId) return r.InitialContactId;
    await sleep(50);
  }
}

async function drained() {
  for (;;) {
    const r = await outboxReport(srv.app.store);
    if (r.endpoints.every((e) => e.pending + e.retrying === 0)) return;
    await sleep(20);
  }
}

test("two-way SMS from SQS starts the chat once per inboundMessageId; the reply goes out by SendTextMessage; DELIVERED becomes the customer's receipt", async () => {
  const customer = phone();
  const first = randomUUID();
  await twoWay(customer, "Hello via End User Messaging", first);
  const chatId = await chatOf(customer);
  const agent = await joinAs(srv.url, srv.connect(), chatId);
  const socket = await agent.socket();
  await twoWay(customer, "Hello via End User Messaging", first); // SNS/SQS redelivery: same inboundMessageId
  await twoWay(customer, "second text");
  await socket.next((f) => f.item?.Content === "second text", 15_000);
  // Every inbound message was taken and deleted (none in flight, none waiting) before the transcript is read.
  for (;;) {
    const { Attributes: q } = await moto.sqs.send(new GetQueueAttributesCommand({ QueueUrl: inboundQueue, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
    if (Number(q!.ApproximateNumberOfMessages) + Number(q!.ApproximateNumberOfMessagesNotVisible) === 0) break;
    await sleep(50);
  }
  const customerTexts = (await agent.transcript()).filter((i) => i.ParticipantRole === "CUSTOMER" && i.Type === "MESSAGE").map((i) => i.Content);
  assert.deepEqual(customerTexts.sort(), ["Hello via End User Messaging", "second text"], "the redelivered message was taken once");

  const reply = await agent.say("We got you.");
  const [sent] = await eum.waitSent(1);
  assert.deepEqual([sent.fields.DestinationPhoneNumber, sent.fields.MessageBody], [customer, "We got you."]);
  await drained();
  await smsEvent(sent.id, customer, "SUCCESSFUL", "TEXT_SUCCESSFUL", "Message has been accepted by phone carrier");
  await smsEvent(sent.id, customer, "DELIVERED", "TEXT_DELIVERED", "Message has been accepted by phone");
  const pushed = await socket.next((f) => f.item?.Type === "MESSAGEMETADATA", 15_000);
  assert.equal(pushed.item!.MessageMetadata.MessageId, reply.Id);
  const customerId = (await agent.transcript()).find((i) => i.ParticipantRole === "CUSTOMER")!.ParticipantId;
  assert.equal(pushed.item!.MessageMetadata.Receipts[0].RecipientParticipantId, customerId);
  const meta = (await agent.transcript()).find((i) => i.Id === reply.Id)!.MessageMetadata;
  assert.ok(meta?.Receipts?.[0].DeliveredTimestamp, "the transcript keeps the receipt");
  assert.equal((await srv.app.store.tx((tx) => tx.smsSendsOfItem(reply.Id!)))[0].status, "DELIVERED");
  socket.close();
  agent.close();
});

test("a failed delivery event shows the agent a SYSTEM message with End User Messaging's status description", async () => {
  const customer = phone();
  await twoWay(customer, "hi");
  const agent = await joinAs(srv.url, srv.connect(), await chatOf(customer));
  const socket = await agent.socket();
  const reply = await agent.say("Your appointment is at 3pm");
  const sent = (await eum.waitSent(eum.sent.length + 1)).at(-1)!;
  await drained();
  await smsEvent(sent.id, customer, "CARRIER_UNREACHABLE", "TEXT_CARRIER_UNREACHABLE", "Carrier is unreachable");
  const pushed = await socket.next((f) => f.item?.ParticipantRole === "SYSTEM", 15_000);
  assert.equal(pushed.item!.Content, `SMS to ${customer} was not delivered (CARRIER_UNREACHABLE): End User Messaging TEXT_CARRIER_UNREACHABLE: Carrier is unreachable. Message: "Your appointment is at 3pm"`);
  const rec = (await srv.app.store.tx((tx) => tx.smsSendsOfItem(reply.Id!)))[0];
  assert.deepEqual([rec.status, rec.error], ["CARRIER_UNREACHABLE", "End User Messaging TEXT_CARRIER_UNREACHABLE: Carrier is unreachable"]);
  socket.close();
  agent.close();
});

test("an event that cannot be taken yet (no such send, just now) is left on the queue and redriven to the dead-letter queue; an old one for another sender is dropped", async () => {
  const unknown = randomUUID();
  await smsEvent(randomUUID(), phone(), "DELIVERED", "TEXT_DELIVERED", "old, not ours", Date.now() - 3_600_000);
  await smsEvent(unknown, phone(), "DELIVERED", "TEXT_DELIVERED", "not recorded (yet)");
  const got: string[] = [];
  while (got.length === 0) {
    const r = await moto.sqs.send(new ReceiveMessageCommand({ QueueUrl: deadQueue, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }));
    for (const m of r.Messages ?? []) got.push(JSON.parse(m.Body!).messageId);
  }
  assert.deepEqual(got, [unknown], "only the event left for redelivery reached the dead-letter queue");
});
