// MonitorContact on a chat through @aws-sdk/client-connect and the participant service: a CallCenterManager user
// monitors a running chat silently (the agent sees a SUPERVISOR join, the customer does not, and the supervisor's
// messages are refused), then barges in (the customer sees the supervisor join, and the supervisor writes); a
// user without "Manager monitor" is refused. The supervisor's participant token comes from the AcceptContact
// extension (signed by hand: no SDK has it).
import { test, after, before, describe } from "node:test";
import assert from "node:assert/strict";
import {
  CreateContactFlowCommand, CreateQueueCommand, CreateRoutingProfileCommand, CreateUserCommand, DescribeContactCommand, DescribeQueueCommand, ListAgentStatusesCommand,
  ListQueuesCommand, ListSecurityProfilesCommand, MonitorContactCommand, PutUserStatusCommand, StartChatContactCommand, StopContactCommand, UpdateUserConfigCommand, type ConnectClient,
} from "@aws-sdk/client-connect";
import { ConnectParticipantClient, CreateParticipantConnectionCommand, GetTranscriptCommand, SendMessageCommand } from "@aws-sdk/client-connectparticipant";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { INSTANCE, KEY, REGION, startServer, type Running } from "../support/server.js";
import { credentialsOf, signIn } from "../support/sign-in.js";
import { signedPost, until } from "../support/routing-http.js";
import { queueOrDisconnect } from "../support/flows.js";

