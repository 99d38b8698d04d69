// The same server through boto3 and the real AWS CLI v1, as an operator or SMS gateway would use them.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DEST, INSTANCE, awsEnv, startServer, type Running } from "../support/server.js";

const run = promisify(execFile);
let srv: Running;
let home: string;
before(async () => {
  srv = await startServer();
  home = mkdtempSync(join(tmpdir(), "cc-aws-home-"));
});
after(() => srv.stop());

async function aws(args: string[], key?: { accessKeyId: string; secretAccessKey: string }) {
  try {
    const r = await run("aws", ["--endpoint-url", srv.url, ...args], { env: awsEnv(home, key), timeout: 60_000 });
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
out = []
def call(name, **kw):
    try:
        r = getattr(c, name)(**kw)
        r.pop("ResponseMetadata", None)
        out.append({"ok": json.loads(json.dumps(r, default=str))})
        return r
    except ClientError as e:
        out.append({"error": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"], "message": e.response["Error"]["Message"]})
ev = dict(SourceId="+14155557777", DestinationId=sys.argv[2], Subtype="connect:sms")
a = call("send_chat_integration_event", Event={"Type": "MESSAGE", "ContentType": "text/plain", "Content": "hi from boto3"}, NewSessionDetails={"ParticipantDetails": {"DisplayName": "Boto"}}, **ev)
call("send_chat_integration_event", Event={"Type": "MESSAGE", "ContentType": "text/plain", "Content": "again"}, **ev)
call("describe_contact", InstanceId=sys.argv[3], ContactId=a["InitialContactId"])
call("send_chat_integration_event", Event={"Type": "DISCONNECT"}, **ev)
call("send_chat_integration_event", Event={"Type": "EVENT", "ContentType": "application/vnd.amazonaws.connect.event.typing"}, **ev)
call("send_chat_integration_event", Event={"Type": "MESSAGE", "ContentType": "text/plain", "Content": "new"}, **ev)
call("send_chat_integration_event", Event={"Type": "MESSAGE", "ContentType": "text/plain", "Content": "x"}, SourceId="+1", DestinationId=sys.argv[2], Subtype="connect:sms")
call("send_chat_integration_event", Event={"Type": "MESSAGE", "ContentType": "text/plain", "Content": "x"}, SourceId="+14155557777", DestinationId="arn:nope")
print(json.dumps(out))
`;

test("boto3: new chat, same chat, describe, disconnect, event without chat, new chat, errors", async () => {
  const r = await run("python3", ["-c", BOTO, srv.url, DEST, INSTANCE], { env: awsEnv(home), timeout: 60_000 });
  const out = JSON.parse(r.stdout);
  assert.equal(out[0].ok.NewChatCreated, true);
  const id = out[0].ok.InitialContactId;
  assert.deepEqual(out[1].ok, { InitialContactId: id, NewChatCreated: false });
  assert.equal(out[2].ok.Contact.Id, id);
  assert.equal(out[2].ok.Contact.CustomerEndpoint.Address, "+14155557777");
  assert.deepEqual(out[3].ok, { InitialContactId: id, NewChatCreated: false });
  assert.deepEqual(out[4].ok, { NewChatCreated: false });
  assert.equal(out[5].ok.NewChatCreated, true);
  assert.notEqual(out[5].ok.InitialContactId, id);
  assert.deepEqual([out[6].error, out[6].status], ["InvalidRequestException", 400]);
  assert.match(out[6].message, /SourceId/);
  assert.deepEqual([out[7].error, out[7].status], ["ResourceNotFoundException", 404]);
});

test("aws CLI v1: the seed's command creates a chat and then reuses it", async () => {
  const args = ["connect", "send-chat-integration-event", "--source-id", "+14155556666", "--destination-id", DEST, "--subtype", "connect:sms", "--event", "Type=MESSAGE,ContentType=text/plain,Content=Hello"];
  const a = await aws(args);
  assert.equal(a.code, 0, a.stderr);
  const first = JSON.parse(a.stdout);
  assert.equal(first.NewChatCreated, true);
  const b = await aws([...args, "--output", "text"]);
  assert.equal(b.stdout, `${first.InitialContactId}\tFalse\n`);
  const d = await aws(["connect", "describe-contact", "--instance-id", INSTANCE, "--contact-id", first.InitialContactId, "--query", "Contact.[Channel,InitiationMethod,SegmentAttributes.\"connect:Subtype\".ValueString]", "--output", "text"]);
  assert.equal(d.stdout, "CHAT\tAPI\tconnect:SMS\n");
  const stop = await aws(["connect", "stop-contact", "--instance-id", INSTANCE, "--contact-id", first.InitialContactId]);
  assert.equal(stop.code, 0, stop.stderr);
  const c = await aws([...args, "--query", "NewChatCreated"]);
  assert.equal(c.stdout.trim(), "true");
});

test("aws CLI v1: service errors print the AWS error line and exit 255", async () => {
  const e = await aws(["connect", "send-chat-integration-event", "--source-id", "+14155556666", "--destination-id", "arn:nope", "--event", "Type=MESSAGE,ContentType=text/plain,Content=x"]);
  assert.equal(e.code, 255);
  assert.match(e.stderr, /An error occurred \(ResourceNotFoundException\) when calling the SendChatIntegrationEvent operation: DestinationId 'arn:nope'/);
  const bad = await aws(["connect", "send-chat-integration-event", "--source-id", "+14155556666", "--destination-id", DEST, "--event", "Type=MESSAGE,ContentType=text/plain,Content=x"], { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "nope" });
  assert.equal(bad.code, 255);
  assert.match(bad.stderr, /\(InvalidSignatureException\)/);
  const attrs = await aws(["connect", "get-contact-attributes", "--instance-id", INSTANCE, "--initial-contact-id", "missing"]);
  assert.match(attrs.stderr, /\(ResourceNotFoundException\) when calling the GetContactAttributes operation/);
});
