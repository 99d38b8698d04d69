// Contact flows on two nodes sharing one PostgreSQL, through @aws-sdk/client-connect: a flow created on one node is
// described, renamed and listed on the other; racing creates and renames of one name make exactly one winner, the
// others DuplicateResourceException, and nothing half-written.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { CreateContactFlowCommand, DescribeContactFlowCommand, ListContactFlowsCommand, UpdateContactFlowNameCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { INSTANCE, startServer } from "../support/server.js";
import { greeting } from "../support/flows.js";

const db = await createScratchDatabase();
const nodeA = await startServer({ databaseUrl: db.url });
const nodeB = await startServer({ databaseUrl: db.url });
const [a, b] = [nodeA.connect(), nodeB.connect()];
after(async () => {
  await Promise.all([nodeA.stop(), nodeB.stop()]);
  await db.drop();
});

const create = (c: ConnectClient, Name: string) => c.send(new CreateContactFlowCommand({ InstanceId: INSTANCE, Name, Type: "CONTACT_FLOW", Content: greeting(Name) }));
const outcome = (p: Promise<unknown>) => p.then(() => "ok", (e: Error) => e.name);

test("a flow made on one node is read, renamed and listed on the other", async () => {
  const { ContactFlowId } = await create(a, "pg shared");
  const f = (await b.send(new DescribeContactFlowCommand({ InstanceId: INSTANCE, ContactFlowId }))).ContactFlow!;
  assert.deepEqual([f.Name, f.Content, f.Status], ["pg shared", greeting("pg shared"), "PUBLISHED"]);
  await b.send(new UpdateContactFlowNameCommand({ InstanceId: INSTANCE, ContactFlowId, Name: "pg shared renamed" }));
  const listed = (await a.send(new ListContactFlowsCommand({ InstanceId: INSTANCE }))).ContactFlowSummaryList!;
  assert.equal(listed.find((s) => s.Id === ContactFlowId)?.Name, "pg shared renamed");
});

test("20 racing creates of one name across two nodes: one flow, 19 DuplicateResourceException", async () => {
  const r = await Promise.all(Array.from({ length: 20 }, (_, i) => outcome(create(i % 2 ? a : b, "pg race"))));
  assert.deepEqual([r.filter((x) => x === "ok").length, r.filter((x) => x === "DuplicateResourceException").length], [1, 19]);
  const named = (await a.send(new ListContactFlowsCommand({ InstanceId: INSTANCE, MaxResults: 1000 }))).ContactFlowSummaryList!.filter((s) => s.Name === "pg race");
  assert.equal(named.length, 1);
});

test("racing renames of ten flows onto one name: one wins, the others keep their names", async () => {
  const ids = [];
  for (let i = 0; i < 10; i++) ids.push((await create(i % 2 ? a : b, `pg rename ${i}`)).ContactFlowId!);
  const r = await Promise.all(ids.map((ContactFlowId, i) => outcome((i % 2 ? a : b).send(new UpdateContactFlowNameCommand({ InstanceId: INSTANCE, ContactFlowId, Name: "pg renamed target" })))));
  assert.deepEqual([r.filter((x) => x === "ok").length, r.filter((x) => x === "DuplicateResourceException").length], [1, 9]);
  const names = await Promise.all(ids.map(async (ContactFlowId) => (await a.send(new DescribeContactFlowCommand({ InstanceId: INSTANCE, ContactFlowId }))).ContactFlow!.Name));
  assert.equal(names.filter((n) => n === "pg renamed target").length, 1);
  assert.deepEqual(names.filter((n) => n !== "pg renamed target").sort(), ids.map((_, i) => `pg rename ${i}`).filter((n) => names.includes(n)).sort());
  assert.equal(new Set(names).size, 10);
});
