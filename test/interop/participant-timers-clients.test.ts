// UpdateParticipantRoleConfig through boto3 and through the two command lines side by side: `aws connect
// update-participant-role-config` (AWS CLI v1) and `./bin/connect-chat connect update-participant-role-config`
// print the same (nothing, exit 0; the same error and exit code), and what they set arms the timers.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { CreateParticipantCommand } from "@aws-sdk/client-connect";
import { INSTANCE, awsEnv, startServer, testConfig, type Running } from "../support/server.js";
import { openSocket, participantClient } from "../support/participant.js";
import { webChat } from "../support/flow-engine.js";

const run = promisify(execFile);
const bin = new URL("../../bin/connect-chat", import.meta.url).pathname;
let srv: Running;
let home: string;
before(async () => {
  srv = await startServer({ config: testConfig({ participantTimers: { pollMs: 3_600_000 } }) });
  home = mkdtempSync(join(tmpdir(), "cc-timers-cli-"));
});
after(() => srv.stop());

async function cli(cmd: string, args: string[]) {
  const [file, pre] = cmd === "aws" ? ["aws", []] : [process.execPath, [bin]];
  try {
    const r = await run(file, [...pre, "--endpoint-url", srv.url, ...args], { env: awsEnv(home), timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const BOTO = `
import boto3, json, sys
from botocore.exceptions import ClientError
c = boto3.client("connect", endpoint_url=sys.argv[1], region_name="us-east-1")
out = {}
def call(key, **kw):
    try:
        r = c.update_participant_role_config(InstanceId=sys.argv[2], ContactId=sys.argv[3], **kw)
        r.pop("ResponseMetadata", None)
        out[key] = r
    except ClientError as e:
        out[key] = {"error": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
t = lambda role, kind, v: {"ParticipantRole": role, "TimerType": kind, "TimerValue": v}
call("ok", ChannelConfiguration={"Chat": {"ParticipantTimerConfigList": [t("CUSTOMER", "IDLE", {"ParticipantTimerDurationInMinutes": 2})]}})
call("dup", ChannelConfiguration={"Chat": {"ParticipantTimerConfigList": [t("AGENT", "IDLE", {"ParticipantTimerDurationInMinutes": 2}), t("AGENT", "IDLE", {"ParticipantTimerAction": "Unset"})]}})
call("range", ChannelConfiguration={"Chat": {"ParticipantTimerConfigList": [t("AGENT", "IDLE", {"ParticipantTimerDurationInMinutes": 500})]}})
print(json.dumps(out))
`;

test("boto3: UpdateParticipantRoleConfig answers {} and Connect's errors", async () => {
  const p = participantClient(srv.url);
  const chat = await webChat(srv.connect(), p, "flow");
  const r = await run("python3", ["-c", BOTO, srv.url, INSTANCE, chat.contactId], { env: awsEnv(home), timeout: 60_000 });
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.ok, {});
  assert.deepEqual(out.dup, { error: "InvalidRequestException", status: 400 });
  // botocore checks no maximum before sending: the server refuses 500 minutes (over 480).
  assert.deepEqual(out.range, { error: "InvalidRequestException", status: 400 });
  p.destroy();
});

test("aws CLI v1 and connect-chat print the same for update-participant-role-config, and the setting arms the timer", async () => {
  const p = participantClient(srv.url);
  const chat = await webChat(srv.connect(), p, "flow");
  const args = (list: string) => ["connect", "update-participant-role-config", "--instance-id", INSTANCE, "--contact-id", chat.contactId, "--channel-configuration", list];
  const ok = JSON.stringify({ Chat: { ParticipantTimerConfigList: [{ ParticipantRole: "CUSTOMER", TimerType: "IDLE", TimerValue: { ParticipantTimerDurationInMinutes: 2 } }] } });
  const dup = JSON.stringify({ Chat: { ParticipantTimerConfigList: [{ ParticipantRole: "AGENT", TimerType: "IDLE", TimerValue: { ParticipantTimerDurationInMinutes: 2 } }, { ParticipantRole: "AGENT", TimerType: "IDLE", TimerValue: { ParticipantTimerDurationInMinutes: 3 } }] } });
  for (const list of [ok, dup]) {
    const [a, b] = [await cli("aws", args(list)), await cli("connect-chat", args(list))];
    assert.deepEqual(b, a, `same answer for ${list}`);
  }
  assert.equal((await cli("connect-chat", args(ok))).code, 0);
  assert.match((await cli("connect-chat", args(dup))).stderr, /InvalidRequestException/);
  await srv.connect().send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: chat.contactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Ana" } }));
  const sock = await openSocket(chat.ws);
  srv.clock.advance(2 * 60_000);
  srv.app.participantTimers.wake();
  await srv.app.participantTimers.idle();
  await sock.next((f) => f.item?.ContentType === "application/vnd.amazonaws.connect.event.participant.idle");
  sock.close();
  p.destroy();
});
