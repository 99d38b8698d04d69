// The participant service through the real @aws-sdk/client-connectparticipant (and boto3): connections,
// messages, events, transcripts with paging, idempotency, access rules, pushes, ordering.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as pathJoin } from "node:path";
import { promisify } from "node:util";
import { CreateParticipantCommand, SendChatIntegrationEventCommand, StartChatContactCommand, StopContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import {
  CreateParticipantConnectionCommand,
  DisconnectParticipantCommand,
  GetTranscriptCommand,
  SendEventCommand,
  SendMessageCommand,
  type ConnectParticipantClient,
} from "@aws-sdk/client-connectparticipant";
import { DEST, INSTANCE, awsEnv, startServer, type Running } from "../support/server.js";
import { openSocket, participantClient } from "../support/participant.js";

let srv: Running;
let connect: ConnectClient;
let p: ConnectParticipantClient;
before(async () => {
  srv = await startServer();
  connect = srv.connect();
  p = participantClient(srv.url);
});
after(async () => {
  p.destroy();
  await srv.stop();
});

const T = "application/vnd.amazonaws.connect.event.";
const denied = (e: any) => e.name === "AccessDeniedException" && e.$metadata.httpStatusCode === 403;

async function webChat(name = "Web") {
  const s = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: name } }));
  const c = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
  return { ...s, token: c.ConnectionCredentials!.ConnectionToken!, ws: c.Websocket!.Url!, conn: c };
}
async function join(contactId: string, role: "AGENT" | "CUSTOM_BOT", name: string = role) {
  const r = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: contactId, ParticipantDetails: { ParticipantRole: role, DisplayName: name } }));
  const c = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: r.ParticipantCredentials!.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
  return { participantId: r.ParticipantId!, token: c.ConnectionCredentials!.ConnectionToken!, ws: c.Websocket!.Url! };
}
const say = (token: string, Content: string, ClientToken?: string) => p.send(new SendMessageCommand({ ConnectionToken: token, ContentType: "text/plain", Content, ClientToken }));