for (const store of ["sqlite", "postgres"] as const) describe(store, () => {
  let srv: Running;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let c: ConnectClient;
  let p: ConnectParticipantClient;
  before(async () => {
    if (store === "postgres") {
      scratch = await createScratchDatabase();
      srv = await startServer({ databaseUrl: await scratch.schema("monitor") });
    } else srv = await startServer();
    c = srv.connect();
    p = new ConnectParticipantClient({ endpoint: srv.url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
  });
  after(async () => {
    p.destroy();
    await srv.stop();
    await scratch?.drop();
  });

  const accept = (body: Record<string, unknown>) => signedPost(srv.port, "/contact/accept", body);

  async function failure(x: Promise<unknown>): Promise<[string, number, string]> {
    try {
      await x;
    } catch (e) {
      const err = e as { name: string; message: string; $metadata: { httpStatusCode: number } };
      return [err.name, err.$metadata.httpStatusCode, err.message];
    }
    assert.fail("the call succeeded");
  }

  const connection = async (ParticipantToken: string) => (await p.send(new CreateParticipantConnectionCommand({ ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }))).ConnectionCredentials!.ConnectionToken!;
  const transcript = async (ConnectionToken: string) => (await p.send(new GetTranscriptCommand({ ConnectionToken, MaxResults: 100, SortOrder: "ASCENDING" }))).Transcript!;
  const supervisorJoins = async (token: string) => (await transcript(token)).filter((i) => i.ContentType === "application/vnd.amazonaws.connect.event.participant.joined" && i.ParticipantRole === "SUPERVISOR");

  const users: Record<string, string> = {};
  let chatId: string;
  let customer: string;
  let agent: string;

  test(`${store}: setup: an agent with AutoAccept takes a chat a flow queued; a supervisor and a second agent exist`, async () => {
    const basic = (await c.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.find((q) => q.Name === "BasicQueue")!;
    const hours = (await c.send(new DescribeQueueCommand({ InstanceId: INSTANCE, QueueId: basic.Id }))).Queue!.HoursOfOperationId!;
    const q = (await c.send(new CreateQueueCommand({ InstanceId: INSTANCE, Name: "Monitored", HoursOfOperationId: hours }))).QueueId!;
    const rp = (await c.send(new CreateRoutingProfileCommand({ InstanceId: INSTANCE, Name: "Monitored", Description: "m", DefaultOutboundQueueId: q, MediaConcurrencies: [{ Channel: "CHAT", Concurrency: 2 }], QueueConfigs: [{ QueueReference: { QueueId: q, Channel: "CHAT" }, Priority: 1, Delay: 0 }] }))).RoutingProfileId!;
    const sps = (await c.send(new ListSecurityProfilesCommand({ InstanceId: INSTANCE }))).SecurityProfileSummaryList!;
    const sp = (name: string) => sps.find((x) => x.Name === name)!.Id!;
    for (const [name, profile] of [["ann", "Agent"], ["sue", "CallCenterManager"], ["pat", "Agent"]] as const)
      users[name] = (await c.send(new CreateUserCommand({ InstanceId: INSTANCE, Username: `${name}-monitor`, Password: "Str0ngPassw0rd!", RoutingProfileId: rp, SecurityProfileIds: [sp(profile)], PhoneConfig: { PhoneType: "SOFT_PHONE" }, IdentityInfo: { FirstName: name } }))).UserId!;
    await c.send(new UpdateUserConfigCommand({ InstanceId: INSTANCE, UserId: users.ann, AutoAcceptConfigs: [{ Channel: "CHAT", AutoAccept: true }] }));
    const available = (await c.send(new ListAgentStatusesCommand({ InstanceId: INSTANCE }))).AgentStatusSummaryList!.find((s) => s.Name === "Available")!.Id!;
    await c.send(new PutUserStatusCommand({ InstanceId: INSTANCE, UserId: users.ann, AgentStatusId: available }));
    const f = (await c.send(new CreateContactFlowCommand({ InstanceId: INSTANCE, Name: "Monitored", Type: "CONTACT_FLOW", Content: queueOrDisconnect(q) }))).ContactFlowId!;
    const chat = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: f, ParticipantDetails: { DisplayName: "Cam" } }));
    chatId = chat.ContactId!;
    customer = await connection(chat.ParticipantToken!);
    await until("ann on the chat", async () => ((await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: chatId }))).Contact!.AgentInfo?.Id === users.ann ? true : undefined));
    const a = await accept({ InstanceId: INSTANCE, ContactId: chatId, UserId: users.ann });
    assert.equal(a.status, 200, JSON.stringify(a.json));
    agent = await connection(a.json.ParticipantCredentials.ParticipantToken);
  });

  test(`${store}: silent monitoring: Connect's answer, a SUPERVISOR the agent sees and the customer does not, whose messages are refused`, async () => {
    const denied = await failure(c.send(new MonitorContactCommand({ InstanceId: INSTANCE, ContactId: chatId, UserId: users.pat, AllowedMonitorCapabilities: ["SILENT_MONITOR"] })));
    assert.deepEqual(denied.slice(0, 2), ["AccessDeniedException", 403]);
    assert.equal((await accept({ InstanceId: INSTANCE, ContactId: chatId, UserId: users.pat })).status, 400, "no token for a user who does not monitor the chat");
    // Signed in with their own credentials: the Agent may not call it at all; the CallCenterManager monitors as themselves.
    const pat = srv.connect(credentialsOf(await signIn(srv.url, "pat-monitor", INSTANCE, "Str0ngPassw0rd!")) as never);
    assert.equal((await failure(pat.send(new MonitorContactCommand({ InstanceId: INSTANCE, ContactId: chatId, UserId: users.pat }))))[0], "AccessDeniedException");
    pat.destroy();
    const sueClient = srv.connect(credentialsOf(await signIn(srv.url, "sue-monitor", INSTANCE, "Str0ngPassw0rd!")) as never);
    const r = await sueClient.send(new MonitorContactCommand({ InstanceId: INSTANCE, ContactId: chatId, UserId: users.sue, AllowedMonitorCapabilities: ["SILENT_MONITOR", "BARGE"] }));
    sueClient.destroy();
    assert.equal(r.ContactId, chatId);
    assert.equal(r.ContactArn, `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}/contact/${chatId}`);
    const t = await accept({ InstanceId: INSTANCE, ContactId: chatId, UserId: users.sue });
    assert.equal(t.status, 200, JSON.stringify(t.json));
    const sue = await connection(t.json.ParticipantCredentials.ParticipantToken);
    const seenByAgent = await supervisorJoins(agent);
    assert.deepEqual(seenByAgent.map((i) => i.DisplayName), ["sue"]);
    assert.deepEqual(await supervisorJoins(customer), []);
    const refused = await failure(p.send(new SendMessageCommand({ ConnectionToken: sue, ContentType: "text/plain", Content: "psst" })));
    assert.deepEqual(refused.slice(0, 2), ["AccessDeniedException", 403]);
    assert.ok(!(await transcript(agent)).some((i) => i.Content === "psst"), "the refused message is nowhere");
    // The supervisor reads the chat as the agent does.
    assert.ok((await transcript(sue)).some((i) => i.ParticipantRole === "SUPERVISOR"));
  });

  test(`${store}: barge: a second MonitorContact allowing BARGE shows the supervisor to the customer, and the supervisor writes`, async () => {
    await c.send(new MonitorContactCommand({ InstanceId: INSTANCE, ContactId: chatId, UserId: users.sue, AllowedMonitorCapabilities: ["BARGE"] }));
    assert.deepEqual((await supervisorJoins(customer)).map((i) => i.DisplayName), ["sue"]);
    assert.equal((await supervisorJoins(agent)).length, 1, "the agent saw the supervisor join once");
    const t = await accept({ InstanceId: INSTANCE, ContactId: chatId, UserId: users.sue });
    const sue = await connection(t.json.ParticipantCredentials.ParticipantToken);
    await p.send(new SendMessageCommand({ ConnectionToken: sue, ContentType: "text/plain", Content: "Hello, I am the supervisor" }));
    const said = (await transcript(customer)).find((i) => i.Content === "Hello, I am the supervisor");
    assert.equal(said?.ParticipantRole, "SUPERVISOR");
    await c.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: chatId }));
    const ended = await failure(c.send(new MonitorContactCommand({ InstanceId: INSTANCE, ContactId: chatId, UserId: users.sue })));
    assert.deepEqual(ended.slice(0, 2), ["InvalidRequestException", 400]);
  });
});
