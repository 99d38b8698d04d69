// SearchContacts through the real @aws-sdk/client-connect, boto3 and the aws CLI v1: filters, sorting, keyset paging
// that stays stable while chats arrive, TotalCount, refused tokens and time ranges, isolation between accounts, and the
// connect-chat:* segment attributes (our extension) after SMS and agent messages.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  CreateParticipantCommand,
  DescribeContactCommand,
  SearchContactsCommand,
  SendChatIntegrationEventCommand,
  StartChatContactCommand,
  type ConnectClient,
  type SearchContactsCommandInput,
} from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { DEST, INSTANCE, OTHER_DEST, OTHER_INSTANCE, OTHER_KEY, awsEnv, startServer, type Running } from "../support/server.js";
import { participantClient } from "../support/participant.js";

const run = promisify(execFile);
let srv: Running;
let connect: ConnectClient;
let other: ConnectClient;
let p: ConnectParticipantClient;
let home: string;
before(async () => {
  srv = await startServer();
  connect = srv.connect();
  other = srv.connect(OTHER_KEY);
  p = participantClient(srv.url);
  home = mkdtempSync(join(tmpdir(), "cc-search-"));
});
after(async () => {
  p.destroy();
  await srv.stop();
});

let n = 0;
/** A fresh E.164 number per chat, so no test reuses another's active chat. */
const number = () => `+1415555${String(2000 + ++n).padStart(4, "0")}`;
const sms = (from: string, content: string | undefined, type: "MESSAGE" | "DISCONNECT" = "MESSAGE", client = connect, dest = DEST) =>
  client.send(new SendChatIntegrationEventCommand({ SourceId: from, DestinationId: dest, Subtype: "connect:sms", Event: type === "MESSAGE" ? { Type: "MESSAGE", ContentType: "text/plain", Content: content } : { Type: "DISCONNECT" } }));
/**
 * A fixed window that starts just before this test's chats: earlier tests' chats stay out of it. It waits a few
 * milliseconds first, so the previous test's last chat (perhaps made in the same millisecond) is older than it.
 */
const window = async () => {
  await new Promise((ok) => setTimeout(ok, 10));
  const start = new Date(srv.clock.now());
  const end = new Date(srv.clock.now() + 600_000);
  return (type = "INITIATION_TIMESTAMP") => ({ Type: type as "INITIATION_TIMESTAMP", StartTime: start, EndTime: end });
};
/** boto3 and the CLI send timestamps in whole seconds: their windows start on a second boundary, after earlier chats. */
async function nextSecond(): Promise<number> {
  const now = srv.clock.now();
  const boundary = Math.ceil((now + 1) / 1000) * 1000;
  await new Promise((ok) => setTimeout(ok, boundary - now + 2));
  return boundary;
}
const search = (input: Omit<SearchContactsCommandInput, "InstanceId"> & { InstanceId?: string }, client = connect) =>
  client.send(new SearchContactsCommand({ InstanceId: INSTANCE, ...input }));
const fails = async (input: Parameters<typeof search>[0], code: string, message: RegExp) =>
  assert.rejects(search(input), (e: any) => {
    assert.equal(e.name, code);
    assert.equal(e.$metadata.httpStatusCode, 400);
    assert.match(e.message, message);
    return true;
  });

async function agentJoins(contactId: string, reply?: string) {
  const a = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: contactId, ParticipantDetails: { ParticipantRole: "AGENT" as never, DisplayName: "Ann" } }));
  if (reply) {
    const c = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: a.ParticipantCredentials!.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"], ConnectParticipant: true }));
    await p.send(new SendMessageCommand({ ConnectionToken: c.ConnectionCredentials!.ConnectionToken, ContentType: "text/plain", Content: reply }));
  }
  return a.ParticipantId!;
}