test("CreateParticipantConnection gives a ws://127.0.0.1 URL valid ~100 s and a connection token valid 1 day", async () => {
  const w = await webChat();
  assert.match(w.ws, new RegExp(`^ws://127\\.0\\.0\\.1:${srv.port}/`));
  const wsExp = Date.parse(w.conn.Websocket!.ConnectionExpiry!) - Date.now();
  assert.ok(wsExp > 90_000 && wsExp <= 100_000, String(wsExp));
  const connExp = Date.parse(w.conn.ConnectionCredentials!.Expiry!) - Date.now();
  assert.ok(Math.abs(connExp - 86_400_000) < 5000, String(connExp));
  assert.match(w.conn.ConnectionCredentials!.Expiry!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const only = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: w.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  assert.equal(only.Websocket, undefined);
  await assert.rejects(p.send(new CreateParticipantConnectionCommand({ ParticipantToken: w.token, Type: ["WEBSOCKET"] })), denied, "a connection token is not a participant token");
  await assert.rejects(say(w.ParticipantToken!, "x"), denied, "a participant token is not a connection token");
  await assert.rejects(p.send(new CreateParticipantConnectionCommand({ ParticipantToken: "forged", Type: ["WEBSOCKET"] })), denied);
});

// Push latency is a benchmark figure (npm run bench, ws section); here it is printed, and the bound only tells a
// push from anything slower than one (a poll, a retry).
test("messages, typing and receipts reach the other participants' sockets as pushes", async () => {
  const w = await webChat("Cust");
  const agent = await join(w.ContactId!, "AGENT", "Alice");
  const cs = await openSocket(w.ws);
  const as = await openSocket(agent.ws);
  const t0 = performance.now();
  const sent = await say(agent.token, "hello");
  const f = await cs.next((x) => x.item?.Id === sent.Id);
  const latency = performance.now() - t0;
  console.log(`# pushed ${latency.toFixed(1)} ms after the request was sent`);
  assert.ok(latency < 2000, `pushed in ${latency.toFixed(1)} ms`);
  assert.deepEqual({ ...f.item, AbsoluteTime: undefined }, {
    AbsoluteTime: undefined, Content: "hello", ContentType: "text/plain", Id: sent.Id, Type: "MESSAGE",
    ParticipantId: agent.participantId, DisplayName: "Alice", ParticipantRole: "AGENT", InitialContactId: w.ContactId, ContactId: w.ContactId,
  });
  assert.equal(f.item!.AbsoluteTime, sent.AbsoluteTime);
  assert.equal(f.contentType, "application/json");
  await as.next((x) => x.item?.Id === sent.Id); // the sender gets its own message too
  await p.send(new SendEventCommand({ ConnectionToken: w.token, ContentType: `${T}typing` }));
  await as.next((x) => x.item?.ContentType === `${T}typing` && x.item.ParticipantRole === "CUSTOMER");
  await p.send(new SendEventCommand({ ConnectionToken: w.token, ContentType: `${T}message.read`, Content: JSON.stringify({ messageId: sent.Id }) }));
  const r = await as.next((x) => x.item?.Type === "MESSAGEMETADATA");
  assert.equal(r.item!.MessageMetadata.MessageId, sent.Id);
  assert.equal(r.item!.MessageMetadata.Receipts[0].RecipientParticipantId, w.ParticipantId);
  assert.match(r.item!.MessageMetadata.Receipts[0].ReadTimestamp, /Z$/);
  const t = await p.send(new GetTranscriptCommand({ ConnectionToken: agent.token, SortOrder: "ASCENDING" }));
  const kept = t.Transcript!.find((i) => i.Id === sent.Id)!;
  assert.equal(kept.MessageMetadata!.Receipts![0].RecipientParticipantId, w.ParticipantId);
  assert.ok(!t.Transcript!.some((i) => i.ContentType === `${T}typing`), "typing is not kept");
  cs.close();
  as.close();
});

test("GetTranscript: defaults, paging with NextToken, directions, sort orders and start positions", async () => {
  const w = await webChat();
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) ids.push((await say(w.token, `m${i}`)).Id!);
  const get = (x: Omit<ConstructorParameters<typeof GetTranscriptCommand>[0], "ConnectionToken">) => p.send(new GetTranscriptCommand({ ConnectionToken: w.token, ...x }));
  const contents = (r: { Transcript?: { Content?: string; ContentType?: string }[] }) => r.Transcript!.map((i) => i.Content ?? "joined");

  const d = await get({});
  assert.deepEqual(contents(d), ["m11", "m10", "m9", "m8", "m7", "m6", "m5", "m4", "m3", "m2"], "10 newest, DESCENDING");
  assert.equal(d.InitialContactId, w.ContactId);
  const rest = await get({ NextToken: d.NextToken });
  assert.deepEqual(contents(rest), ["m1", "m0", "joined"]);
  assert.equal(rest.NextToken, undefined);

  assert.deepEqual(contents(await get({ MaxResults: 3, SortOrder: "ASCENDING" })), ["m9", "m10", "m11"]);
  assert.deepEqual(contents(await get({ StartPosition: { Id: ids[3] }, MaxResults: 3, SortOrder: "ASCENDING" })), ["m3", "m4", "m5"], "FORWARD by default with a StartPosition");
  assert.deepEqual(contents(await get({ StartPosition: { Id: ids[3] }, ScanDirection: "BACKWARD", MaxResults: 3, SortOrder: "ASCENDING" })), ["m1", "m2", "m3"]);
  assert.deepEqual(contents(await get({ StartPosition: { MostRecent: 2 }, SortOrder: "ASCENDING" })), ["m9", "m10", "m11"]);
  const all = await get({ MaxResults: 100, SortOrder: "ASCENDING" });
  const at = all.Transcript!.find((i) => i.Id === ids[10])!.AbsoluteTime!;
  const fromTime = await get({ StartPosition: { AbsoluteTime: at }, SortOrder: "ASCENDING" });
  assert.equal(fromTime.Transcript![0].AbsoluteTime! >= at, true);
  assert.ok(contents(fromTime).includes("m11"));

  // Paging FORWARD over everything returns each item once, in order.
  const seen: string[] = [];
  let page = await get({ StartPosition: { MostRecent: 12 }, MaxResults: 5, SortOrder: "ASCENDING" });
  for (;;) {
    seen.push(...contents(page));
    if (!page.NextToken) break;
    page = await get({ NextToken: page.NextToken, MaxResults: 5, SortOrder: "ASCENDING" });
  }
  assert.deepEqual(seen, ["joined", ...ids.map((_, i) => `m${i}`)]);

  await assert.rejects(get({ ScanDirection: "FORWARD" }), (e: any) => e.name === "ValidationException" && e.$metadata.httpStatusCode === 400);
  await assert.rejects(get({ ScanDirection: "FORWARD", StartPosition: {} }), (e: any) => e.name === "ValidationException");
  await assert.rejects(get({ NextToken: "garbage" }), (e: any) => e.name === "ValidationException");
  await assert.rejects(get({ MaxResults: 101 }), (e: any) => e.name === "ValidationException");
  const other = await get({ ContactId: "some-other-contact" });
  assert.deepEqual([other.Transcript, other.NextToken], [[], ""]);
});

