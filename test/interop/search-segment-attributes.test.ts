// SearchContacts' SearchableSegmentAttributes over the SegmentAttributes StartChatContact stored, through the SDK
// and boto3: MATCH_ALL (the default) and MATCH_ANY, exact values, other instances' contacts never, the model's limits
// (15 criteria, 20 values, keys 1–64, values up to 128 characters) refused with Connect's errors; and contacts stored
// before this version found after the migration's backfill (SQLite and PostgreSQL).
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { SearchContactsCommand, StartChatContactCommand, type ConnectClient, type SearchContactsCommandInput } from "@aws-sdk/client-connect";
import { INSTANCE, awsEnv, startServer, type Running } from "../support/server.js";
import { SqliteStore } from "../../src/storage/sqlite/SqliteStore.js";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";

const run = promisify(execFile);
let srv: Running;
let connect: ConnectClient;
let home: string;
let start: Date;
const ids: Record<string, string> = {};
before(async () => {
  srv = await startServer();
  connect = srv.connect();
  home = mkdtempSync(join(tmpdir(), "cc-seg-search-"));
  start = new Date(Math.floor(srv.clock.now() / 1000) * 1000);
  const chats: [string, Record<string, { ValueString?: string; ValueInteger?: number }>][] = [
    ["vipEu", { tier: { ValueString: "vip" }, region: { ValueString: "eu" } }],
    ["vipUs", { tier: { ValueString: "vip" }, region: { ValueString: "us" } }],
    ["basicEu", { tier: { ValueString: "basic" }, region: { ValueString: "eu" }, visits: { ValueInteger: 3 } }],
    ["none", {}],
  ];
  for (const [name, SegmentAttributes] of chats) {
    const s = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: name }, SegmentAttributes }));
    ids[s.ContactId!] = name;
  }
});
after(() => srv.stop());

const range = () => ({ Type: "INITIATION_TIMESTAMP" as const, StartTime: start, EndTime: new Date(start.getTime() + 3_600_000) });
async function names(SearchableSegmentAttributes: NonNullable<SearchContactsCommandInput["SearchCriteria"]>["SearchableSegmentAttributes"], client = connect) {
  const r = await client.send(new SearchContactsCommand({ InstanceId: INSTANCE, TimeRange: range(), SearchCriteria: { SearchableSegmentAttributes } }));
  return r.Contacts!.map((c) => ids[c.Id!] ?? c.Id).sort();
}

test("SDK: MATCH_ALL and MATCH_ANY over stored segment attributes, exact values only", async () => {
  assert.deepEqual(await names({ Criteria: [{ Key: "tier", Values: ["vip"] }] }), ["vipEu", "vipUs"]);
  assert.deepEqual(await names({ Criteria: [{ Key: "tier", Values: ["vip"] }, { Key: "region", Values: ["eu"] }] }), ["vipEu"]);
  assert.deepEqual(await names({ MatchType: "MATCH_ALL", Criteria: [{ Key: "tier", Values: ["vip", "basic"] }, { Key: "region", Values: ["eu"] }] }), ["basicEu", "vipEu"]);
  assert.deepEqual(await names({ MatchType: "MATCH_ANY", Criteria: [{ Key: "tier", Values: ["basic"] }, { Key: "region", Values: ["us"] }] }), ["basicEu", "vipUs"]);
  assert.deepEqual(await names({ Criteria: [{ Key: "tier", Values: ["VIP", "vi", ""] }] }), [], "values compare exactly");
  assert.deepEqual(await names({ Criteria: [{ Key: "visits", Values: ["3"] }] }), [], "only ValueString values are searched");
  assert.deepEqual(await names({ Criteria: [{ Key: "nope", Values: ["vip"] }] }), []);
});

test("SDK: the model's limits and match types are refused, changing nothing", async () => {
  const refused = async (s: any, re: RegExp, name = "InvalidParameterException") => {
    const e: any = await connect.send(new SearchContactsCommand({ InstanceId: INSTANCE, TimeRange: range(), SearchCriteria: { SearchableSegmentAttributes: s } })).catch((x) => x);
    assert.equal(e.$metadata?.httpStatusCode, 400, JSON.stringify(s).slice(0, 80));
    assert.match(`${e.name} ${e.message}`, re);
    assert.equal(e.name, name);
  };
  const one = { Key: "tier", Values: ["vip"] };
  await refused({ Criteria: Array.from({ length: 16 }, () => one) }, /Criteria/, "InvalidRequestException");
  await refused({ Criteria: [{ Key: "tier", Values: Array.from({ length: 21 }, (_, i) => `v${i}`) }] }, /Values/, "InvalidRequestException");
  await refused({ Criteria: [{ Key: "k".repeat(65), Values: ["v"] }] }, /Key/, "InvalidRequestException");
  await refused({ Criteria: [{ Key: "tier", Values: ["v".repeat(129)] }] }, /Values/, "InvalidRequestException");
  await refused({ MatchType: "MATCH_EXACT", Criteria: [one] }, /SearchableSegmentAttributes\.MatchType/);
  assert.deepEqual(await names({ Criteria: Array.from({ length: 15 }, () => ({ Key: "tier", Values: Array.from({ length: 20 }, (_, i) => (i ? `v${i}` : "vip")) })) }), ["vipEu", "vipUs"]);
});

