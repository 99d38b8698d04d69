// The CLI prints what aws prints: the AWS SDK's "will require node >=22" warning (on Node 20) is turned off with the
// SDK's own switch, not by patching process.emitWarning, and a user's explicit setting of that switch is kept.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";

const bin = new URL("../../bin/connect-chat", import.meta.url).pathname;
const send = (env: Record<string, string | undefined>) =>
  spawnSync(process.execPath, [bin, "send-chat-integration-event", "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1", "--source-id", "+14155550100", "--destination-id", "d", "--event", "Type=MESSAGE,ContentType=text/plain,Content=hi"], {
    encoding: "utf8",
    env: { ...process.env, AWS_ACCESS_KEY_ID: "k", AWS_SECRET_ACCESS_KEY: "s", AWS_MAX_ATTEMPTS: "1", ...env },
    timeout: 30_000,
  });

test("a send prints no SDK Node-version warning", () => {
  const r = send({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined });
  assert.equal(r.status, 255, r.stderr);
  assert.match(r.stderr, /Could not connect to the endpoint URL/);
  assert.doesNotMatch(r.stderr, /NodeVersionSupportWarning/);
});

test("a user who sets the switch to false gets the SDK's warning wherever the SDK gives it (below Node 22)", () => {
  const r = send({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "false" });
  const sdkWarns = Number(process.versions.node.split(".")[0]) < 22;
  assert.equal(/NodeVersionSupportWarning/.test(r.stderr), sdkWarns, r.stderr);
});
