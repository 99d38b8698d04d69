// Sign-in sessions across two nodes on one PostgreSQL (two servers in this process, one schema): credentials from
// node A work on node B (boto3 and the JS SDK), a sign-out on B or an Offline status set through A refuses them on
// every node at once, and a session outlives the node that issued it (A closed and started again).
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DescribeUserCommand, ListAgentStatusesCommand, PutUserStatusCommand } from "@aws-sdk/client-connect";
import { createScratchDatabase, type Scratch } from "../../src/storage/postgres/scratch.js";
import { INSTANCE, awsEnv, startServer, type Running } from "../support/server.js";
import { createAgent, credentialsOf, postJson, signIn, type SignedIn } from "../support/sign-in.js";

const run = promisify(execFile);
let db: Scratch;
let url: string;
let a: Running;
let b: Running;
const ids: Record<string, string> = {};
before(async () => {
  db = await createScratchDatabase();
  url = await db.schema("signin");
  a = await startServer({ databaseUrl: url });
  b = await startServer({ databaseUrl: url });
  ids.alice = await createAgent(a.connect(), INSTANCE, "alice", ["Agent"]);
  ids.bob = await createAgent(a.connect(), INSTANCE, "bob", ["Agent"]);
});
after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await db.drop();
});

const describeSelf = (srv: Running, s: SignedIn) => srv.connect(credentialsOf(s) as never).send(new DescribeUserCommand({ InstanceId: INSTANCE, UserId: s.User.Id }));
async function refused(p: Promise<unknown>) {
  await assert.rejects(p, (e: { name: string; $metadata: { httpStatusCode: number } }) => e.name === "UnrecognizedClientException" && e.$metadata.httpStatusCode === 403);
}

/** boto3 with the session credentials: DescribeUser of self, then ListUsers (forbidden to an agent). */
const BOTO = `
import boto3, json, sys
from botocore.exceptions import ClientError
c = boto3.client("connect", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id=sys.argv[3], aws_secret_access_key=sys.argv[4], aws_session_token=sys.argv[5])
out = {"me": c.describe_user(InstanceId=sys.argv[2], UserId=sys.argv[6])["User"]["Username"]}
try:
    c.list_users(InstanceId=sys.argv[2])
except ClientError as e:
    out["list_users"] = [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
print(json.dumps(out))
`;

test("credentials from node A work on node B, with boto3 and the JS SDK; a sign-out on B ends them on A", async () => {
  const s = await signIn(a.url, "alice", INSTANCE);
  assert.equal((await describeSelf(b, s)).User!.Username, "alice");
  const home = mkdtempSync(join(tmpdir(), "cc-signin-boto-"));
  const c = s.Credentials;
  const r = await run("python3", ["-c", BOTO, b.url, INSTANCE, c.AccessKeyId, c.SecretAccessKey, c.SessionToken, s.User.Id], { env: awsEnv(home), timeout: 60_000 });
  assert.deepEqual(JSON.parse(r.stdout), { me: "alice", list_users: ["AccessDeniedException", 403] });

  const out = await postJson(b.url, "/auth/sign-out", { AccessKeyId: c.AccessKeyId, SessionToken: c.SessionToken });
  assert.equal(out.status, 200);
  await refused(describeSelf(a, s));
  await refused(describeSelf(b, s));
});

test("Offline through node A ends the agent's sessions issued by both nodes, on both nodes", async () => {
  const fromA = await signIn(a.url, "bob", INSTANCE);
  const fromB = await signIn(b.url, "bob", INSTANCE);
  await describeSelf(a, fromB);
  await describeSelf(b, fromA);
  const offline = (await a.connect().send(new ListAgentStatusesCommand({ InstanceId: INSTANCE }))).AgentStatusSummaryList!.find((x) => x.Name === "Offline")!.Id;
  await a.connect(credentialsOf(fromA) as never).send(new PutUserStatusCommand({ InstanceId: INSTANCE, UserId: ids.bob, AgentStatusId: offline }));
  for (const srv of [a, b]) for (const s of [fromA, fromB]) await refused(describeSelf(srv, s));
});

test("a session outlives the node that issued it", async () => {
  const s = await signIn(a.url, "alice", INSTANCE);
  await a.stop();
  a = await startServer({ databaseUrl: url });
  assert.equal((await describeSelf(a, s)).User!.Username, "alice");
  assert.equal((await describeSelf(b, s)).User!.Username, "alice");
});
