// Contact flow management through @aws-sdk/client-connect against the real server: create, describe with Connect's
// qualifiers, update content/name/metadata, list (paginated, filtered), archive, delete; invalid content refused
// with the problems list the SDK exposes; the legacy export refused; the real exports load; configuration flows
// listed and read-only.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateContactFlowCommand,
  DeleteContactFlowCommand,
  DescribeContactFlowCommand,
  InvalidContactFlowException,
  ListContactFlowsCommand,
  paginateListContactFlows,
  UpdateContactFlowContentCommand,
  UpdateContactFlowMetadataCommand,
  UpdateContactFlowNameCommand,
  type ConnectClient,
  type ContactFlowSummary,
} from "@aws-sdk/client-connect";
import { ACCOUNT, INSTANCE, OTHER_KEY, REGION, startServer, testConfig, type Running } from "../support/server.js";
import { ConfigError, loadConfig } from "../../src/config.js";
import { greeting } from "../support/flows.js";

const fixtures = new URL("../fixtures/flows/", import.meta.url);
let srv: Running;
let c: ConnectClient;
let configDir: string;
before(async () => {
  // A configuration with one flow from a file next to it, loaded the way `connect-chat serve --config` loads it.
  configDir = mkdtempSync(join(tmpdir(), "cc-flows-config-"));
  writeFileSync(join(configDir, "greeting.json"), greeting("Hello from the config file"));
  const base = testConfig();
  base.accounts[0].instances[0].flows.push({ id: "config-greeting", name: "Config greeting", type: "CONTACT_FLOW", file: "greeting.json" });
  writeFileSync(join(configDir, "connect-chat.json"), JSON.stringify(base));
  srv = await startServer({ config: loadConfig(join(configDir, "connect-chat.json")) });
  c = srv.connect();
});
after(() => srv.stop());

const create = (Name: string, Content: string, extra: Record<string, unknown> = {}) => c.send(new CreateContactFlowCommand({ InstanceId: INSTANCE, Name, Type: "CONTACT_FLOW", Content, ...extra }));
const describe = (ContactFlowId: string) => c.send(new DescribeContactFlowCommand({ InstanceId: INSTANCE, ContactFlowId }));
const rejects = async (p: Promise<unknown>, name: string, status: number, message?: RegExp) => {
  const e = (await p.then(() => assert.fail(`expected ${name}`), (x) => x)) as { name: string; $metadata: { httpStatusCode: number }; message: string };
  assert.equal(e.name, name, e.message);
  assert.equal(e.$metadata.httpStatusCode, status);
  if (message) assert.match(e.message, message);
  return e;
};

test("create (published by default), then describe: Connect's ids, ARN, checksum, content as sent, times", async () => {
  const content = greeting("Hi there");
  const r = await create("Greeting", content, { Description: "says hi", Tags: { team: "support" } });
  assert.match(r.ContactFlowId!, /^[0-9a-f-]{36}$/);
  assert.equal(r.ContactFlowArn, `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${INSTANCE}/contact-flow/${r.ContactFlowId}`);
  assert.match(r.FlowContentSha256!, /^[0-9a-f]{64}$/);
  const { ContactFlow: f } = await describe(r.ContactFlowId!);
  assert.deepEqual({ ...f, LastModifiedTime: undefined }, {
    Arn: r.ContactFlowArn,
    Id: r.ContactFlowId,
    Name: "Greeting",
    Type: "CONTACT_FLOW",
    State: "ACTIVE",
    Status: "PUBLISHED",
    Description: "says hi",
    Content: content,
    Tags: { team: "support" },
    FlowContentSha256: r.FlowContentSha256,
    LastModifiedTime: undefined,
    LastModifiedRegion: REGION,
  });
  assert.ok(f!.LastModifiedTime instanceof Date && Math.abs(f!.LastModifiedTime.getTime() - Date.now()) < 60_000);
  // An ARN is accepted as the ContactFlowId too.
  assert.equal((await describe(r.ContactFlowArn!)).ContactFlow?.Id, r.ContactFlowId);
  assert.equal((await describe(`${r.ContactFlowArn}:$SAVED`)).ContactFlow?.Content, content);
  await rejects(describe(r.ContactFlowArn!.replace(INSTANCE, "another-instance")), "ResourceNotFoundException", 404, /was not found/);
});

