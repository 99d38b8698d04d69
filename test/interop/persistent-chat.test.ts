// Persistent chat through the real SDKs: StartChatContact PersistentChat (FROM_SEGMENT, ENTIRE_PAST_SESSION), the
// exact transcript a returning customer pages through (BACKWARD, past items with RelatedContactId), the errors for
// live or already-rehydrated sources, RelatedContactId and the other StartChatContact members in DescribeContact.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { CreateParticipantCommand, CreatePersistentContactAssociationCommand, DescribeContactCommand, StartChatContactCommand, StopContactCommand, type ConnectClient, type StartChatContactCommandInput } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, DisconnectParticipantCommand, GetTranscriptCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { INSTANCE, awsEnv, startServer, type Running } from "../support/server.js";
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

const EV = "application/vnd.amazonaws.connect.event.";
const invalid = (re: RegExp) => (e: any) => e.name === "InvalidRequestException" && e.$metadata.httpStatusCode === 400 && re.test(e.message);

async function start(extra: Partial<StartChatContactCommandInput> = {}, name = "Cust") {
  const s = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: name }, ...extra }));
  const c = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
  return { ...s, token: c.ConnectionCredentials!.ConnectionToken!, ws: c.Websocket!.Url! };
}
const say = (token: string, Content: string) => p.send(new SendMessageCommand({ ConnectionToken: token, ContentType: "text/plain", Content }));

/** A chat where the customer and an agent each say something, then the customer leaves. */
async function pastChat(customerSays: string, agentSays: string, extra: Partial<StartChatContactCommandInput> = {}) {
  const c = await start(extra);
  await say(c.token, customerSays);
  const a = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: c.ContactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Alice" } }));
  const ac = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: a.ParticipantCredentials!.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  await say(ac.ConnectionCredentials!.ConnectionToken!, agentSays);
  await p.send(new DisconnectParticipantCommand({ ConnectionToken: c.token }));
  return c;
}

/** Every page of a BACKWARD scan from the newest item, as a client pages with NextToken. */
async function allPages(token: string, MaxResults: number) {
  const pages: { items: any[]; next?: string }[] = [];
  let NextToken: string | undefined;
  do {
    const r = await p.send(new GetTranscriptCommand({ ConnectionToken: token, MaxResults, NextToken, ScanDirection: "BACKWARD", SortOrder: "DESCENDING" }));
    pages.push({ items: r.Transcript!, next: r.NextToken });
    NextToken = r.NextToken;
  } while (NextToken);
  return pages;
}
const brief = (i: any) => `${i.RelatedContactId ? "past " : ""}${i.ParticipantRole ?? "-"} ${i.Type === "MESSAGE" ? i.Content : i.ContentType.replace(EV, "")}`;

test("FROM_SEGMENT: the new chat continues the ended one; the customer pages its own items, then the past ones marked RelatedContactId", async () => {
  const c1 = await pastChat("my order is late", "let me check");
  const c2 = await start({ PersistentChat: { RehydrationType: "FROM_SEGMENT", SourceContactId: c1.ContactId } });
  assert.equal(c2.ContinuedFromContactId, c1.ContactId);
  await say(c2.token, "I am back");
  const pages = await allPages(c2.token, 3);
  assert.deepEqual(
    pages.map((pg) => pg.items.map(brief)),
    [
      ["CUSTOMER I am back", "CUSTOMER participant.joined", "past - chat.ended"],
      ["past AGENT participant.left", "past CUSTOMER participant.left", "past AGENT let me check"],
      ["past AGENT participant.joined", "past CUSTOMER my order is late", "past CUSTOMER participant.joined"],
    ],
  );
  assert.equal(pages.at(-1)!.next, undefined);
  const past = pages.flatMap((pg) => pg.items).filter((i) => i.RelatedContactId);
  assert.ok(past.every((i) => i.RelatedContactId === c1.ContactId));
  assert.ok(pages[0].items.slice(0, 2).every((i) => i.RelatedContactId === undefined), "the chat's own items carry no RelatedContactId");
  // A first page holding the chat's own items already says there is more (the past), as Connect's does.
  const first = await p.send(new GetTranscriptCommand({ ConnectionToken: c2.token, MaxResults: 2 }));
  assert.deepEqual(first.Transcript!.map(brief), ["CUSTOMER I am back", "CUSTOMER participant.joined"]);
  assert.ok(first.NextToken);
  const whole = await p.send(new GetTranscriptCommand({ ConnectionToken: c2.token }));
  assert.equal(whole.Transcript!.length, 9, "the default page (10) holds all 2 + 7 items");
  assert.equal(whole.NextToken, undefined);
  // StartPosition and ContactId do not reach past items.
  const forward = await p.send(new GetTranscriptCommand({ ConnectionToken: c2.token, StartPosition: { MostRecent: 0 }, ScanDirection: "BACKWARD", MaxResults: 100 }));
  assert.ok(forward.Transcript!.every((i) => !i.RelatedContactId));
  const byId = await p.send(new GetTranscriptCommand({ ConnectionToken: c2.token, ContactId: c2.ContactId, MaxResults: 100 }));
  assert.deepEqual(byId.Transcript!.map(brief), ["CUSTOMER I am back", "CUSTOMER participant.joined"]);
  const d = await connect.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: c2.ContactId }));
  assert.equal(d.Contact!.RelatedContactId, c1.ContactId);
  assert.equal(d.Contact!.InitialContactId, c2.ContactId);
});

