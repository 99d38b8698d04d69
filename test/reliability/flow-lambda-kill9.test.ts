// kill -9 while a flow's Lambda call is in flight: the call was made outside any transaction, so nothing of it
// committed; after a restart the timer's lease runs out and the call is made again (at least once, as documented),
// and the answer's message is in the transcript once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectClient } from "@aws-sdk/client-connect";
import { KEY, REGION, testConfig } from "../support/server.js";
import { participantClient } from "../support/participant.js";
import { flowOf, lambdaEndpoint, messages, next, until, webChat } from "../support/flow-engine.js";
import { serve, writeConfig } from "./process.js";

test("kill -9 during a Lambda call: after restart the call is made again once the lease runs out, its answer said once", async () => {
  let calls = 0;
  const lambda = await lambdaEndpoint({
    // The first call never answers (the server is killed meanwhile); later ones do.
    lookup: async () => {
      if (++calls === 1) await new Promise(() => {});
      return { body: { code: "C-9" } };
    },
  });
  const dir = mkdtempSync(join(tmpdir(), "cc-flow-lambda-kill9-"));
  const config = testConfig({ lambda: { endpoint: lambda.url }, flowEngine: { leaseMs: 2000 } });
  config.accounts[0].instances[0].flows.push({
    id: "lookup",
    name: "Lookup",
    type: "CONTACT_FLOW",
    content: flowOf(
      { Identifier: "Call", Type: "InvokeLambdaFunction", Parameters: { LambdaFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:lookup", InvocationTimeLimitSeconds: "1" }, Transitions: next("Say", { NoMatchingError: "Failed" }) },
      { Identifier: "Say", Type: "MessageParticipant", Parameters: { Text: "code $.External.code" }, Transitions: next("Target", { NoMatchingError: "Target" }) },
      { Identifier: "Failed", Type: "MessageParticipant", Parameters: { Text: "failed" }, Transitions: next("Target", { NoMatchingError: "Target" }) },
      { Identifier: "Target", Type: "UpdateContactTargetQueue", Parameters: { QueueId: "BasicQueue" }, Transitions: next("Queue", { NoMatchingError: "End" }) },
      { Identifier: "Queue", Type: "TransferContactToQueue", Transitions: next("End", { NoMatchingError: "End", QueueAtCapacity: "End" }) },
      { Identifier: "End", Type: "EndFlowExecution" },
    ),
  });
  const args = ["--config", writeConfig(dir, config), "--database-url", `sqlite:${join(dir, "db.sqlite")}`];
  let server = await serve(args);
  const client = (url: string) => new ConnectClient({ endpoint: url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
  let c = client(server.url);
  let p = participantClient(server.url);
  const chat = await webChat(c, p, "lookup");
  await until(async () => lambda.calls.length === 1, "the first call");
  server.child.kill("SIGKILL");
  await server.exited;
  c.destroy();
  p.destroy();
  server = await serve(args);
  c = client(server.url);
  p = participantClient(server.url);
  try {
    const said = await until(async () => {
      const m = await messages(p, chat.token);
      return m.length ? m : undefined;
    }, "the retried call");
    assert.deepEqual(said, ["SYSTEM: code C-9"]);
    assert.equal(lambda.calls.length, 2, "called again after the restart (at least once)");
    await new Promise((r) => setTimeout(r, 2500)); // past another lease: nothing more
    assert.deepEqual(await messages(p, chat.token), ["SYSTEM: code C-9"]);
    assert.equal(lambda.calls.length, 2);
  } finally {
    c.destroy();
    p.destroy();
    server.child.kill("SIGKILL");
    await server.exited;
    await lambda.close();
  }
});
