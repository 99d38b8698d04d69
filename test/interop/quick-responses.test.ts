// Quick responses (our extension on Connect's SigV4 edge, issue 15): a supervisor (CallCenterManager) creates,
// renames and deletes the instance's canned replies; a plain Agent reads and searches them and is refused every
// change with nothing stored; the bounds (text size, blank text, a name taken, the per-instance count) answer
// AWS-shaped errors; ClientToken makes a create idempotent. Signed by hand: no SDK has these operations.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import type { ConnectClient } from "@aws-sdk/client-connect";
import { INSTANCE, OTHER_INSTANCE, startServer, type Running } from "../support/server.js";
import { createAgent, credentialsOf, signIn, type SignedIn } from "../support/sign-in.js";
import { signedRequest } from "../support/routing-http.js";
import { QUICK_RESPONSES_PER_INSTANCE } from "../../src/routing/base.js";

let srv: Running;
let c: ConnectClient;
let supervisor: SignedIn;
let agent: SignedIn;
before(async () => {
  srv = await startServer();
  c = srv.connect();
  await createAgent(c, INSTANCE, "qr-super", ["CallCenterManager"]);
  await createAgent(c, INSTANCE, "qr-agent", ["Agent"]);
  supervisor = await signIn(srv.url, "qr-super", INSTANCE);
  agent = await signIn(srv.url, "qr-agent", INSTANCE);
});
after(() => srv.stop());

type As = SignedIn | undefined; // undefined: the account's access key (an administrator)
const call = (as: As, method: string, path: string, body?: Record<string, unknown>) => signedRequest(srv.port, method, path, body, as && credentialsOf(as));
const create = (as: As, body: Record<string, unknown>) => call(as, "PUT", `/quick-responses/${INSTANCE}`, body);
const update = (as: As, id: string, body: Record<string, unknown>) => call(as, "POST", `/quick-responses/${INSTANCE}/${id}`, body);
const remove = (as: As, id: string) => call(as, "DELETE", `/quick-responses/${INSTANCE}/${id}`);
const search = (as: As, body: Record<string, unknown> = {}) => call(as, "POST", "/search-quick-responses", { InstanceId: INSTANCE, ...body });
const names = async (as: As, body?: Record<string, unknown>) => ((await search(as, body)).json.QuickResponses as { Name: string }[]).map((r) => r.Name);
const errorOf = (a: { status: number; headers: Record<string, unknown> }) => [String(a.headers["x-amzn-errortype"]).split(":")[0], a.status];

test("a supervisor creates, renames and deletes quick responses; every agent of the instance reads them", async () => {
  const made = await create(supervisor, { Name: "Greeting", Content: "Hi $.Attributes.firstName, how can I help?" });
  assert.equal(made.status, 200, JSON.stringify(made.json));
  assert.match(made.json.QuickResponseArn, new RegExp(`:instance/${INSTANCE}/quick-response/${made.json.QuickResponseId}$`));
  assert.equal((await create(supervisor, { Name: "Refunds", Content: "Refunds take 5 days." })).status, 200);

  const seen = (await search(agent)).json.QuickResponses;
  assert.deepEqual(seen.map((r: { Name: string; Content: string }) => [r.Name, r.Content]), [["Greeting", "Hi $.Attributes.firstName, how can I help?"], ["Refunds", "Refunds take 5 days."]]);
  assert.equal(seen[0].LastModifiedBy, supervisor.User.Arn, "who changed it last");
  assert.equal(typeof seen[0].LastModifiedTime, "number");

  assert.equal((await update(supervisor, made.json.QuickResponseId, { Name: "Hello" })).status, 200);
  assert.deepEqual(await names(agent), ["Hello", "Refunds"]);
  assert.equal((await search(agent)).json.QuickResponses[0].Content, "Hi $.Attributes.firstName, how can I help?", "a member left out is kept");
  assert.equal((await remove(supervisor, made.json.QuickResponseId)).status, 200);
  assert.deepEqual(await names(agent), ["Refunds"]);
  assert.deepEqual(errorOf(await remove(supervisor, made.json.QuickResponseId)), ["ResourceNotFoundException", 404]);
});