const BOTO = `
import boto3, json, sys, datetime
from botocore.exceptions import ClientError
c = boto3.client("connect", endpoint_url=sys.argv[1], region_name="us-east-1")
start = datetime.datetime.fromtimestamp(float(sys.argv[3]) / 1000, datetime.timezone.utc)
rng = {"Type": "INITIATION_TIMESTAMP", "StartTime": start, "EndTime": start + datetime.timedelta(hours=1)}
def ids(crit):
    return sorted(x["Id"] for x in c.search_contacts(InstanceId=sys.argv[2], TimeRange=rng, SearchCriteria={"SearchableSegmentAttributes": crit})["Contacts"])
out = {
  "all": ids({"Criteria": [{"Key": "tier", "Values": ["vip"]}, {"Key": "region", "Values": ["us"]}]}),
  "any": ids({"MatchType": "MATCH_ANY", "Criteria": [{"Key": "tier", "Values": ["basic"]}, {"Key": "region", "Values": ["us"]}]}),
}
try:
    ids({"MatchType": "MATCH_NONE", "Criteria": [{"Key": "tier", "Values": ["vip"]}]})
except ClientError as e:
    out["err"] = [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
print(json.dumps(out))
`;

test("boto3: search_contacts with SearchableSegmentAttributes", async () => {
  const r = await run("python3", ["-c", BOTO, srv.url, INSTANCE, String(start.getTime())], { env: awsEnv(home), timeout: 60_000 });
  const out = JSON.parse(r.stdout);
  const id = (name: string) => Object.keys(ids).find((k) => ids[k] === name)!;
  assert.deepEqual(out.all, [id("vipUs")]);
  assert.deepEqual(out.any, [id("basicEu"), id("vipUs")].sort());
  assert.deepEqual(out.err, ["InvalidParameterException", 400]);
});

/**
 * Contacts stored before migration 0150 have no segment rows: this erases them and the migration's record, then
 * reopens the store, which runs 0150 and its backfill again; the search finds them.
 */
async function backfilled(databaseUrl: string, undo: () => Promise<void>) {
  let s = await startServer({ databaseUrl });
  const c = s.connect();
  const made = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "old" }, SegmentAttributes: { tier: { ValueString: "legacy" } } }));
  const port = s.port;
  await s.stop();
  await undo();
  s = await startServer({ databaseUrl, port });
  try {
    const r = await s.connect().send(new SearchContactsCommand({ InstanceId: INSTANCE, TimeRange: { Type: "INITIATION_TIMESTAMP", StartTime: new Date(Date.now() - 600_000), EndTime: new Date(Date.now() + 600_000) }, SearchCriteria: { SearchableSegmentAttributes: { Criteria: [{ Key: "tier", Values: ["legacy"] }] } } }));
    assert.deepEqual(r.Contacts!.map((x) => x.Id), [made.ContactId]);
  } finally {
    await s.stop();
  }
}

test("contacts from before the migration are found after its backfill (SQLite)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-seg-backfill-"));
  const file = join(dir, "db.sqlite");
  await backfilled(`sqlite:${file}`, async () => {
    const store = new SqliteStore(file);
    try {
      await store.tx(async () => {});
      (store as any).db.exec(`DELETE FROM contact_attributes WHERE key LIKE '["segment"%'; DELETE FROM schema_migrations WHERE version = 150;`);
    } finally {
      await store.close();
    }
  });
});

test("contacts from before the migration are found after its backfill (PostgreSQL)", async () => {
  const db = await createScratchDatabase();
  try {
    await backfilled(db.url, async () => {
      const store = await PostgresStore.open(db.url);
      await store.close();
      const pg = await import("pg");
      const client = new pg.default.Client({ connectionString: db.url });
      await client.connect();
      await client.query(`DELETE FROM contact_attributes WHERE key LIKE '["segment"%'; DELETE FROM schema_migrations WHERE version = 150;`);
      await client.end();
    });
  } finally {
    await db.drop();
  }
});