test("SDK v3: summaries of SMS chats carry the customer's number and the last message, role and time", async () => {
  const range = await window();
  const [a, b] = [number(), number()];
  const first = await sms(a, "hello");
  await sms(a, "second message");
  const long = "😀".repeat(250);
  const chatB = await sms(b, long);
  const agentId = await agentJoins(chatB.InitialContactId!, "Hi, this is Ann");
  await sms(b, undefined, "DISCONNECT");
  const r = await search({ TimeRange: range() });
  assert.equal(r.TotalCount, 2);
  const [sb, sa] = r.Contacts!; // newest first
  assert.equal(sa.Id, first.InitialContactId);
  assert.equal(sa.DisconnectTimestamp, undefined, "an active chat has no DisconnectTimestamp");
  assert.equal(sa.Channel, "CHAT");
  assert.equal(sa.InitiationMethod, "API");
  assert.equal(sa.Arn, `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}/contact/${sa.Id}`);
  const seg = sa.SegmentAttributes!;
  assert.deepEqual(Object.keys(seg).sort(), ["connect-chat:CustomerAddress", "connect-chat:LastMessage", "connect-chat:LastMessageRole", "connect-chat:LastMessageTimestamp", "connect:Subtype"]);
  assert.deepEqual(seg["connect:Subtype"], { ValueString: "connect:SMS" });
  assert.deepEqual(seg["connect-chat:CustomerAddress"], { ValueString: a });
  assert.deepEqual(seg["connect-chat:LastMessage"], { ValueString: "second message" });
  assert.deepEqual(seg["connect-chat:LastMessageRole"], { ValueString: "CUSTOMER" });
  assert.match(seg["connect-chat:LastMessageTimestamp"].ValueString!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.ok(sa.InitiationTimestamp! <= new Date(seg["connect-chat:LastMessageTimestamp"].ValueString!));
  // Chat B: the agent answered last; then the customer disconnected (an event, not a message).
  assert.ok(sb.DisconnectTimestamp instanceof Date);
  assert.equal(sb.AgentInfo?.Id, agentId);
  assert.ok(sb.AgentInfo?.ConnectedToAgentTimestamp instanceof Date);
  const described = await connect.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: sb.Id }));
  assert.deepEqual(described.Contact!.AgentInfo, sb.AgentInfo, "DescribeContact shows the same agent");
  assert.deepEqual(sb.SegmentAttributes!["connect-chat:LastMessage"], { ValueString: "Hi, this is Ann" });
  assert.deepEqual(sb.SegmentAttributes!["connect-chat:LastMessageRole"], { ValueString: "AGENT" });
  // The 250-emoji message was cut at 200 characters (code points, never half a surrogate pair) while it was last.
  const c = number();
  await sms(c, long);
  const [sc] = (await search({ TimeRange: range(), MaxResults: 1 })).Contacts!;
  assert.equal(sc.SegmentAttributes!["connect-chat:LastMessage"].ValueString, "😀".repeat(200));
});