test("linkages are cumulative: continuing a continued chat shows both past chats; ENTIRE_PAST_SESSION answers the session's last ended contact", async () => {
  const c1 = await pastChat("first visit", "hello 1");
  const c2 = await start({ PersistentChat: { RehydrationType: "ENTIRE_PAST_SESSION", SourceContactId: c1.ContactId } });
  assert.equal(c2.ContinuedFromContactId, c1.ContactId);
  await say(c2.token, "second visit");
  await p.send(new DisconnectParticipantCommand({ ConnectionToken: c2.token }));
  const c3 = await start({ PersistentChat: { RehydrationType: "ENTIRE_PAST_SESSION", SourceContactId: c2.ContactId } });
  assert.equal(c3.ContinuedFromContactId, c2.ContactId);
  const all = (await allPages(c3.token, 100)).flatMap((pg) => pg.items);
  assert.deepEqual(
    all.filter((i) => i.Type === "MESSAGE").map((i) => [i.Content, i.RelatedContactId]),
    [
      ["second visit", c2.ContactId],
      ["hello 1", c1.ContactId],
      ["first visit", c1.ContactId],
    ],
  );
});

test("only ended chats, once per source; a source outside the instance is not found; PersistentChat and RelatedContactId exclude each other", async () => {
  const live = await start();
  await assert.rejects(connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "x" }, PersistentChat: { RehydrationType: "FROM_SEGMENT", SourceContactId: live.ContactId } })), invalid(/has not ended/));
  await assert.rejects(connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "x" }, PersistentChat: { RehydrationType: "ENTIRE_PAST_SESSION", SourceContactId: live.ContactId } })), invalid(/has not ended/));
  await connect.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: live.ContactId }));
  const ok = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "x" }, PersistentChat: { RehydrationType: "FROM_SEGMENT", SourceContactId: live.ContactId } }));
  assert.equal(ok.ContinuedFromContactId, live.ContactId);
  for (const RehydrationType of ["FROM_SEGMENT", "ENTIRE_PAST_SESSION"] as const)
    await assert.rejects(
      connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "x" }, PersistentChat: { RehydrationType, SourceContactId: live.ContactId } })),
      invalid(/already used for a persistent chat/),
    );
  await assert.rejects(
    connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "x" }, PersistentChat: { RehydrationType: "FROM_SEGMENT", SourceContactId: "no-such-contact" } })),
    (e: any) => e.name === "ResourceNotFoundException",
  );
  await assert.rejects(
    connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "x" }, RelatedContactId: live.ContactId, PersistentChat: { RehydrationType: "FROM_SEGMENT", SourceContactId: live.ContactId } })),
    invalid(/both RelatedContactId and PersistentChat/),
  );
  await assert.rejects(
    connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "x" }, PersistentChat: { SourceContactId: live.ContactId } })),
    invalid(/RehydrationType is required/),
  );
});

test("a refused rehydration creates nothing: the source stays available", async () => {
  const c1 = await pastChat("a", "b");
  // Refused after the source was resolved (a bad flow id): nothing is kept, so the source can still be used.
  await assert.rejects(connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "no-such-flow", ParticipantDetails: { DisplayName: "x" }, PersistentChat: { RehydrationType: "FROM_SEGMENT", SourceContactId: c1.ContactId } })));
  const ok = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "x" }, PersistentChat: { RehydrationType: "FROM_SEGMENT", SourceContactId: c1.ContactId } }));
  assert.equal(ok.ContinuedFromContactId, c1.ContactId);
});

