// A transferred chat becomes a new contact, as in Amazon Connect, through @aws-sdk/client-connect and the participant
// SDK on SQLite and PostgreSQL: TransferContact to a queue answers a new ContactId (PreviousContactId, the same
// InitialContactId, InitiationMethod TRANSFER); the first contact ends with its agent, who wraps it up; the customer's
// token, socket and transcript go on; the next agent accepts the new id and reads the whole chat. A second transfer,
// to an agent, makes a chain of three; SearchContacts tells them apart; persistent chat picks the right segment of the
// ended session (FROM_SEGMENT exactly, ENTIRE_PAST_SESSION the most recently ended). Offers are accepted with the
// AcceptContact extension (signed by hand: no SDK has it).
import { test, after, before, describe } from "node:test";
import assert from "node:assert/strict";
import {
  CreateContactFlowCommand, CreateQueueCommand, CreateRoutingProfileCommand, CreateUserCommand, DescribeContactCommand, DescribeQueueCommand, GetContactAttributesCommand,
  GetCurrentUserDataCommand, ListAgentStatusesCommand, ListQueuesCommand, ListSecurityProfilesCommand, PutUserStatusCommand, SearchContactsCommand, StartChatContactCommand,
  StopContactCommand, TransferContactCommand, UpdateContactAttributesCommand, UpdateUserConfigCommand, type ConnectClient,
} from "@aws-sdk/client-connect";
import { ConnectParticipantClient, CreateParticipantConnectionCommand, DisconnectParticipantCommand, GetTranscriptCommand, SendMessageCommand } from "@aws-sdk/client-connectparticipant";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { INSTANCE, KEY, REGION, startServer, type Running } from "../support/server.js";
import { openSocket } from "../support/participant.js";
import { signedPost, until } from "../support/routing-http.js";
import { queueOrDisconnect } from "../support/flows.js";

const LEFT = "application/vnd.amazonaws.connect.event.participant.left";