test("a repeated ClientToken returns the first answer and stores one message; another body with it is a new request", async () => {
  const w = await webChat();
  const a = await say(w.token, "once", "token-1");
  const b = await say(w.token, "once", "token-1");
  assert.deepEqual([b.Id, b.AbsoluteTime], [a.Id, a.AbsoluteTime]);
  const c = await say(w.token, "different", "token-1");
  assert.notEqual(c.Id, a.Id);
  const t = await p.send(new GetTranscriptCommand({ ConnectionToken: w.token }));
  assert.equal(t.Transcript!.filter((i) => i.Content === "once").length, 1);
  assert.equal(t.Transcript!.filter((i) => i.Content === "different").length, 1);
});

test("read receipts that share chatjs's constant ClientToken are each stored", async () => {
  const w = await webChat();
  const agent = await join(w.ContactId!, "AGENT");
  const m1 = await say(w.token, "first");
  const m2 = await say(w.token, "second");
  for (const m of [m1, m2]) {
    const Content = JSON.stringify({ messageId: m.Id });
    await p.send(new SendEventCommand({ ConnectionToken: agent.token, ContentType: `${T}message.read`, Content, ClientToken: "INCOMING_READ_RECEIPT" }));
  }
  const t = await p.send(new GetTranscriptCommand({ ConnectionToken: w.token, MaxResults: 100 }));
  const readBy = (id?: string) => t.Transcript!.find((i) => i.Id === id)?.MessageMetadata?.Receipts?.map((r) => r.RecipientParticipantId);
  assert.deepEqual([readBy(m1.Id), readBy(m2.Id)], [[agent.participantId], [agent.participantId]]);
});

test("tokens of one chat give no access to another; after the chat ends every call is 403", async () => {
  const a = await webChat();
  const b = await webChat();
  const t = await p.send(new GetTranscriptCommand({ ConnectionToken: b.token, ContactId: a.ContactId }));
  assert.deepEqual(t.Transcript, []);
  await p.send(new DisconnectParticipantCommand({ ConnectionToken: a.token }));
  await assert.rejects(say(a.token, "late"), denied);
  await assert.rejects(p.send(new GetTranscriptCommand({ ConnectionToken: a.token })), denied);
  await assert.rejects(p.send(new CreateParticipantConnectionCommand({ ParticipantToken: a.ParticipantToken, Type: ["WEBSOCKET"] })), denied);
  const bot = await join(b.ContactId!, "CUSTOM_BOT");
  await connect.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: b.ContactId }));
  await assert.rejects(say(bot.token, "late"), denied);
  await assert.rejects(p.send(new SendEventCommand({ ConnectionToken: b.token, ContentType: `${T}typing` })), denied);
});

