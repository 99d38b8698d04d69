// Routing configuration through boto3 and through the two command lines side by side: `aws connect ...` (AWS CLI v1)
// and `./bin/connect-chat connect ...` against the same server print the same answers, tables and errors.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { INSTANCE, awsEnv, startServer, type Running } from "../support/server.js";

const run = promisify(execFile);
const bin = new URL("../../bin/connect-chat", import.meta.url).pathname;
let srv: Running;
let home: string;
before(async () => {
  srv = await startServer();
  home = mkdtempSync(join(tmpdir(), "cc-routing-cli-"));
});
after(() => srv.stop());

const BOTO = `
import boto3, json, sys
from botocore.exceptions import ClientError
c = boto3.client("connect", endpoint_url=sys.argv[1], region_name="us-east-1")
I = sys.argv[2]
out = {}
def call(key, name, **kw):
    try:
        r = getattr(c, name)(**kw)
        r.pop("ResponseMetadata", None)
        out[key] = json.loads(json.dumps(r, default=str))
        return r
    except ClientError as e:
        out[key] = {"error": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"], "message": e.response["Error"]["Message"]}
h = call("hours", "create_hours_of_operation", InstanceId=I, Name="Boto hours", TimeZone="America/New_York",
         Config=[{"Day": d, "StartTime": {"Hours": 8, "Minutes": 0}, "EndTime": {"Hours": 20, "Minutes": 0}} for d in ["MONDAY", "TUESDAY"]])
q = call("queue", "create_queue", InstanceId=I, Name="Boto queue", HoursOfOperationId=h["HoursOfOperationId"], MaxContacts=10)
call("describe_queue", "describe_queue", InstanceId=I, QueueId=q["QueueId"])
rp = call("profile", "create_routing_profile", InstanceId=I, Name="Boto profile", Description="chat", DefaultOutboundQueueId=q["QueueId"],
          MediaConcurrencies=[{"Channel": "CHAT", "Concurrency": 2}], QueueConfigs=[{"QueueReference": {"QueueId": q["QueueId"], "Channel": "CHAT"}, "Priority": 1, "Delay": 5}])
call("concurrency", "update_routing_profile_concurrency", InstanceId=I, RoutingProfileId=rp["RoutingProfileId"], MediaConcurrencies=[{"Channel": "CHAT", "Concurrency": 5}])
call("describe_profile", "describe_routing_profile", InstanceId=I, RoutingProfileId=rp["RoutingProfileId"])
sp = [p["Id"] for p in c.list_security_profiles(InstanceId=I)["SecurityProfileSummaryList"] if p["Name"] == "Agent"]
u = call("user", "create_user", InstanceId=I, Username="boto.agent", Password="B0toPassword", RoutingProfileId=rp["RoutingProfileId"], SecurityProfileIds=sp,
         IdentityInfo={"FirstName": "Bo", "LastName": "To"}, PhoneConfig={"PhoneType": "SOFT_PHONE", "AutoAccept": False})
call("config", "update_user_config", InstanceId=I, UserId=u["UserId"], AutoAcceptConfigs=[{"Channel": "CHAT", "AutoAccept": True}])
call("describe_user", "describe_user", InstanceId=I, UserId=u["UserId"])
s = call("status", "create_agent_status", InstanceId=I, Name="Boto break", State="ENABLED")
call("put_status", "put_user_status", InstanceId=I, UserId=u["UserId"], AgentStatusId=s["AgentStatusId"])
# botocore's own paginators over the server's pages.
out["paged_statuses"] = [x["Name"] for p in c.get_paginator("list_agent_statuses").paginate(InstanceId=I, PaginationConfig={"PageSize": 1}) for x in p["AgentStatusSummaryList"]]
out["paged_users"] = [x["Username"] for p in c.get_paginator("search_users").paginate(InstanceId=I, SearchCriteria={"StringCondition": {"FieldName": "FirstName", "Value": "b", "ComparisonType": "STARTS_WITH"}}, PaginationConfig={"PageSize": 1}) for x in p["Users"]]
call("bad_concurrency", "create_routing_profile", InstanceId=I, Name="x", Description="x", DefaultOutboundQueueId=q["QueueId"], MediaConcurrencies=[{"Channel": "CHAT", "Concurrency": 11}])
call("bad_queue", "associate_routing_profile_queues", InstanceId=I, RoutingProfileId=rp["RoutingProfileId"], QueueConfigs=[{"QueueReference": {"QueueId": "no-such-queue", "Channel": "CHAT"}, "Priority": 1, "Delay": 0}])
call("dup_user", "create_user", InstanceId=I, Username="boto.agent", Password="B0toPassword", RoutingProfileId=rp["RoutingProfileId"], SecurityProfileIds=sp)
call("weak", "create_user", InstanceId=I, Username="boto.weak", Password="password", RoutingProfileId=rp["RoutingProfileId"], SecurityProfileIds=sp)
print(json.dumps(out))
`;