test("a connection to a rehydrated chat is pushed chat.rehydrated (not kept in the transcript)", async () => {
  const c1 = await pastChat("x", "y");
  const c2 = await start({ PersistentChat: { RehydrationType: "FROM_SEGMENT", SourceContactId: c1.ContactId } });
  const sock = await openSocket(c2.ws);
  const f = await sock.next((x) => x.item?.ContentType === `${EV}chat.rehydrated`);
  assert.equal(f.item!.Type, "EVENT");
  assert.equal(f.item!.InitialContactId, c2.ContactId);
  sock.close();
  const t = await p.send(new GetTranscriptCommand({ ConnectionToken: c2.token, MaxResults: 100 }));
  assert.ok(!t.Transcript!.some((i) => i.ContentType === `${EV}chat.rehydrated`));
  // A chat that is not persistent gets no such event.
  const plain = await start();
  const s2 = await openSocket(plain.ws);
  await say(plain.token, "marker");
  const seen = await s2.next((x) => x.item?.Content === "marker");
  assert.ok(seen);
  assert.ok(!s2.frames.some((x: any) => x.item?.ContentType === `${EV}chat.rehydrated`));
  s2.close();
});

test("RelatedContactId copies the related contact's attributes under the request's; SegmentAttributes, CustomerId are described", async () => {
  const c1 = await start({ Attributes: { tier: "gold", lang: "en" } });
  const c2 = await connect.send(
    new StartChatContactCommand({
      InstanceId: INSTANCE,
      ContactFlowId: "flow",
      ParticipantDetails: { DisplayName: "x" },
      RelatedContactId: c1.ContactId,
      Attributes: { lang: "fr" },
      CustomerId: "crm-42",
      SegmentAttributes: { "connect:Subtype": { ValueString: "connect:Guide" }, plan: { ValueInteger: 3 } },
      SupportedMessagingContentTypes: ["text/plain", "application/vnd.amazonaws.connect.message.interactive", "application/vnd.amazonaws.connect.message.interactive.response"],
      DisconnectOnCustomerExit: ["AGENT"],
      ParticipantConfiguration: { ResponseMode: "INCREMENTAL" },
    }),
  );
  assert.equal(c2.ContinuedFromContactId, undefined);
  const d = (await connect.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: c2.ContactId }))).Contact!;
  assert.equal(d.RelatedContactId, c1.ContactId);
  assert.deepEqual(d.Attributes, { tier: "gold", lang: "fr" });
  assert.equal(d.CustomerId, "crm-42");
  assert.deepEqual(d.SegmentAttributes, { "connect:Subtype": { ValueString: "connect:Guide" }, plan: { ValueInteger: 3 } });
  await assert.rejects(
    connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "x" }, SegmentAttributes: { "connect:Subtype": { ValueString: "connect:Guide" } } })),
    invalid(/connect:Guide needs/),
  );
  await assert.rejects(
    connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "x" }, SegmentAttributes: { mine: { ValueArn: "arn:aws:x" } } })),
    invalid(/only for system-defined/),
  );
  await assert.rejects(
    connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "x" }, RelatedContactId: "nope" })),
    (e: any) => e.name === "ResourceNotFoundException",
  );
});

test("CreatePersistentContactAssociation makes a running chat continue an ended one, once; its sockets are pushed chat.rehydrated", async () => {
  const c1 = await pastChat("earlier question", "earlier answer");
  const live = await start();
  const sock = await openSocket(live.ws);
  const assoc = (InitialContactId: string, SourceContactId: string, RehydrationType = "FROM_SEGMENT") =>
    connect.send(new CreatePersistentContactAssociationCommand({ InstanceId: INSTANCE, InitialContactId, SourceContactId, RehydrationType: RehydrationType as any }));
  const r = await assoc(live.ContactId!, c1.ContactId!, "ENTIRE_PAST_SESSION");
  assert.equal(r.ContinuedFromContactId, c1.ContactId);
  await sock.next((x) => x.item?.ContentType === `${EV}chat.rehydrated`);
  sock.close();
  const t = await p.send(new GetTranscriptCommand({ ConnectionToken: live.token, MaxResults: 100 }));
  assert.deepEqual(t.Transcript!.filter((i) => i.Type === "MESSAGE").map((i) => [i.Content, i.RelatedContactId]), [
    ["earlier answer", c1.ContactId],
    ["earlier question", c1.ContactId],
  ]);
  assert.equal((await connect.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: live.ContactId }))).Contact!.RelatedContactId, c1.ContactId);
  // Once per chat, and once per source (across both APIs).
  const c0 = await pastChat("older", "older answer");
  await assert.rejects(assoc(live.ContactId!, c0.ContactId!), invalid(/already a persistent chat/));
  const other = await start();
  await assert.rejects(assoc(other.ContactId!, c1.ContactId!), invalid(/already used for a persistent chat/));
  await assert.rejects(
    connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "x" }, PersistentChat: { RehydrationType: "FROM_SEGMENT", SourceContactId: c1.ContactId } })),
    invalid(/already used for a persistent chat/),
  );
  // A chat started persistent cannot be associated again; an ended chat cannot be associated; a live source is refused.
  const started = await start({ PersistentChat: { RehydrationType: "FROM_SEGMENT", SourceContactId: c0.ContactId } });
  const c4 = await pastChat("x", "y");
  await assert.rejects(assoc(started.ContactId!, c4.ContactId!), invalid(/already a persistent chat/));
  await assert.rejects(assoc(c4.ContactId!, c0.ContactId!), invalid(/is not active/));
  await assert.rejects(assoc(other.ContactId!, started.ContactId!), invalid(/has not ended/));
  // The refusals left c4 free to be continued.
  assert.equal((await assoc(other.ContactId!, c4.ContactId!)).ContinuedFromContactId, c4.ContactId);
});