test("an agent leaving does not end the chat; the customer leaving does, with left and chat.ended", async () => {
  const w = await webChat();
  const agent = await join(w.ContactId!, "AGENT");
  const cs = await openSocket(w.ws);
  await p.send(new DisconnectParticipantCommand({ ConnectionToken: agent.token }));
  await cs.next((f) => f.item?.ContentType === `${T}participant.left` && f.item.ParticipantRole === "AGENT");
  await assert.rejects(say(agent.token, "gone"), denied);
  await say(w.token, "still here");
  await p.send(new DisconnectParticipantCommand({ ConnectionToken: w.token }));
  await cs.next((f) => f.item?.ContentType === `${T}chat.ended`);
  const ended = cs.frames.find((f) => f.item?.ContentType === `${T}chat.ended`)!.item!;
  assert.equal(ended.ParticipantRole, undefined);
  assert.equal(ended.InitialContactId, w.ContactId);
  cs.close();
});

test("CreateParticipant accepts CUSTOM_BOT and (our extension) AGENT only; receipts with three participants are a 409", async () => {
  const w = await webChat();
  for (const ParticipantRole of ["CUSTOMER", "SUPERVISOR", "SYSTEM"] as const)
    await assert.rejects(connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: w.ContactId, ParticipantDetails: { ParticipantRole, DisplayName: "x" } })), (e: any) => e.name === "InvalidRequestException");
  const m = await say(w.token, "hi");
  await join(w.ContactId!, "AGENT", "A1");
  await join(w.ContactId!, "AGENT", "A2");
  await assert.rejects(
    p.send(new SendEventCommand({ ConnectionToken: w.token, ContentType: `${T}message.read`, Content: JSON.stringify({ messageId: m.Id }) })),
    (e: any) => e.name === "ConflictException" && e.$metadata.httpStatusCode === 409,
  );
});

test("custom participants as Connect has them: one at a time, DisplayName required, not beside an agent, disconnected when an agent joins", async () => {
  const w = await webChat();
  const add = (ParticipantRole: "CUSTOM_BOT" | "AGENT", DisplayName?: string, extra: any = {}) =>
    connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: w.ContactId, ParticipantDetails: { ParticipantRole, DisplayName, ...extra } }));
  await assert.rejects(add("CUSTOM_BOT"), (e: any) => e.name === "InvalidRequestException" && /DisplayName/.test(e.message));
  await assert.rejects(add("CUSTOM_BOT", "Bot", { ParticipantCapabilities: { Video: "SEND" } }), (e: any) => e.name === "InvalidRequestException");
  const bot = await join(w.ContactId!, "CUSTOM_BOT", "Bot");
  const cs = await openSocket(w.ws);
  await assert.rejects(add("CUSTOM_BOT", "Bot 2"), (e: any) => e.name === "ServiceQuotaExceededException" && e.$metadata.httpStatusCode === 402);
  await say(bot.token, "bot here");
  const agent = await join(w.ContactId!, "AGENT", "Alice");
  // The bot leaves as the agent arrives: its own left item first, then the agent's join; its tokens stop working.
  const left = await cs.next((x) => x.item?.ContentType === `${T}participant.left`);
  assert.equal(left.item!.ParticipantId, bot.participantId);
  await assert.rejects(say(bot.token, "still here?"), denied);
  const t = await p.send(new GetTranscriptCommand({ ConnectionToken: agent.token, SortOrder: "ASCENDING", MaxResults: 20 }));
  assert.deepEqual(
    t.Transcript!.map((i) => `${i.DisplayName ?? ""} ${i.Content ?? i.ContentType!.split(".").pop()}`),
    ["Web joined", "Bot joined", "Bot bot here", "Bot left", "Alice joined"],
  );
  await assert.rejects(add("CUSTOM_BOT", "Bot 3"), (e: any) => e.name === "InvalidRequestException" && /agent/.test(e.message));
  cs.close();
});

