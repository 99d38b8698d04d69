// One server per SQLite file: a second `connect-chat serve` on a file another server holds is refused at start
// (before it touches the file) with a message naming the holder, while the first keeps serving; kill -9 of the
// holder frees the file at once, so a restart is never blocked by a stale claim; closing an app frees it too;
// readers that do not serve (`connect-chat outbox`) are not refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectClient, DescribeContactCommand, SendChatIntegrationEventCommand } from "@aws-sdk/client-connect";
import { createApp, openStore, outboxReport } from "../../src/app.js";
import { SqliteInUseError } from "../../src/storage/sqlite/server-lock.js";
import { DEST, INSTANCE, KEY, REGION, testConfig } from "../support/server.js";
import { BIN, serve, writeConfig } from "./process.js";
import { snapshot } from "./support.js";

const send = async (url: string, content: string) => {
  const c = new ConnectClient({ endpoint: url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
  try {
    return await c.send(new SendChatIntegrationEventCommand({ SourceId: "+14155550142", DestinationId: DEST, Event: { Type: "MESSAGE", ContentType: "text/plain", Content: content } }));
  } finally {
    c.destroy();
  }
};

/** Runs `connect-chat serve` to its exit (a refused start exits by itself); what it printed and its exit code. */
function refusedStart(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c) => (stdout += c));
  child.stderr!.on("data", (c) => (stderr += c));
  return new Promise((resolve) => {
    // A server that did start would print its address: stop it so the test fails on the assertions, not a hang.
    child.stdout!.on("data", () => stdout.includes("listening on") && child.kill("SIGKILL"));
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

test("a second server on the same SQLite file is refused with a message naming the first; kill -9 of the first frees the file for a restart at once", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-single-"));
  const db = join(dir, "db.sqlite");
  const args = ["--config", writeConfig(dir, testConfig()), "--database-url", `sqlite:${db}`];
  const first = await serve(args);
  let restarted: Awaited<ReturnType<typeof serve>> | undefined;
  try {
    const a = await send(first.url, "before the second start");
    const before = snapshot(db);

    const second = await refusedStart(args);
    assert.equal(second.code, 1, second.stderr);
    assert.equal(second.stdout, "");
    assert.match(second.stderr, new RegExp(`^connect-chat: the SQLite database ${db.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} is already served by another connect-chat server \\(pid ${first.child.pid} on \\S+, started \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\)\\. One server per SQLite file`));
    assert.doesNotMatch(second.stderr, /\n\s+at /, "a stack trace instead of a message");
    assert.deepEqual(snapshot(db), before, "the refused server changed the database");
    // The first one was not disturbed.
    assert.equal((await send(first.url, "after the refused start")).InitialContactId, a.InitialContactId);

    // kill -9 leaves no claim behind: the kernel drops the lock with the process.
    first.child.kill("SIGKILL");
    assert.equal((await first.exited).signal, "SIGKILL");
    restarted = await serve(args);
    const b = await send(restarted.url, "after the restart");
    assert.equal(b.InitialContactId, a.InitialContactId);
    const c = new ConnectClient({ endpoint: restarted.url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
    try {
      const contact = await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: a.InitialContactId! }));
      assert.equal(contact.Contact?.Id, a.InitialContactId);
    } finally {
      c.destroy();
    }
  } finally {
    first.child.kill("SIGKILL");
    restarted?.child.kill("SIGKILL");
  }
});

test("in one process too: a second app on the file is refused until the first closes; stores that do not serve are not", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-single-"));
  const url = `sqlite:${join(dir, "db.sqlite")}`;
  const opts = { databaseUrl: url, log: () => {} };
  const first = await createApp(testConfig(), opts);
  try {
    await assert.rejects(createApp(testConfig(), opts), (e: Error) => e instanceof SqliteInUseError && /already served by another connect-chat server \(pid \d+ /.test(e.message));
    // `connect-chat outbox` reads the same file while the server runs.
    const reader = await openStore(url);
    try {
      assert.deepEqual(await outboxReport(reader), { endpoints: [], deadLetters: [] });
    } finally {
      await reader.close();
    }
  } finally {
    await first.close();
  }
  const next = await createApp(testConfig(), opts);
  await next.close();
});