test("boto3: hours, queue, profile, user, status created and updated; paginators; the model's errors", async () => {
  const r = await run("python3", ["-c", BOTO, srv.url, INSTANCE], { env: awsEnv(home), timeout: 60_000 });
  const o = JSON.parse(r.stdout);
  const arn = `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}`;
  assert.equal(o.queue.QueueArn, `${arn}/queue/${o.queue.QueueId}`);
  assert.deepEqual([o.describe_queue.Queue.Name, o.describe_queue.Queue.MaxContacts, o.describe_queue.Queue.Status], ["Boto queue", 10, "ENABLED"]);
  assert.equal(o.describe_profile.RoutingProfile.MediaConcurrencies[0].Concurrency, 5);
  assert.deepEqual(o.describe_profile.RoutingProfile.AssociatedQueueIds, [o.queue.QueueId]);
  assert.equal(o.user.UserArn, `${arn}/agent/${o.user.UserId}`);
  assert.deepEqual(o.describe_user.User.AutoAcceptConfigs, [{ Channel: "VOICE", AutoAccept: false }, { Channel: "CHAT", AutoAccept: true }]);
  assert.deepEqual(o.describe_user.User.IdentityInfo, { FirstName: "Bo", LastName: "To" });
  assert.deepEqual(o.put_status, {});
  assert.equal((await srv.app.store.tx((t) => t.routing.userStatus(o.user.UserId)))?.statusName, "Boto break");
  assert.deepEqual(o.paged_statuses, ["Available", "Boto break", "Offline"]);
  assert.deepEqual(o.paged_users, ["boto.agent"]);
  assert.deepEqual([o.bad_concurrency.error, o.bad_concurrency.status], ["InvalidRequestException", 400]);
  assert.deepEqual([o.bad_queue.error, o.bad_queue.status], ["ResourceNotFoundException", 404]);
  assert.deepEqual([o.dup_user.error, o.dup_user.status], ["DuplicateResourceException", 409]);
  assert.deepEqual([o.weak.error, o.weak.status], ["InvalidParameterException", 400]);
  assert.ok(!r.stdout.includes("B0toPassword"));
});