test("qualifiers: :$SAVED shows unpublished changes, the unqualified id and :$LATEST the published content", async () => {
  const v1 = greeting("version one");
  const { ContactFlowId: id } = await create("Qualified", v1);
  const v2 = greeting("version two, saved only");
  await c.send(new UpdateContactFlowContentCommand({ InstanceId: INSTANCE, ContactFlowId: `${id}:$SAVED`, Content: v2 }));
  assert.deepEqual([(await describe(id!)).ContactFlow?.Content, (await describe(id!)).ContactFlow?.Status], [v1, "PUBLISHED"]);
  assert.deepEqual([(await describe(`${id}:$LATEST`)).ContactFlow?.Content], [v1]);
  const saved = (await describe(`${id}:$SAVED`)).ContactFlow!;
  assert.deepEqual([saved.Content, saved.Status], [v2, "SAVED"]);
  // Saving skips validation, as in Connect; publishing validates.
  await c.send(new UpdateContactFlowContentCommand({ InstanceId: INSTANCE, ContactFlowId: `${id}:$SAVED`, Content: '{"draft": true}' }));
  await rejects(c.send(new UpdateContactFlowContentCommand({ InstanceId: INSTANCE, ContactFlowId: id, Content: '{"draft": true}' })), "InvalidContactFlowException", 400);
  const v3 = greeting("version three");
  await c.send(new UpdateContactFlowContentCommand({ InstanceId: INSTANCE, ContactFlowId: id, Content: v3 }));
  for (const q of ["", ":$LATEST", ":$SAVED"]) assert.deepEqual([(await describe(`${id}${q}`)).ContactFlow?.Content, (await describe(`${id}${q}`)).ContactFlow?.Status], [v3, "PUBLISHED"], q);
  await rejects(describe(`${id}:7`), "ResourceNotFoundException", 404, /Version '7'/);
});

test("a flow created SAVED is not validated, describes as SAVED, and :$LATEST says it is not published", async () => {
  const { ContactFlowId: id, FlowContentSha256 } = await create("Draft", '{"not": "a flow yet"}', { Status: "SAVED" });
  assert.equal(FlowContentSha256, undefined);
  const f = (await describe(id!)).ContactFlow!;
  assert.deepEqual([f.Status, f.Content], ["SAVED", '{"not": "a flow yet"}']);
  await rejects(describe(`${id}:$LATEST`), "ContactFlowNotPublishedException", 404, /has not been published/);
});

test("invalid content is InvalidContactFlowException with one problem per problem, naming the action and field", async () => {
  const bad = JSON.stringify({
    Version: "2019-10-30",
    StartAction: "Welcome",
    Actions: [
      { Identifier: "Welcome", Type: "MessageParticipant", Parameters: {}, Transitions: { NextAction: "Gone" } },
      { Identifier: "Odd", Type: "PlayPrompt", Parameters: {}, Transitions: {} },
    ],
  });
  const e = (await rejects(create("Broken", bad), "InvalidContactFlowException", 400)) as unknown as InvalidContactFlowException;
  assert.ok(e instanceof InvalidContactFlowException);
  assert.deepEqual(e.problems, [
    { message: "Action is missing required property. Path: Actions[0].Parameters.Text. Action 'Welcome' (MessageParticipant) needs one of Parameters.Text, PromptId, SSML, Media" },
    { message: "Invalid Action property value. Path: Actions[0].Transitions.NextAction. Action 'Welcome' (MessageParticipant): no action has the Identifier 'Gone'" },
    { message: "Invalid Action type. Path: Actions[1].Type. Action 'Odd': PlayPrompt is not an action type of the Flow language" },
  ]);
  const names = (await c.send(new ListContactFlowsCommand({ InstanceId: INSTANCE }))).ContactFlowSummaryList!.map((s) => s.Name);
  assert.ok(!names.includes("Broken"), "nothing was stored");
  const big = await rejects(create("Too big", greeting("x".repeat(256_001))), "InvalidParameterException", 400, /at most 256000 characters/);
  assert.ok(big);
  await rejects(create("Reserved tag", greeting("x"), { Tags: { "aws:team": "x" } }), "InvalidRequestException", 400, /Tags key 'aws:team'/);
});

