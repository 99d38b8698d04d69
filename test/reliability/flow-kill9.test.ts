// kill -9 of the real server while flows wait — on GetParticipantInput (one answered after the restart, one left to
// time out) and on a Wait timer: after a restart on the same SQLite database each run resumes where it was, times
// out or goes on, and no block the customer can see runs twice (every SYSTEM message is in the transcript once).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectClient } from "@aws-sdk/client-connect";
import { SendMessageCommand } from "@aws-sdk/client-connectparticipant";
import { KEY, REGION, testConfig } from "../support/server.js";
import { participantClient } from "../support/participant.js";
import { messages, until, webChat } from "../support/flow-engine.js";
import { askFlow, waitFlow } from "../support/durable-flows.js";
import { serve, writeConfig } from "./process.js";

test("kill -9 while flows wait on input and on a timer: after restart each resumes, times out or goes on, every block once", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-flow-kill9-"));
  const config = testConfig();
  config.accounts[0].instances[0].flows.push(
    { id: "ask", name: "Ask", type: "CONTACT_FLOW", content: askFlow(4) },
    { id: "hold", name: "Hold", type: "CONTACT_FLOW", content: waitFlow(4) },
  );
  const args = ["--config", writeConfig(dir, config), "--database-url", `sqlite:${join(dir, "db.sqlite")}`];
  let server = await serve(args);
  const client = (url: string) => new ConnectClient({ endpoint: url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
  let c = client(server.url);
  let p = participantClient(server.url);
  const answered = await webChat(c, p, "ask");
  const silent = await webChat(c, p, "ask");
  const held = await webChat(c, p, "hold");
  assert.deepEqual(await messages(p, answered.token), ["SYSTEM: Welcome", "SYSTEM: Your order number?"]);
  assert.deepEqual(await messages(p, held.token), ["SYSTEM: Hold on"]);
  server.child.kill("SIGKILL");
  assert.equal((await server.exited).signal, "SIGKILL");
  c.destroy();
  p.destroy();

  server = await serve(args);
  c = client(server.url);
  p = participantClient(server.url);
  try {
    await p.send(new SendMessageCommand({ ConnectionToken: answered.token, ContentType: "text/plain", Content: "A-1234" }));
    assert.deepEqual(await messages(p, answered.token), ["SYSTEM: Welcome", "SYSTEM: Your order number?", "CUSTOMER: A-1234", "SYSTEM: Got it"]);
    const done = (token: string, n: number) => until(async () => ((await messages(p, token)).length >= n ? messages(p, token) : undefined), "the timers after the restart");
    assert.deepEqual(await done(silent.token, 3), ["SYSTEM: Welcome", "SYSTEM: Your order number?", "SYSTEM: Timed out"]);
    assert.deepEqual(await done(held.token, 2), ["SYSTEM: Hold on", "SYSTEM: Done waiting"]);
    // Past every timer: nothing more happens, nothing twice.
    await new Promise((r) => setTimeout(r, 600));
    assert.equal((await messages(p, answered.token)).length, 4);
    assert.equal((await messages(p, silent.token)).length, 3);
    assert.equal((await messages(p, held.token)).length, 2);
  } finally {
    c.destroy();
    p.destroy();
    server.child.kill("SIGKILL");
    await server.exited;
  }
});
