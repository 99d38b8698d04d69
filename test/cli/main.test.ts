// Behaviour of the CLI entry that the golden set cannot record from AWS CLI v1: our extensions (yaml output,
// --cli-input-yaml), help pages built from the model, the version line, and model-driven option names.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { commandTable, xformName } from "../../src/cli/commands.js";
import { parseIni } from "../../src/cli/config.js";
import { main } from "../../src/cli/main.js";

const dir = mkdtempSync(join(tmpdir(), "cc-main-"));
const env = { HOME: dir, AWS_CONFIG_FILE: join(dir, "config"), AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"), AWS_DEFAULT_REGION: "us-east-1", AWS_EC2_METADATA_DISABLED: "true" };
async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { env, cwd: dir, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false });
  return { code, stdout, stderr };
}
const MSG = ["--source-id", "+14155550100", "--destination-id", "d", "--event", "Type=MESSAGE,Content=hi"];

describe("CLI extensions and pages", () => {
  test("--output yaml prints the answer as AWS CLI v2 does", async () => {
    const r = await run("send-chat-integration-event", ...MSG, "--generate-cli-skeleton", "output", "--output", "yaml");
    assert.deepEqual(r, { code: 0, stdout: "InitialContactId: InitialContactId\nNewChatCreated: true\n", stderr: "" });
  });
  test("--cli-input-yaml fills the request and lifts the required options", async () => {
    writeFileSync(join(dir, "in.yaml"), "SourceId: '+1415'\nDestinationId: d\nEvent:\n  Type: MESSAGE\n  Bogus: 1\n");
    const r = await run("connect", "send-chat-integration-event", "--cli-input-yaml", "file://in.yaml", "--generate-cli-skeleton", "output");
    assert.equal(r.code, 255);
    assert.equal(r.stderr, '\nParameter validation failed:\nUnknown parameter in Event: "Bogus", must be one of: Type, ContentType, Content\n');
  });
  test("operation help lists every model member with its documentation and syntax", async () => {
    const r = await run("send-chat-integration-event", "help");
    assert.equal(r.code, 0);
    for (const s of ["--source-id (string)", "--new-session-details (structure)", "StreamingEndpointArn -> (string)", "Shorthand Syntax:", "Type=string,ContentType=string,Content=string", '"Type": "DISCONNECT"|"MESSAGE"|"EVENT"', "NewChatCreated -> (boolean)"]) {
      assert.ok(r.stdout.includes(s), `help lacks ${s}`);
    }
  });
  test("top-level help names the operations", async () => {
    const r = await run("help");
    assert.ok(r.stdout.includes("send-chat-integration-event"));
  });
  test("--version prints one tool/runtime/system/library line", async () => {
    const r = await run("send-chat-integration-event", "--version");
    assert.match(r.stdout, /^connect-chat\/\d+\.\d+\.\d+ Node\.js\/\d+\.\d+\.\d+ \w+\/\S+ aws-sdk-js\/\S+\n$/);
  });
  test("an operation AWS has but we do not implement is refused plainly", async () => {
    const r = await run("connect", "list-instances");
    assert.deepEqual(r, { code: 255, stdout: "", stderr: '\nconnect-chat does not implement the connect operation "list-instances"\n' });
  });
});

describe("model-driven pieces", () => {
  test("xform_name turns member names into option names as botocore does", () => {
    assert.deepEqual(["SourceId", "NewSessionDetails", "ContactFlowARNs", "Ipv6Address", "SMSConfig"].map((n) => xformName(n)), ["source-id", "new-session-details", "contact-flow-arns", "ipv6-address", "sms-config"]);
  });
  test("the option table comes from the input shape in model order", () => {
    const cmd = commandTable().get("send-chat-integration-event")!;
    assert.deepEqual(cmd.args.map((a) => `${a.name}${a.required ? "*" : ""}`), ["source-id*", "destination-id*", "subtype", "event*", "new-session-details", "cli-input-json", "cli-input-yaml", "generate-cli-skeleton"]);
  });
  test("config files parse like botocore's (sections, nested service blocks, comments)", () => {
    const ini = parseIni("# c\n[default]\nregion = eu-west-1\n[services x]\nconnect =\n  endpoint_url = http://h\n; c2\n[profile p]\nOutput: text\n");
    assert.deepEqual(Object.fromEntries(ini), { default: { region: "eu-west-1" }, "services x": { connect: { endpoint_url: "http://h" } }, "profile p": { output: "text" } });
  });
});