test("an SMS customer's messages reach a bot's socket; the bot's reply is in the transcript as CUSTOM_BOT", async () => {
  const r = await connect.send(new SendChatIntegrationEventCommand({ SourceId: "+14155550777", DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "first" } }));
  const bot = await join(r.InitialContactId!, "CUSTOM_BOT", "Bot");
  const s = await openSocket(bot.ws);
  await connect.send(new SendChatIntegrationEventCommand({ SourceId: "+14155550777", DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "second" } }));
  const f = await s.next((x) => x.item?.Content === "second");
  assert.equal(f.item!.ParticipantRole, "CUSTOMER");
  await assert.rejects(p.send(new SendMessageCommand({ ConnectionToken: bot.token, ContentType: "text/markdown", Content: "**no**" })), (e: any) => e.name === "ValidationException", "SMS chats take only text/plain");
  await say(bot.token, "reply");
  const t = await p.send(new GetTranscriptCommand({ ConnectionToken: bot.token, SortOrder: "ASCENDING" }));
  assert.deepEqual(t.Transcript!.filter((i) => i.Type === "MESSAGE").map((i) => [i.ParticipantRole, i.Content]), [["CUSTOMER", "first"], ["CUSTOMER", "second"], ["CUSTOM_BOT", "reply"]]);
  s.close();
});

test("many senders in one chat: the transcript order is the acknowledgement order", async () => {
  const w = await webChat();
  const others = await Promise.all([join(w.ContactId!, "AGENT"), join(w.ContactId!, "AGENT", "AGENT 2")]);
  const tokens = [w.token, ...others.map((o) => o.token)];
  const acked: string[] = [];
  await Promise.all(tokens.map(async (tok, k) => {
    for (let i = 0; i < 15; i++) {
      const c = `s${k}-${i}`;
      await say(tok, c);
      acked.push(c);
    }
  }));
  const t = await p.send(new GetTranscriptCommand({ ConnectionToken: w.token, MaxResults: 100, SortOrder: "ASCENDING" }));
  const order = t.Transcript!.filter((i) => i.Type === "MESSAGE").map((i) => i.Content);
  assert.deepEqual(order, acked);
});

test("boto3's connectparticipant client works against the participant service", async () => {
  const w = await webChat("Boto");
  const script = `
import boto3, json, sys
c = boto3.client("connectparticipant", endpoint_url=sys.argv[1], region_name="us-east-1")
conn = c.create_participant_connection(ParticipantToken=sys.argv[2], Type=["CONNECTION_CREDENTIALS"])
tok = conn["ConnectionCredentials"]["ConnectionToken"]
m = c.send_message(ConnectionToken=tok, ContentType="text/plain", Content="from boto3")
c.send_event(ConnectionToken=tok, ContentType="application/vnd.amazonaws.connect.event.typing")
t = c.get_transcript(ConnectionToken=tok, SortOrder="ASCENDING")
c.disconnect_participant(ConnectionToken=tok)
try:
    c.send_message(ConnectionToken=tok, ContentType="text/plain", Content="late")
    err = None
except c.exceptions.AccessDeniedException as e:
    err = e.response["Error"]["Code"]
print(json.dumps({"id": m["Id"], "transcript": [i.get("Content") for i in t["Transcript"]], "err": err}))
`;
  const home = mkdtempSync(pathJoin(tmpdir(), "cc-boto-"));
  const r = await promisify(execFile)("python3", ["-c", script, srv.url, w.ParticipantToken!], { env: awsEnv(home), timeout: 60_000 });
  const out = JSON.parse(r.stdout);
  assert.match(out.id, /^[0-9a-f-]{36}$/);
  assert.deepEqual(out.transcript, [null, "from boto3"]);
  assert.equal(out.err, "AccessDeniedException");
});