for (const store of ["sqlite", "postgres"] as const) describe(store, () => {
  let srv: Running;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let c: ConnectClient;
  let p: ConnectParticipantClient;
  before(async () => {
    if (store === "postgres") {
      scratch = await createScratchDatabase();
      srv = await startServer({ databaseUrl: await scratch.schema("transfers") });
    } else srv = await startServer();
    c = srv.connect();
    p = new ConnectParticipantClient({ endpoint: srv.url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
  });
  after(async () => {
    p.destroy();
    await srv.stop();
    await scratch?.drop();
  });

  async function failure(x: Promise<unknown>): Promise<[string, number]> {
    try {
      await x;
    } catch (e) {
      const err = e as { name: string; $metadata: { httpStatusCode: number } };
      return [err.name, err.$metadata.httpStatusCode];
    }
    assert.fail("the call succeeded");
  }
  const describeContact = async (ContactId: string) => (await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId }))).Contact!;
  const connection = async (ParticipantToken: string) => (await p.send(new CreateParticipantConnectionCommand({ ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] })));
  const say = (ConnectionToken: string, Content: string) => p.send(new SendMessageCommand({ ConnectionToken, ContentType: "text/plain", Content }));
  const transcript = async (ConnectionToken: string, ContactId?: string) => (await p.send(new GetTranscriptCommand({ ConnectionToken, ContactId, MaxResults: 100, SortOrder: "ASCENDING" }))).Transcript!;
  const said = (items: { Type?: string; Content?: string }[]) => items.filter((i) => i.Type === "MESSAGE").map((i) => i.Content);
  /** The user's offer of this contact accepted (the matcher offers after the commit): their connection token. */
  const acceptOffer = async (UserId: string, ContactId: string) => {
    const a = await until(`the offer of ${ContactId}`, async () => {
      const r = await signedPost(srv.port, "/contact/accept", { InstanceId: INSTANCE, ContactId, UserId });
      return r.status === 200 ? r : undefined;
    });
    return (await connection(a.json.ParticipantCredentials.ParticipantToken)).ConnectionCredentials!.ConnectionToken!;
  };
  const contactsOf = async (user: string) =>
    (await c.send(new GetCurrentUserDataCommand({ InstanceId: INSTANCE, Filters: { Agents: [user] } }))).UserDataList![0].Contacts!.map((x) => [x.ContactId, x.AgentContactState]);

  const users: Record<string, string> = {};
  let support: string;
  let sales: string;
  let available: string;
  let c1: string;
  let c2: string;
  let c3: string;
  let customer: string;
  let socket: Awaited<ReturnType<typeof openSocket>>;
  let ann: string;
  let dan: string;

  test(`${store}: setup: ann (AutoAccept) answers a chat a flow queued in Sales; dan serves Support`, async () => {
    const basic = (await c.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.find((q) => q.Name === "BasicQueue")!;
    const hours = (await c.send(new DescribeQueueCommand({ InstanceId: INSTANCE, QueueId: basic.Id }))).Queue!.HoursOfOperationId!;
    sales = (await c.send(new CreateQueueCommand({ InstanceId: INSTANCE, Name: "Sales", HoursOfOperationId: hours }))).QueueId!;
    support = (await c.send(new CreateQueueCommand({ InstanceId: INSTANCE, Name: "Support", HoursOfOperationId: hours }))).QueueId!;
    const profile = async (Name: string, q: string) =>
      (await c.send(new CreateRoutingProfileCommand({ InstanceId: INSTANCE, Name, Description: Name, DefaultOutboundQueueId: q, MediaConcurrencies: [{ Channel: "CHAT", Concurrency: 2 }], QueueConfigs: [{ QueueReference: { QueueId: q, Channel: "CHAT" }, Priority: 1, Delay: 0 }] }))).RoutingProfileId!;
    const front = await profile("Front", sales);
    const back = await profile("Back", support);
    const agent = (await c.send(new ListSecurityProfilesCommand({ InstanceId: INSTANCE }))).SecurityProfileSummaryList!.find((x) => x.Name === "Agent")!.Id!;
    for (const [name, rp] of [["ann", front], ["dan", back], ["cat", front]] as const)
      users[name] = (await c.send(new CreateUserCommand({ InstanceId: INSTANCE, Username: `${name}-transfer`, Password: "Str0ngPassw0rd!", RoutingProfileId: rp, SecurityProfileIds: [agent], PhoneConfig: { PhoneType: "SOFT_PHONE" }, IdentityInfo: { FirstName: name } }))).UserId!;
    await c.send(new UpdateUserConfigCommand({ InstanceId: INSTANCE, UserId: users.ann, AutoAcceptConfigs: [{ Channel: "CHAT", AutoAccept: true }] }));
    available = (await c.send(new ListAgentStatusesCommand({ InstanceId: INSTANCE }))).AgentStatusSummaryList!.find((s) => s.Name === "Available")!.Id!;
    for (const u of ["ann", "dan"]) await c.send(new PutUserStatusCommand({ InstanceId: INSTANCE, UserId: users[u], AgentStatusId: available }));
    const f = (await c.send(new CreateContactFlowCommand({ InstanceId: INSTANCE, Name: "Sales in", Type: "CONTACT_FLOW", Content: queueOrDisconnect(sales) }))).ContactFlowId!;
    const chat = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: f, ParticipantDetails: { DisplayName: "Cam" }, Attributes: { order: "A-17" } }));
    c1 = chat.ContactId!;
    const conn = await connection(chat.ParticipantToken!);
    customer = conn.ConnectionCredentials!.ConnectionToken!;
    socket = await openSocket(conn.Websocket!.Url!);
    ann = await acceptOffer(users.ann, c1);
    await say(customer, "my order is late");
    await say(ann, "let me check");
  });

  test(`${store}: transfer to a queue: a new contact for the next agent; the first one ends with ann, who wraps it up`, async () => {
    const t = await c.send(new TransferContactCommand({ InstanceId: INSTANCE, ContactId: c1, QueueId: support, ContactFlowId: "transfer-flow" }));
    c2 = t.ContactId!;
    assert.notEqual(c2, c1);
    assert.equal(t.ContactArn, `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}/contact/${c2}`);
    const next = await describeContact(c2);
    assert.deepEqual([next.Id, next.PreviousContactId, next.InitialContactId, next.InitiationMethod, next.QueueInfo?.Id, next.DisconnectTimestamp, next.Attributes], [c2, c1, c1, "TRANSFER", support, undefined, { order: "A-17" }]);
    const old = await describeContact(c1);
    assert.ok(old.DisconnectTimestamp instanceof Date);
    assert.ok(next.InitiationTimestamp! >= old.DisconnectTimestamp!);
    assert.deepEqual([old.AgentInfo?.Id, old.QueueInfo?.Id, old.DisconnectReason, old.PreviousContactId, old.InitiationMethod], [users.ann, sales, undefined, undefined, "API"]);
    // Writes to the ended contact are refused as for any ended chat; the live chat is the new contact.
    assert.deepEqual(await failure(c.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: c1 }))), ["ContactNotFoundException", 410]);
    assert.deepEqual(await failure(c.send(new TransferContactCommand({ InstanceId: INSTANCE, ContactId: c1, QueueId: sales, ContactFlowId: "x" }))), ["InvalidRequestException", 400]);
    // ann's after-contact work is on the contact she had; dan is offered the new one, not the old.
    assert.deepEqual(await contactsOf(users.ann), [[c1, "ENDED"]]);
    assert.equal((await signedPost(srv.port, "/contact/accept", { InstanceId: INSTANCE, ContactId: c1, UserId: users.dan })).status, 400);
    assert.equal((await signedPost(srv.port, "/contact/complete-work", { InstanceId: INSTANCE, ContactId: c1, UserId: users.ann })).status, 200);
    assert.deepEqual(await contactsOf(users.ann), []);
    // The customer noticed nothing: same token and socket.
    await say(customer, "hello?");
    dan = await acceptOffer(users.dan, c2);
    assert.deepEqual(await contactsOf(users.dan), [[c2, "CONNECTED"]]);
    assert.deepEqual(said(await transcript(dan)), ["my order is late", "let me check", "hello?"], "the next agent reads the whole chat");
    await say(dan, "I can help");
    const pushed = await socket.next((f) => f.item?.Content === "I can help");
    assert.equal(pushed.item?.ParticipantRole, "AGENT");
    const mine = await transcript(customer);
    assert.deepEqual(said(mine), ["my order is late", "let me check", "hello?", "I can help"]);
    assert.equal(mine.filter((i) => i.ContentType === LEFT).length, 1, "ann left; the customer stayed");
    // The chain's contacts read as this chat's transcript.
    assert.deepEqual(said(await transcript(customer, c1)), said(mine));
    assert.deepEqual(said(await transcript(customer, c2)), said(mine));
    // Attributes are per contact: the new contact's own, the old one's kept.
    await c.send(new UpdateContactAttributesCommand({ InstanceId: INSTANCE, InitialContactId: c2, Attributes: { tier: "gold" } }));
    assert.deepEqual((await c.send(new GetContactAttributesCommand({ InstanceId: INSTANCE, InitialContactId: c2 }))).Attributes, { order: "A-17", tier: "gold" });
    assert.deepEqual((await c.send(new GetContactAttributesCommand({ InstanceId: INSTANCE, InitialContactId: c1 }))).Attributes, { order: "A-17" });
  });

  test(`${store}: a second transfer, to an agent: C1 → C2 → C3; SearchContacts tells transferred contacts apart`, async () => {
    await c.send(new PutUserStatusCommand({ InstanceId: INSTANCE, UserId: users.cat, AgentStatusId: available }));
    c3 = (await c.send(new TransferContactCommand({ InstanceId: INSTANCE, ContactId: c2, UserId: users.cat, ContactFlowId: "transfer-flow" }))).ContactId!;
    const third = await describeContact(c3);
    assert.deepEqual([third.PreviousContactId, third.InitialContactId, third.InitiationMethod, third.Attributes?.tier], [c2, c1, "TRANSFER", "gold"]);
    assert.equal((await describeContact(c2)).AgentInfo?.Id, users.dan);
    const cat = await acceptOffer(users.cat, c3);
    await say(cat, "cat here");
    assert.deepEqual(said(await transcript(customer)), ["my order is late", "let me check", "hello?", "I can help", "cat here"]);
    const TimeRange = { Type: "INITIATION_TIMESTAMP" as const, StartTime: new Date(Date.now() - 3_600_000), EndTime: new Date(Date.now() + 60_000) };
    const search = async (InitiationMethods: ("API" | "TRANSFER")[]) =>
      (await c.send(new SearchContactsCommand({ InstanceId: INSTANCE, TimeRange, SearchCriteria: { InitiationMethods } }))).Contacts!.filter((x) => x.InitialContactId === c1);
    assert.deepEqual((await search(["TRANSFER"])).map((x) => [x.Id, x.PreviousContactId, x.InitiationMethod]).sort(), [[c2, c1, "TRANSFER"], [c3, c2, "TRANSFER"]].sort());
    assert.deepEqual((await search(["API"])).map((x) => x.Id), [c1]);
    assert.equal((await search(["API", "TRANSFER"])).length, 3);
    // The session is live (on C3): none of its segments can be rehydrated yet.
    assert.deepEqual(await failure(c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "x" }, PersistentChat: { RehydrationType: "FROM_SEGMENT", SourceContactId: c1 } }))), ["InvalidRequestException", 400]);
    await p.send(new DisconnectParticipantCommand({ ConnectionToken: customer }));
    const ended = await describeContact(c3);
    assert.deepEqual([ended.DisconnectReason, ended.AgentInfo?.Id], ["CUSTOMER_DISCONNECT", users.cat]);
    socket.close();
  });

  test(`${store}: persistent chat across the transferred session: FROM_SEGMENT continues exactly that segment, ENTIRE_PAST_SESSION the most recently ended`, async () => {
    const back = async (ContactId: string, RehydrationType: "FROM_SEGMENT" | "ENTIRE_PAST_SESSION") => {
      const s = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Cam" }, PersistentChat: { RehydrationType, SourceContactId: ContactId } }));
      const token = (await connection(s.ParticipantToken!)).ConnectionCredentials!.ConnectionToken!;
      const items = (await p.send(new GetTranscriptCommand({ ConnectionToken: token, MaxResults: 100, ScanDirection: "BACKWARD", SortOrder: "ASCENDING" }))).Transcript!;
      return { s, past: items.filter((i) => i.Type === "MESSAGE").map((i) => [i.RelatedContactId, i.Content]), related: (await describeContact(s.ContactId!)).RelatedContactId };
    };
    assert.deepEqual(await failure(c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "x" }, PersistentChat: { RehydrationType: "ENTIRE_PAST_SESSION", SourceContactId: c2 } }))), ["InvalidRequestException", 400], "ENTIRE_PAST_SESSION takes the session's initial contact");
    const fromSegment = await back(c2, "FROM_SEGMENT");
    assert.equal(fromSegment.s.ContinuedFromContactId, c2);
    assert.equal(fromSegment.related, c2);
    assert.deepEqual(fromSegment.past, [[c1, "my order is late"], [c1, "let me check"], [c2, "hello?"], [c2, "I can help"]], "C3's message is dropped");
    const entire = await back(c1, "ENTIRE_PAST_SESSION");
    assert.equal(entire.s.ContinuedFromContactId, c3);
    assert.equal(entire.related, c3);
    assert.deepEqual(entire.past, [[c1, "my order is late"], [c1, "let me check"], [c2, "hello?"], [c2, "I can help"], [c3, "cat here"]]);
  });
});
