// kill -9 of the real server (SQLite) right after acknowledged sign-ins, a sign-out and an Offline: after a restart
// on the same database every acknowledged session still signs requests and every acknowledged ending still holds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectClient, DescribeUserCommand, ListAgentStatusesCommand, PutUserStatusCommand } from "@aws-sdk/client-connect";
import { INSTANCE, KEY, REGION, testConfig } from "../support/server.js";
import { createAgent, credentialsOf, postJson, signIn, type SignedIn } from "../support/sign-in.js";
import { serve, writeConfig } from "./process.js";

test("kill -9 after acknowledged sign-ins, a sign-out and an Offline: after restart the live sessions work, the ended ones stay ended", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-signin-kill9-"));
  const args = ["--config", writeConfig(dir, testConfig()), "--database-url", `sqlite:${join(dir, "db.sqlite")}`];
  let node = await serve(args);
  const clients: ConnectClient[] = [];
  const client = (url: string, creds: object) => {
    const c = new ConnectClient({ endpoint: url, region: REGION, credentials: creds as never, maxAttempts: 1 });
    clients.push(c);
    return c;
  };
  try {
    const admin = client(node.url, KEY);
    const ids = { ann: await createAgent(admin, INSTANCE, "ann", ["Agent"]), ben: await createAgent(admin, INSTANCE, "ben", ["Agent"]) };
    const [live, out, benA, benB] = await Promise.all([signIn(node.url, "ann", INSTANCE), signIn(node.url, "ann", INSTANCE), signIn(node.url, "ben", INSTANCE), signIn(node.url, "ben", INSTANCE)]);
    assert.equal((await postJson(node.url, "/auth/sign-out", { AccessKeyId: out.Credentials.AccessKeyId, SessionToken: out.Credentials.SessionToken })).status, 200);
    const offline = (await admin.send(new ListAgentStatusesCommand({ InstanceId: INSTANCE }))).AgentStatusSummaryList!.find((s) => s.Name === "Offline")!.Id;
    await client(node.url, credentialsOf(benA)).send(new PutUserStatusCommand({ InstanceId: INSTANCE, UserId: ids.ben, AgentStatusId: offline }));

    node.child.kill("SIGKILL");
    assert.equal((await node.exited).signal, "SIGKILL");
    node = await serve(args);

    const works = (s: SignedIn) =>
      client(node.url, credentialsOf(s)).send(new DescribeUserCommand({ InstanceId: INSTANCE, UserId: s.User.Id })).then(
        (r) => r.User!.Username,
        (e: { name: string }) => e.name,
      );
    assert.equal(await works(live), "ann");
    assert.equal(await works(out), "UnrecognizedClientException");
    assert.equal(await works(benA), "UnrecognizedClientException");
    assert.equal(await works(benB), "UnrecognizedClientException");
  } finally {
    for (const c of clients) c.destroy();
    node.child.kill("SIGKILL");
    await node.exited;
  }
});