test("the legacy designer's modules export is refused with a problem that says so", async () => {
  const legacy = readFileSync(new URL("chat-ui-examples__asyncCustomerChatUX__Basic_Chat.json", fixtures), "utf8");
  const e = (await rejects(create("Legacy", legacy), "InvalidContactFlowException", 400)) as unknown as InvalidContactFlowException;
  assert.equal(e.problems?.length, 1);
  assert.match(e.problems![0].message!, /^Legacy flow format\. This is the legacy flow designer's export .*export it again/);
});

test("every real Flow language export in test/fixtures/flows loads through CreateContactFlow and describes unchanged", async () => {
  const files = readdirSync(fixtures).filter((f) => f.endsWith(".json") && !("modules" in JSON.parse(readFileSync(new URL(f, fixtures), "utf8"))));
  assert.ok(files.length >= 7);
  for (const f of files) {
    const content = readFileSync(new URL(f, fixtures), "utf8");
    const type = f.includes("customer_queue") ? "CUSTOMER_QUEUE" : "CONTACT_FLOW";
    const r = await c.send(new CreateContactFlowCommand({ InstanceId: INSTANCE, Name: `export ${f}`, Type: type, Content: content }));
    assert.equal((await describe(r.ContactFlowId!)).ContactFlow?.Content, content, f);
  }
});

test("names are unique per instance: create and rename onto a taken name are DuplicateResourceException", async () => {
  const { ContactFlowId: a } = await create("Unique A", greeting("a"));
  await create("Unique B", greeting("b"));
  await rejects(create("Unique A", greeting("again")), "DuplicateResourceException", 409, /Unique A/);
  await rejects(create("Config greeting", greeting("again")), "DuplicateResourceException", 409);
  await rejects(c.send(new UpdateContactFlowNameCommand({ InstanceId: INSTANCE, ContactFlowId: a, Name: "Unique B" })), "DuplicateResourceException", 409);
  await c.send(new UpdateContactFlowNameCommand({ InstanceId: INSTANCE, ContactFlowId: a, Name: "Unique A2", Description: "renamed" }));
  const f = (await describe(a!)).ContactFlow!;
  assert.deepEqual([f.Name, f.Description], ["Unique A2", "renamed"]);
});

test("archive and reactivate with UpdateContactFlowMetadata; delete; then it is gone", async () => {
  const { ContactFlowId: id } = await create("Archivable", greeting("bye"));
  await c.send(new UpdateContactFlowMetadataCommand({ InstanceId: INSTANCE, ContactFlowId: id, ContactFlowState: "ARCHIVED", Description: "old" }));
  let f = (await describe(id!)).ContactFlow!;
  assert.deepEqual([f.State, f.Description, f.Name], ["ARCHIVED", "old", "Archivable"]);
  const listed = (await c.send(new ListContactFlowsCommand({ InstanceId: INSTANCE, MaxResults: 1000 }))).ContactFlowSummaryList!.find((s) => s.Id === id);
  assert.equal(listed?.ContactFlowState, "ARCHIVED");
  await c.send(new UpdateContactFlowMetadataCommand({ InstanceId: INSTANCE, ContactFlowId: id, ContactFlowState: "ACTIVE" }));
  f = (await describe(id!)).ContactFlow!;
  assert.equal(f.State, "ACTIVE");
  await c.send(new DeleteContactFlowCommand({ InstanceId: INSTANCE, ContactFlowId: id }));
  await rejects(describe(id!), "ResourceNotFoundException", 404, /was not found/);
  await rejects(c.send(new DeleteContactFlowCommand({ InstanceId: INSTANCE, ContactFlowId: id })), "ResourceNotFoundException", 404);
});

test("list: the paginator walks every flow once, MaxResults per page, ContactFlowTypes filters", async () => {
  for (let i = 0; i < 5; i++) await create(`Queue flow ${i}`, greeting(`q${i}`), { Type: "CUSTOMER_QUEUE" });
  const all: ContactFlowSummary[] = [];
  let pages = 0;
  for await (const page of paginateListContactFlows({ client: c, pageSize: 3 }, { InstanceId: INSTANCE })) {
    pages++;
    assert.ok(page.ContactFlowSummaryList!.length <= 3);
    all.push(...page.ContactFlowSummaryList!);
  }
  assert.equal(new Set(all.map((s) => s.Id)).size, all.length, "no flow twice");
  assert.ok(pages >= Math.ceil(all.length / 3));
  const config = all.find((s) => s.Id === "config-greeting");
  assert.deepEqual(config, {
    Id: "config-greeting",
    Arn: `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${INSTANCE}/contact-flow/config-greeting`,
    Name: "Config greeting",
    ContactFlowType: "CONTACT_FLOW",
    ContactFlowState: "ACTIVE",
    ContactFlowStatus: "PUBLISHED",
  });
  const queues: ContactFlowSummary[] = [];
  for await (const page of paginateListContactFlows({ client: c, pageSize: 2 }, { InstanceId: INSTANCE, ContactFlowTypes: ["CUSTOMER_QUEUE"] })) queues.push(...page.ContactFlowSummaryList!);
  assert.ok(queues.length >= 5 && queues.every((s) => s.ContactFlowType === "CUSTOMER_QUEUE"));
  assert.deepEqual(queues.map((q) => q.Id), all.filter((s) => s.ContactFlowType === "CUSTOMER_QUEUE").map((s) => s.Id));
  await rejects(c.send(new ListContactFlowsCommand({ InstanceId: INSTANCE, NextToken: "garbage" })), "InvalidParameterException", 400, /NextToken/);
});

test("configuration flows describe as PUBLISHED and refuse every change with InvalidRequestException saying why", async () => {
  const f = (await describe("config-greeting")).ContactFlow!;
  assert.deepEqual([f.Name, f.Status, f.State, f.Content], ["Config greeting", "PUBLISHED", "ACTIVE", greeting("Hello from the config file")]);
  const readOnly = /defined in the server's configuration file and is read-only/;
  const id = { InstanceId: INSTANCE, ContactFlowId: "config-greeting" };
  await rejects(c.send(new UpdateContactFlowContentCommand({ ...id, Content: greeting("changed") })), "InvalidRequestException", 400, readOnly);
  await rejects(c.send(new UpdateContactFlowNameCommand({ ...id, Name: "x" })), "InvalidRequestException", 400, readOnly);
  await rejects(c.send(new UpdateContactFlowMetadataCommand({ ...id, ContactFlowState: "ARCHIVED" })), "InvalidRequestException", 400, readOnly);
  await rejects(c.send(new DeleteContactFlowCommand(id)), "InvalidRequestException", 400, readOnly);
  assert.equal((await describe("config-greeting")).ContactFlow?.Content, greeting("Hello from the config file"));
});

test("flows belong to their account and instance: another account's key and an unknown instance see none", async () => {
  const { ContactFlowId: id } = await create("Private", greeting("mine"));
  const other = srv.connect(OTHER_KEY);
  await rejects(other.send(new DescribeContactFlowCommand({ InstanceId: INSTANCE, ContactFlowId: id })), "ResourceNotFoundException", 404, /Instance/);
  await rejects(c.send(new ListContactFlowsCommand({ InstanceId: "no-such-instance" })), "ResourceNotFoundException", 404);
  await rejects(describe("no-such-flow"), "ResourceNotFoundException", 404);
});

test("a bad configuration flow stops the start with the file, the action Identifier and the problem", () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-flows-bad-"));
  const broken = JSON.parse(greeting("x"));
  broken.Actions[0].Transitions.NextAction = "Nowhere";
  writeFileSync(join(dir, "broken.json"), JSON.stringify(broken));
  const base = testConfig();
  base.accounts[0].instances[0].flows = [{ id: "broken", name: "Broken", type: "CONTACT_FLOW", file: "broken.json" }];
  writeFileSync(join(dir, "c.json"), JSON.stringify(base));
  assert.throws(() => loadConfig(join(dir, "c.json")), (e: Error) => {
    assert.ok(e instanceof ConfigError);
    assert.match(e.message, /flows\[0\] \(flow 'broken', file .*broken\.json\) is not a valid flow/);
    assert.match(e.message, /Path: Actions\[0\]\.Transitions\.NextAction\. Action 'Welcome' \(MessageParticipant\): no action has the Identifier 'Nowhere'/);
    return true;
  });
  base.accounts[0].instances[0].flows = [{ id: "missing", name: "Missing", type: "CONTACT_FLOW", file: "nope.json" }];
  writeFileSync(join(dir, "c.json"), JSON.stringify(base));
  assert.throws(() => loadConfig(join(dir, "c.json")), /flows\[0\] \(flow 'missing'\): cannot read .*nope\.json/);
});
