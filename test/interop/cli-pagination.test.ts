// Our CLI (bin/connect-chat, the shipped bundle) against the real connect-chat server, side by side with the real
// `aws` CLI v1: SearchContacts paged across the server's own pages and tokens (--page-size), cut by --max-items and
// resumed with --starting-token, text output streamed page by page, and --no-paginate. Byte-for-byte the same
// stdout as aws (npm run build first).
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { SearchContactsCommand, SendChatIntegrationEventCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { DEST, INSTANCE, awsEnv, startServer, type Running } from "../support/server.js";

const run = promisify(execFile);
const bin = new URL("../../bin/connect-chat", import.meta.url).pathname;
let srv: Running;
let connect: ConnectClient;
let home: string;
let args: string[];
const made: string[] = [];

before(async () => {
  srv = await startServer();
  connect = srv.connect();
  home = mkdtempSync(join(tmpdir(), "cc-cli-paging-"));
  // The CLIs send whole seconds: start the window on a second boundary before the chats.
  const now = srv.clock.now();
  const start = Math.ceil((now + 1) / 1000) * 1000;
  await new Promise((ok) => setTimeout(ok, start - now + 2));
  for (let i = 0; i < 5; i++) {
    const r = await connect.send(new SendChatIntegrationEventCommand({ SourceId: `+1415555${3000 + i}`, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: `paging ${i}` } }));
    made.push(r.InitialContactId!);
  }
  const end = new Date(srv.clock.now() + 60_000).toISOString();
  args = ["--endpoint-url", srv.url, "connect", "search-contacts", "--instance-id", INSTANCE, "--time-range", `Type=INITIATION_TIMESTAMP,StartTime=${new Date(start).toISOString()},EndTime=${end}`, "--sort", "FieldName=INITIATION_TIMESTAMP,Order=ASCENDING"];
});
after(() => srv.stop());

const both = async (more: string[]) => {
  const env = awsEnv(home);
  const [ours, theirs] = await Promise.all([
    run(process.execPath, [bin, ...args, ...more], { env, timeout: 60_000 }),
    run("aws", [...args, ...more], { env, timeout: 60_000 }),
  ]);
  assert.equal(ours.stdout, theirs.stdout, `stdout of ${more.join(" ")}`);
  assert.equal(ours.stderr, theirs.stderr);
  return ours.stdout;
};

test("the server pages SearchContacts by MaxResults with its own NextToken", async () => {
  const first = await connect.send(new SearchContactsCommand({ InstanceId: INSTANCE, TimeRange: { Type: "INITIATION_TIMESTAMP", StartTime: new Date(srv.clock.now() - 60_000), EndTime: new Date(srv.clock.now() + 60_000) }, MaxResults: 2 }));
  assert.equal(first.Contacts?.length, 2);
  assert.ok(first.NextToken, "more than one real page");
});

test("every contact across pages of two, in json, text and table, as aws prints them", async () => {
  const json = JSON.parse(await both(["--page-size", "2"]));
  assert.deepEqual(json.Contacts.map((c: { Id: string }) => c.Id), made);
  assert.equal(json.TotalCount, 5);
  assert.equal(json.NextToken, undefined);
  const text = await both(["--page-size", "2", "--output", "text", "--query", "Contacts[].Id"]);
  assert.equal(text, "" + [made.slice(0, 2), made.slice(2, 4), made.slice(4)].map((p) => p.join("\t") + "\n").join(""), "one text line per real page");
  await both(["--page-size", "3", "--output", "table"]);
});

test("--max-items cuts inside a page and --starting-token resumes there", async () => {
  const cut = JSON.parse(await both(["--page-size", "2", "--max-items", "3"]));
  assert.deepEqual(cut.Contacts.map((c: { Id: string }) => c.Id), made.slice(0, 3));
  const token = JSON.parse(Buffer.from(cut.NextToken, "base64").toString("utf8"));
  assert.equal(token.boto_truncate_amount, 1, "one item into the second real page");
  const rest = JSON.parse(await both(["--page-size", "2", "--starting-token", cut.NextToken]));
  assert.deepEqual(rest.Contacts.map((c: { Id: string }) => c.Id), made.slice(3));
});

test("--no-paginate and a hand-given --max-results return the one real page with the server's token", async () => {
  const one = JSON.parse(await both(["--max-results", "2"]));
  assert.equal(one.Contacts.length, 2);
  assert.ok(one.NextToken);
  const next = JSON.parse(await both(["--no-paginate", "--max-results", "2", "--next-token", one.NextToken]));
  assert.deepEqual(next.Contacts.map((c: { Id: string }) => c.Id), made.slice(2, 4));
});