test("boto3: both rehydration types, the transcript paged with NextToken, and Connect's refusals", async () => {
  const script = `
import boto3, json, sys
url, inst = sys.argv[1], sys.argv[2]
c = boto3.client("connect", endpoint_url=url, region_name="us-east-1")
p = boto3.client("connectparticipant", endpoint_url=url, region_name="us-east-1")
def chat(**kw):
    s = c.start_chat_contact(InstanceId=inst, ContactFlowId="flow", ParticipantDetails={"DisplayName": "Boto"}, **kw)
    tok = p.create_participant_connection(ParticipantToken=s["ParticipantToken"], Type=["CONNECTION_CREDENTIALS"])["ConnectionCredentials"]["ConnectionToken"]
    return s, tok
def pages(tok):
    out, kw = [], {}
    while True:
        r = p.get_transcript(ConnectionToken=tok, MaxResults=2, ScanDirection="BACKWARD", **kw)
        out.append([(i.get("Content") or i["ContentType"].split(".")[-1], i.get("RelatedContactId")) for i in r["Transcript"]])
        if not r.get("NextToken"): return out
        kw = {"NextToken": r["NextToken"]}
s1, t1 = chat()
p.send_message(ConnectionToken=t1, ContentType="text/plain", Content="hello from boto3")
err = {}
try:
    c.start_chat_contact(InstanceId=inst, ContactFlowId="flow", ParticipantDetails={"DisplayName": "x"}, PersistentChat={"RehydrationType": "FROM_SEGMENT", "SourceContactId": s1["ContactId"]})
except c.exceptions.InvalidRequestException as e:
    err["live"] = e.response["Error"]["Code"]
p.disconnect_participant(ConnectionToken=t1)
s2, t2 = chat(PersistentChat={"RehydrationType": "FROM_SEGMENT", "SourceContactId": s1["ContactId"]})
try:
    c.start_chat_contact(InstanceId=inst, ContactFlowId="flow", ParticipantDetails={"DisplayName": "x"}, PersistentChat={"RehydrationType": "ENTIRE_PAST_SESSION", "SourceContactId": s1["ContactId"]})
except c.exceptions.InvalidRequestException as e:
    err["again"] = e.response["Error"]["Code"]
p.disconnect_participant(ConnectionToken=t2)
s3, t3 = chat()
a = c.create_persistent_contact_association(InstanceId=inst, InitialContactId=s3["ContactId"], RehydrationType="ENTIRE_PAST_SESSION", SourceContactId=s2["ContactId"])
d = c.describe_contact(InstanceId=inst, ContactId=s3["ContactId"])["Contact"]
print(json.dumps({"ids": [s1["ContactId"], s2["ContactId"], s3["ContactId"]], "continued": [s2.get("ContinuedFromContactId"), a["ContinuedFromContactId"]],
  "related": d.get("RelatedContactId"), "err": err, "pages": pages(t3)}))
`;
  const home = mkdtempSync(join(tmpdir(), "cc-boto-"));
  const r = await promisify(execFile)("python3", ["-c", script, srv.url, INSTANCE], { env: awsEnv(home), timeout: 60_000 });
  const out = JSON.parse(r.stdout);
  const [id1, id2, id3] = out.ids;
  assert.deepEqual(out.continued, [id1, id2]);
  assert.equal(out.related, id2);
  assert.deepEqual(out.err, { live: "InvalidRequestException", again: "InvalidRequestException" });
  assert.deepEqual(out.pages, [
    [["joined", null], ["ended", id2]],
    [["left", id2], ["joined", id2]],
    [["ended", id1], ["left", id1]],
    [["hello from boto3", id1], ["joined", id1]],
  ]);
  assert.notEqual(id3, id2);
});