test("SDK v3: filters — channel, initiation method, agent, queue, attributes, segment attributes, live chats", async () => {
  const range = await window();
  const [a, b, c] = [number(), number(), number()];
  const ca = (await sms(a, "one")).InitialContactId!;
  const cb = (await sms(b, "two")).InitialContactId!;
  const cc = (await sms(c, "three")).InitialContactId!;
  const agent = await agentJoins(cb);
  await sms(c, undefined, "DISCONNECT");
  const web = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Web" }, Attributes: { tier: "gold" } }));
  const ids = async (criteria: SearchContactsCommandInput["SearchCriteria"], type?: string) =>
    ((await search({ TimeRange: range(type), SearchCriteria: criteria })).Contacts ?? []).map((x) => x.Id).sort();
  const all = [ca, cb, cc, web.ContactId!].sort();
  assert.deepEqual(await ids({}), all);
  assert.deepEqual(await ids({ Channels: ["CHAT"] }), all);
  assert.deepEqual(await ids({ Channels: ["VOICE", "TASK"] }), []);
  assert.deepEqual(await ids({ InitiationMethods: ["API"] }), all);
  assert.deepEqual(await ids({ InitiationMethods: ["INBOUND"] }), []);
  assert.deepEqual(await ids({ AgentIds: [agent] }), [cb]);
  assert.deepEqual(await ids({ QueueIds: ["q-1"] }), [], "no contact is queued here");
  assert.deepEqual(await ids({ AgentHierarchyGroups: { L1Ids: ["h"] } }), []);
  assert.deepEqual(await ids({ ContactAnalysis: { Transcript: { Criteria: [{ ParticipantRole: "CUSTOMER", SearchText: ["one"], MatchType: "MATCH_ANY" }] } } }), []);
  assert.deepEqual(await ids({ SearchableContactAttributes: { Criteria: [{ Key: "tier", Values: ["gold", "silver"] }] } }), [web.ContactId]);
  assert.deepEqual(await ids({ SearchableSegmentAttributes: { Criteria: [{ Key: "connect:Subtype", Values: ["connect:sms"] }] } }), [ca, cb, cc].sort());
  const byAddress = { SearchableSegmentAttributes: { Criteria: [{ Key: "connect-chat:CustomerAddress", Values: [a, c] }] } };
  assert.deepEqual(await ids(byAddress), [ca, cc].sort());
  assert.deepEqual(
    await ids({ SearchableSegmentAttributes: { MatchType: "MATCH_ANY", Criteria: [{ Key: "connect-chat:CustomerAddress", Values: [a] }, { Key: "connect:Subtype", Values: ["connect:WhatsApp"] }] } }),
    [ca],
  );
  const live = { AdditionalTimeRange: { MatchType: "MATCH_ALL" as const, Criteria: [{ TimestampCondition: { Type: "DISCONNECT_TIMESTAMP" as const, ConditionType: "NOT_EXISTS" as const } }] } };
  assert.deepEqual(await ids(live), [ca, cb, web.ContactId!].sort(), "live chats: no disconnect timestamp");
  assert.deepEqual(await ids({}, "DISCONNECT_TIMESTAMP"), [cc]);
  assert.deepEqual(await ids({}, "CONNECTED_TO_AGENT_TIMESTAMP"), [cb]);
  assert.deepEqual(await ids({}, "SCHEDULED_TIMESTAMP"), []);
});

test("SDK v3: pages by keyset — every chat exactly once, in order, while new chats arrive; ascending and other sorts", async () => {
  const range = await window();
  const made: string[] = [];
  for (let i = 0; i < 7; i++) made.push((await sms(number(), `m${i}`)).InitialContactId!);
  const seen: string[] = [];
  const totals: number[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const r = await search({ TimeRange: range(), MaxResults: 3, NextToken: token });
    seen.push(...r.Contacts!.map((c) => c.Id!));
    totals.push(r.TotalCount!);
    token = r.NextToken;
    if (++pages === 1) await sms(number(), "arrived between pages"); // newest: sorts before the first page
  } while (token);
  assert.deepEqual(seen, [...made].reverse(), "INITIATION_TIMESTAMP DESCENDING by default, no duplicates or gaps");
  assert.deepEqual(totals, [7, 8, 8]);
  const asc = await search({ TimeRange: range(), Sort: { FieldName: "INITIATION_TIMESTAMP", Order: "ASCENDING" }, MaxResults: 100 });
  assert.deepEqual(asc.Contacts!.map((c) => c.Id).slice(0, 7), made);
  assert.equal(asc.NextToken, undefined);
  await sms(number(), "x");
  const disc = await search({ TimeRange: range(), Sort: { FieldName: "DISCONNECT_TIMESTAMP", Order: "DESCENDING" } });
  assert.equal(disc.Contacts!.length, 9);
  for (const field of ["CHANNEL", "INITIATION_METHOD"] as const) {
    const r = await search({ TimeRange: range(), Sort: { FieldName: field, Order: "ASCENDING" }, MaxResults: 4 });
    const rest = await search({ TimeRange: range(), Sort: { FieldName: field, Order: "ASCENDING" }, MaxResults: 100, NextToken: r.NextToken });
    assert.equal(new Set([...r.Contacts!, ...rest.Contacts!].map((c) => c.Id)).size, 9, field);
  }
});