test("a plain Agent is refused every change (AccessDeniedException) and nothing is stored", async () => {
  const before = (await search(agent)).json;
  const id = (await search(agent)).json.QuickResponses[0].Id;
  assert.deepEqual(errorOf(await create(agent, { Name: "Mine", Content: "x" })), ["AccessDeniedException", 403]);
  assert.deepEqual(errorOf(await update(agent, id, { Content: "changed" })), ["AccessDeniedException", 403]);
  assert.deepEqual(errorOf(await remove(agent, id)), ["AccessDeniedException", 403]);
  assert.deepEqual((await search(agent)).json, before);
  assert.deepEqual(errorOf(await call(agent, "POST", "/search-quick-responses", { InstanceId: OTHER_INSTANCE })), ["AccessDeniedException", 403], "its own instance only");
});

test("bounds: text size, blank text, a name taken, an unknown instance — AWS-shaped errors, nothing stored", async () => {
  const before = (await search(undefined)).json;
  assert.deepEqual(errorOf(await create(supervisor, { Name: "Long", Content: "x".repeat(1025) })), ["InvalidRequestException", 400]);
  assert.deepEqual(errorOf(await create(supervisor, { Name: "n".repeat(101), Content: "x" })), ["InvalidRequestException", 400]);
  assert.deepEqual(errorOf(await create(supervisor, { Name: "Blank", Content: " \n " })), ["InvalidParameterException", 400]);
  assert.deepEqual(errorOf(await create(supervisor, { Name: "Refunds", Content: "again" })), ["DuplicateResourceException", 409]);
  assert.deepEqual(errorOf(await call(undefined, "PUT", `/quick-responses/${OTHER_INSTANCE}`, { Name: "x", Content: "y" })), ["ResourceNotFoundException", 404]);
  assert.equal((await create(supervisor, { Name: "At the limit", Content: "é".repeat(1024) })).status, 200, "1024 characters fit");
  const after = (await search(undefined)).json.QuickResponses.filter((r: { Name: string }) => r.Name !== "At the limit");
  assert.deepEqual(after, before.QuickResponses);
});

test("a ClientToken makes a create idempotent; the same token with another body is IdempotencyException", async () => {
  const first = await create(supervisor, { Name: "Once", Content: "one", ClientToken: "tok-1" });
  const again = await create(supervisor, { Name: "Once", Content: "one", ClientToken: "tok-1" });
  assert.equal(first.status, 200);
  assert.deepEqual(again.json, first.json);
  assert.deepEqual(errorOf(await create(supervisor, { Name: "Twice", Content: "two", ClientToken: "tok-1" })), ["IdempotencyException", 409]);
});

test("SearchQuickResponses: every word of QueryText in the name or text, name order, pages with NextToken", async () => {
  assert.deepEqual(await names(agent, { QueryText: "REFUNDS days" }), ["Refunds"]);
  assert.deepEqual(await names(agent, { QueryText: "nothing like it" }), []);
  const all = await names(agent);
  const first = await search(agent, { MaxResults: 1 });
  assert.equal(first.json.QuickResponses.length, 1);
  const second = await search(agent, { MaxResults: 100, NextToken: first.json.NextToken });
  assert.deepEqual([first.json.QuickResponses[0].Name, ...second.json.QuickResponses.map((r: { Name: string }) => r.Name)], all);
  assert.equal(second.json.NextToken, undefined);
  assert.deepEqual(errorOf(await search(agent, { NextToken: "bm9wZQ" })), ["InvalidRequestException", 400]);
});

test(`an instance holds at most ${QUICK_RESPONSES_PER_INSTANCE} quick responses: one more is LimitExceededException`, async () => {
  let have = 0;
  for (let page: string | undefined, first = true; first || page; first = false) {
    const r = await search(undefined, { NextToken: page });
    have += r.json.QuickResponses.length;
    page = r.json.NextToken;
  }
  for (let i = have; i < QUICK_RESPONSES_PER_INSTANCE; i++) assert.equal((await create(undefined, { Name: `Filler ${String(i).padStart(3, "0")}`, Content: "x" })).status, 200);
  assert.deepEqual(errorOf(await create(supervisor, { Name: "One too many", Content: "x" })), ["LimitExceededException", 429]);
  assert.deepEqual(await names(agent, { QueryText: "many" }), []);
});