/** Both CLIs with the same arguments; stdout and stderr must match, and the exit code. */
async function both(args: string[]) {
  const env = awsEnv(home);
  const exec = (cmd: string, argv: string[]) =>
    run(cmd, argv, { env, timeout: 60_000 }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  const full = ["--endpoint-url", srv.url, "connect", ...args];
  const [ours, theirs] = await Promise.all([exec(process.execPath, [bin, ...full]), exec("aws", full)]);
  assert.equal(ours.stdout, theirs.stdout, `stdout of ${args.join(" ")}`);
  assert.equal(ours.stderr, theirs.stderr, `stderr of ${args.join(" ")}`);
  assert.equal(ours.code, theirs.code);
  return theirs;
}

test("connect-chat and aws print the same for create-queue, describe, list (json, text, table, --query, paging) and errors", async () => {
  const I = ["--instance-id", INSTANCE];
  const hours = JSON.parse((await both(["list-queues", ...I, "--query", "QueueSummaryList[?Name=='BasicQueue'].Id | [0]"])).stdout);
  const hoursId = JSON.parse((await both(["describe-queue", ...I, "--queue-id", hours, "--query", "Queue.HoursOfOperationId"])).stdout);
  // Creating differs only by the new id: each CLI makes its own queue, with the same answer shape.
  const env = awsEnv(home);
  const mine = JSON.parse((await run(process.execPath, [bin, "--endpoint-url", srv.url, "connect", "create-queue", ...I, "--name", "CLI ours", "--hours-of-operation-id", hoursId, "--max-contacts", "3"], { env })).stdout);
  const theirs = JSON.parse((await run("aws", ["--endpoint-url", srv.url, "connect", "create-queue", ...I, "--name", "CLI aws", "--hours-of-operation-id", hoursId, "--max-contacts", "3"], { env })).stdout);
  assert.deepEqual(Object.keys(mine), Object.keys(theirs));
  assert.match(mine.QueueArn, new RegExp(`/queue/${mine.QueueId}$`));
  await both(["describe-queue", ...I, "--queue-id", mine.QueueId]);
  await both(["describe-queue", ...I, "--queue-id", theirs.QueueId, "--output", "text"]);
  await both(["list-queues", ...I]);
  await both(["list-queues", ...I, "--output", "table"]);
  await both(["list-queues", ...I, "--page-size", "1", "--query", "QueueSummaryList[].Name"]);
  await both(["list-queues", ...I, "--queue-types", "STANDARD", "--max-items", "2"]);
  await both(["update-queue-status", ...I, "--queue-id", mine.QueueId, "--status", "DISABLED"]);
  await both(["update-queue-max-contacts", ...I, "--queue-id", mine.QueueId, "--max-contacts", "9"]);
  assert.match((await both(["describe-queue", ...I, "--queue-id", mine.QueueId, "--output", "text", "--query", "Queue.[Status,MaxContacts]"])).stdout, /^DISABLED\t9\n$/);
  await both(["list-agent-statuses", ...I, "--output", "text"]);
  await both(["list-security-profiles", ...I, "--output", "table"]);
  await both(["list-routing-profiles", ...I]);
  const rp = JSON.parse((await both(["list-routing-profiles", ...I, "--query", "RoutingProfileSummaryList[0].Id"])).stdout);
  await both(["describe-routing-profile", ...I, "--routing-profile-id", rp]);
  await both(["search-users", ...I, "--search-criteria", '{"StringCondition":{"FieldName":"Username","Value":"nobody","ComparisonType":"EXACT"}}']);
  // Errors: the same line on stderr, exit code 255 (service) or 252/2 (parameter validation on the client).
  const e1 = await both(["create-routing-profile", ...I, "--name", "x", "--description", "x", "--default-outbound-queue-id", mine.QueueId, "--media-concurrencies", "Channel=CHAT,Concurrency=0"]);
  assert.notEqual(e1.code, 0);
  const e2 = await both(["describe-queue", ...I, "--queue-id", "no-such-queue"]);
  assert.equal(e2.code, 255);
  assert.match(e2.stderr, /\(ResourceNotFoundException\) when calling the DescribeQueue operation/);
  const e3 = await both(["create-queue", ...I, "--name", "CLI ours", "--hours-of-operation-id", hoursId]);
  assert.match(e3.stderr, /\(DuplicateResourceException\) when calling the CreateQueue operation/);
  const sp = JSON.parse((await both(["list-security-profiles", ...I, "--query", "SecurityProfileSummaryList[?Name=='Agent'].Id | [0]"])).stdout);
  const e4 = await both(["create-user", ...I, "--username", "cli.weak", "--password", "weakpass", "--routing-profile-id", rp, "--security-profile-ids", sp, "--phone-config", "PhoneType=SOFT_PHONE"]);
  assert.match(e4.stderr, /\(InvalidParameterException\) when calling the CreateUser operation: Password does not meet the requirements/);
});