test("SDK v3: a NextToken that is garbage, edited, or from another search is 400 InvalidRequestException", async () => {
  const range = await window();
  for (let i = 0; i < 3; i++) await sms(number(), "t");
  const r = await search({ TimeRange: range(), MaxResults: 1 });
  assert.ok(r.NextToken);
  await fails({ TimeRange: range(), NextToken: "not-a-token" }, "InvalidRequestException", /NextToken/);
  const edited = JSON.parse(Buffer.from(r.NextToken!, "base64url").toString());
  edited.k -= 1;
  await fails({ TimeRange: range(), NextToken: Buffer.from(JSON.stringify(edited)).toString("base64url") }, "InvalidRequestException", /NextToken/);
  await fails({ TimeRange: range(), NextToken: r.NextToken, Sort: { FieldName: "INITIATION_TIMESTAMP", Order: "ASCENDING" } }, "InvalidRequestException", /NextToken/);
  const subtype = { SearchableSegmentAttributes: { Criteria: [{ Key: "connect:Subtype", Values: ["connect:SMS"] }] } };
  await fails({ TimeRange: range(), NextToken: r.NextToken, SearchCriteria: subtype }, "InvalidRequestException", /NextToken/);
  await fails({ TimeRange: { ...range(), EndTime: new Date(srv.clock.now() + 1_200_000) }, NextToken: r.NextToken }, "InvalidRequestException", /NextToken/);
  const again = await search({ TimeRange: range(), MaxResults: 1, NextToken: r.NextToken });
  assert.equal(again.Contacts!.length, 1, "the untouched token still works");
});

test("SDK v3: time ranges past Connect's limits and bad paging values are refused, naming the field", async () => {
  const now = srv.clock.now();
  const at = (start: number, end: number) => ({ Type: "INITIATION_TIMESTAMP" as const, StartTime: new Date(start), EndTime: new Date(end) });
  const day = 86_400_000;
  await fails({ TimeRange: at(now, now - 1) }, "InvalidParameterException", /TimeRange\.StartTime must not be after TimeRange\.EndTime/);
  await fails({ TimeRange: at(now - 56 * day - 1000, now) }, "InvalidParameterException", /TimeRange must not span more than 8 weeks/);
  assert.ok((await search({ TimeRange: at(now - 56 * day, now) })).Contacts, "exactly 8 weeks is allowed");
  await fails({ TimeRange: at(now - 731 * day, now - 700 * day) }, "InvalidParameterException", /TimeRange\.StartTime must not be more than 2 years/);
  await fails({ TimeRange: at(now - day, now), MaxResults: 101 }, "InvalidRequestException", /MaxResults/);
  await fails({ TimeRange: at(now - day, now), MaxResults: 0 }, "InvalidRequestException", /MaxResults/);
  await fails({ TimeRange: at(now - day, now), SearchCriteria: { SearchableContactAttributes: { MatchType: "MATCH_EXACT", Criteria: [{ Key: "a", Values: ["b"] }] } } }, "InvalidParameterException", /SearchableContactAttributes\.MatchType/);
});

test("SDK v3: each account sees only its own instance's contacts", async () => {
  const range = await window();
  const mine = (await sms(number(), "mine")).InitialContactId!;
  const theirs = (await sms(number(), "theirs", "MESSAGE", other, OTHER_DEST)).InitialContactId!;
  assert.deepEqual((await search({ TimeRange: range() })).Contacts!.map((c) => c.Id), [mine]);
  assert.deepEqual((await search({ InstanceId: OTHER_INSTANCE, TimeRange: range() }, other)).Contacts!.map((c) => c.Id), [theirs]);
  await assert.rejects(search({ TimeRange: range() }, other), (e: any) => e.name === "ResourceNotFoundException" && e.$metadata.httpStatusCode === 404);
  await assert.rejects(search({ InstanceId: OTHER_INSTANCE, TimeRange: range() }), (e: any) => e.name === "ResourceNotFoundException");
});

