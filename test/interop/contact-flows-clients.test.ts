// Contact flows through boto3 and through the CLIs: ./bin/connect-chat (the shipped bundle) and the real `aws` CLI
// v1 against the same server print the same bytes for create, describe (with a qualifier), list (paged, filtered),
// and the InvalidContactFlowException refusal. npm run build first (the bundle).
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { INSTANCE, awsEnv, startServer, type Running } from "../support/server.js";
import { greeting } from "../support/flows.js";

const run = promisify(execFile);
const bin = new URL("../../bin/connect-chat", import.meta.url).pathname;
let srv: Running;
let home: string;
before(async () => {
  srv = await startServer();
  home = mkdtempSync(join(tmpdir(), "cc-flows-clients-"));
  writeFileSync(join(home, "greeting.json"), greeting("Hello from a file"));
  writeFileSync(join(home, "broken.json"), JSON.stringify({ Version: "2019-10-30", StartAction: "Nowhere", Actions: [] }));
});
after(() => srv.stop());

type Out = { code: number; stdout: string; stderr: string };
const exec = async (cmd: string, args: string[]): Promise<Out> => {
  try {
    const r = await run(cmd, args, { env: awsEnv(home), timeout: 60_000, cwd: home });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as Out;
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
};
const ours = (args: string[]) => exec(process.execPath, [bin, "--endpoint-url", srv.url, "connect", ...args]);
const theirs = (args: string[]) => exec("aws", ["--endpoint-url", srv.url, "connect", ...args]);
/** Runs both CLIs with the same arguments; they must print the same. */
const both = async (args: string[]) => {
  const [a, b] = await Promise.all([ours(args), theirs(args)]);
  assert.deepEqual(a, b, `connect ${args.join(" ")}`);
  return a;
};

const BOTO = `
import boto3, json, sys
from botocore.exceptions import ClientError
c = boto3.client("connect", endpoint_url=sys.argv[1], region_name="us-east-1")
inst = sys.argv[2]
out = {}
def err(f):
    try:
        f()
        return None
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"], "problems": e.response.get("problems")}
r = c.create_contact_flow(InstanceId=inst, Name="boto flow", Type="CONTACT_FLOW", Content=sys.argv[3], Description="from boto3")
fid = r["ContactFlowId"]
out["created"] = {k: r[k] for k in ("ContactFlowId", "ContactFlowArn", "FlowContentSha256")}
c.update_contact_flow_content(InstanceId=inst, ContactFlowId=fid + ":$SAVED", Content=sys.argv[4])
out["published"] = c.describe_contact_flow(InstanceId=inst, ContactFlowId=fid)["ContactFlow"]["Content"]
saved = c.describe_contact_flow(InstanceId=inst, ContactFlowId=fid + ":$SAVED")["ContactFlow"]
out["saved"] = [saved["Content"], saved["Status"]]
out["invalid"] = err(lambda: c.update_contact_flow_content(InstanceId=inst, ContactFlowId=fid, Content='{"Version": "2019-10-30", "StartAction": "x", "Actions": []}'))
out["legacy"] = err(lambda: c.create_contact_flow(InstanceId=inst, Name="legacy", Type="CONTACT_FLOW", Content='{"modules": [], "version": "1", "start": "x"}'))
for i in range(4):
    c.create_contact_flow(InstanceId=inst, Name="boto queue %d" % i, Type="CUSTOMER_QUEUE", Content=sys.argv[3])
pages = c.get_paginator("list_contact_flows").paginate(InstanceId=inst, ContactFlowTypes=["CUSTOMER_QUEUE"], PaginationConfig={"PageSize": 3})
out["pages"] = [[s["Name"] for s in p["ContactFlowSummaryList"]] for p in pages]
c.update_contact_flow_metadata(InstanceId=inst, ContactFlowId=fid, ContactFlowState="ARCHIVED")
out["state"] = c.describe_contact_flow(InstanceId=inst, ContactFlowId=fid)["ContactFlow"]["State"]
c.delete_contact_flow(InstanceId=inst, ContactFlowId=fid)
out["deleted"] = err(lambda: c.describe_contact_flow(InstanceId=inst, ContactFlowId=fid))
print(json.dumps(out))
`;

test("boto3: create, save with :$SAVED, describe both versions, invalid and legacy content with problems, paginate filtered, archive, delete", async () => {
  const r = await run("python3", ["-c", BOTO, srv.url, INSTANCE, greeting("boto one"), greeting("boto two")], { env: awsEnv(home), timeout: 60_000 });
  const out = JSON.parse(r.stdout);
  assert.match(out.created.ContactFlowArn, new RegExp(`instance/${INSTANCE}/contact-flow/${out.created.ContactFlowId}$`));
  assert.match(out.created.FlowContentSha256, /^[0-9a-f]{64}$/);
  assert.equal(out.published, greeting("boto one"));
  assert.deepEqual(out.saved, [greeting("boto two"), "SAVED"]);
  assert.deepEqual(out.invalid, { code: "InvalidContactFlowException", status: 400, problems: [{ message: "Invalid flow property value. Path: StartAction. StartAction x is not the Identifier of any action" }] });
  assert.equal(out.legacy.code, "InvalidContactFlowException");
  assert.match(out.legacy.problems[0].message, /^Legacy flow format\./);
  assert.deepEqual(out.pages.flat().sort(), ["boto queue 0", "boto queue 1", "boto queue 2", "boto queue 3"]);
  assert.deepEqual(out.pages.map((p: string[]) => p.length), [3, 1]);
  assert.equal(out.state, "ARCHIVED");
  assert.deepEqual(out.deleted, { code: "ResourceNotFoundException", status: 404, problems: null });
});

test("CLI: ./bin/connect-chat and aws print the same for create, describe (:$SAVED), list and the refusal of invalid content", async () => {
  const createArgs = (name: string) => ["create-contact-flow", "--instance-id", INSTANCE, "--name", name, "--type", "CONTACT_FLOW", "--content", "file://greeting.json", "--tags", "team=cli"];
  const [a, b] = [await ours(createArgs("cli ours")), await theirs(createArgs("cli aws"))];
  assert.equal(a.code, 0, a.stderr);
  const [ja, jb] = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
  const mask = (s: string, id: string) => s.replaceAll(id, "<id>");
  assert.equal(mask(a.stdout, ja.ContactFlowId), mask(b.stdout, jb.ContactFlowId), "same shape and checksum; only the ids differ");
  assert.deepEqual(Object.keys(ja), ["ContactFlowId", "ContactFlowArn", "FlowContentSha256"]);

  const d = await both(["describe-contact-flow", "--instance-id", INSTANCE, "--contact-flow-id", `${ja.ContactFlowId}:$SAVED`]);
  assert.equal(JSON.parse(d.stdout).ContactFlow.Content, greeting("Hello from a file"));
  // The README's short form (no service word) prints the same.
  const short = await exec(process.execPath, [bin, "describe-contact-flow", "--endpoint-url", srv.url, "--instance-id", INSTANCE, "--contact-flow-id", `${ja.ContactFlowId}:$SAVED`]);
  assert.deepEqual(short, d);
  await both(["describe-contact-flow", "--instance-id", INSTANCE, "--contact-flow-id", ja.ContactFlowId, "--output", "text", "--query", "ContactFlow.[Name,Status,State,Tags.team]"]);
  const listed = await both(["list-contact-flows", "--instance-id", INSTANCE, "--page-size", "1", "--contact-flow-types", "CONTACT_FLOW", "--query", "ContactFlowSummaryList[].Name", "--output", "text"]);
  // The test configuration's own flows (config flows the other tests run) list too.
  assert.deepEqual(listed.stdout.trim().split(/[\t\n]/).filter((n) => !n.startsWith("Test queue flow")).sort(), ["cli aws", "cli ours"]);
  await both(["list-contact-flows", "--instance-id", INSTANCE, "--output", "table"]);

  const refused = await both(["create-contact-flow", "--instance-id", INSTANCE, "--name", "broken", "--type", "CONTACT_FLOW", "--content", "file://broken.json"]);
  assert.equal(refused.code, 255);
  assert.match(refused.stderr, /An error occurred \(InvalidContactFlowException\) when calling the CreateContactFlow operation: The flow is not valid\./);
  const upd = await both(["update-contact-flow-metadata", "--instance-id", INSTANCE, "--contact-flow-id", ja.ContactFlowId, "--contact-flow-state", "ARCHIVED"]);
  assert.equal(upd.stdout, "");
  const del = (id: string) => ["delete-contact-flow", "--instance-id", INSTANCE, "--contact-flow-id", id];
  assert.deepEqual(await ours(del(ja.ContactFlowId)), await theirs(del(jb.ContactFlowId)));
  assert.deepEqual(await ours(del(ja.ContactFlowId)), { code: 255, stdout: "", stderr: `\nAn error occurred (ResourceNotFoundException) when calling the DeleteContactFlow operation: Contact flow '${ja.ContactFlowId}' was not found in instance ${INSTANCE}\n` });
  const gone = await both(["delete-contact-flow", "--instance-id", INSTANCE, "--contact-flow-id", jb.ContactFlowId]);
  assert.match(gone.stderr, /ResourceNotFoundException/);
});