const BOTO = `
import boto3, json, sys, datetime
from botocore.exceptions import ClientError
c = boto3.client("connect", endpoint_url=sys.argv[1], region_name="us-east-1")
start = datetime.datetime.fromtimestamp(float(sys.argv[3]) / 1000, datetime.timezone.utc)
end = start + datetime.timedelta(hours=1)
rng = {"Type": "INITIATION_TIMESTAMP", "StartTime": start, "EndTime": end}
out = {}
pages = c.get_paginator("search_contacts").paginate(InstanceId=sys.argv[2], TimeRange=rng, SearchCriteria={"Channels": ["CHAT"]}, PaginationConfig={"PageSize": 2})
out["pages"] = [[x["Id"] for x in pg["Contacts"]] for pg in pages]
one = c.search_contacts(InstanceId=sys.argv[2], TimeRange=rng, MaxResults=1, Sort={"FieldName": "INITIATION_TIMESTAMP", "Order": "ASCENDING"})
out["first"] = {"id": one["Contacts"][0]["Id"], "total": one["TotalCount"], "seg": one["Contacts"][0]["SegmentAttributes"], "disc": "DisconnectTimestamp" in one["Contacts"][0]}
def err(**kw):
    try:
        c.search_contacts(InstanceId=sys.argv[2], **kw)
    except ClientError as e:
        return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Message"]]
out["badToken"] = err(TimeRange=rng, NextToken="garbage")
out["badRange"] = err(TimeRange={"Type": "INITIATION_TIMESTAMP", "StartTime": end, "EndTime": start})
print(json.dumps(out))
`;

test("boto3: the search_contacts paginator walks every page; errors have Connect's codes", async () => {
  const start = await nextSecond();
  const made: string[] = [];
  const first = number();
  for (const from of [first, number(), number(), number(), number()]) made.push((await sms(from, `boto ${from}`)).InitialContactId!);
  const r = await run("python3", ["-c", BOTO, srv.url, INSTANCE, String(start)], { env: awsEnv(home), timeout: 60_000 });
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.pages, [[made[4], made[3]], [made[2], made[1]], [made[0]]]);
  assert.equal(out.first.id, made[0]);
  assert.equal(out.first.total, 5);
  assert.equal(out.first.disc, false);
  assert.deepEqual(out.first.seg["connect-chat:CustomerAddress"], { ValueString: first });
  assert.deepEqual(out.first.seg["connect-chat:LastMessage"], { ValueString: `boto ${first}` });
  assert.deepEqual(out.first.seg["connect-chat:LastMessageRole"], { ValueString: "CUSTOMER" });
  assert.deepEqual(out.badToken.slice(0, 2), ["InvalidRequestException", 400]);
  assert.deepEqual(out.badRange.slice(0, 2), ["InvalidParameterException", 400]);
  assert.match(out.badRange[2], /TimeRange\.StartTime/);
});

test("aws CLI v1: search-contacts pages through every chat with --page-size and prints the extension attributes", async () => {
  const start = new Date(await nextSecond());
  const made: string[] = [];
  for (let i = 0; i < 3; i++) made.push((await sms(number(), `cli ${i}`)).InitialContactId!);
  const end = new Date(srv.clock.now() + 60_000);
  const args = ["--endpoint-url", srv.url, "connect", "search-contacts", "--instance-id", INSTANCE, "--time-range", `Type=INITIATION_TIMESTAMP,StartTime=${start.toISOString()},EndTime=${end.toISOString()}`];
  const a = await run("aws", [...args, "--page-size", "1", "--query", "Contacts[].Id"], { env: awsEnv(home), timeout: 60_000 });
  assert.deepEqual(JSON.parse(a.stdout), [...made].reverse());
  const b = await run("aws", [...args, "--sort", "FieldName=INITIATION_TIMESTAMP,Order=ASCENDING", "--max-items", "1"], { env: awsEnv(home), timeout: 60_000 });
  const page = JSON.parse(b.stdout);
  assert.deepEqual(page.Contacts.map((c: any) => c.SegmentAttributes["connect-chat:LastMessage"].ValueString), ["cli 0"]);
  assert.equal(page.TotalCount, 3);
  assert.ok(page.NextToken, "the CLI's own resume token after --max-items");
  const c = await run("aws", [...args.slice(0, -2), "--time-range", `Type=INITIATION_TIMESTAMP,StartTime=${end.toISOString()},EndTime=${start.toISOString()}`], { env: awsEnv(home), timeout: 60_000 }).catch((e) => e);
  assert.equal(c.code, 255);
  assert.match(c.stderr, /InvalidParameterException.*TimeRange\.StartTime/s);
});
