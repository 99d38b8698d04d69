// Property-based fuzzing of request bodies for every write operation (and GetTranscript): wrong JSON types at
// every member path, mixed with huge and odd strings, invalid UTF-8, deep nesting, duplicate keys and unknown
// members; and well-typed refusals that reach the domain. Connect requests are correctly SigV4-signed so
// they reach the validator. Every answer must be an AWS-shaped 4xx, the stored data must be byte-for-byte
// unchanged, and valid requests must still succeed afterwards.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { memberPaths, planFor, poisoned, noiseValue } from "./arbitraries.js";
import { targets, type Target } from "./operations.js";
import { seededServer, type Seeded } from "./seed.js";
import { assertAwsError, fuzzSeed, rawExchange, requestBytes, runs, sendSigned, snapshot, type Answer } from "./support.js";
import { operations, type OperationName } from "../../src/api/operations.js";
import { OTHER_INSTANCE } from "../support/server.js";

let s: Seeded;
let before0: ReturnType<typeof snapshot>;
const seed = fuzzSeed("fuzz-body");
let total = 0;

before(async () => {
  s = await seededServer();
  before0 = snapshot(s.srv.dbPath);
});
after(async () => {
  console.log(`# fuzz-body: ${total} fuzzed requests`);
  await s.stop();
});

function send(t: Target, body: Buffer): Promise<Answer> {
  total++;
  if (t.bearer === undefined) return sendSigned(s.srv.port, { method: t.method, path: t.path, body });
  const headers: [string, string][] = [
    ["Host", `127.0.0.1:${s.srv.port}`],
    ["Content-Type", "application/json"],
    ["X-Amz-Bearer", t.bearer],
    ["Content-Length", String(body.length)],
  ];
  return rawExchange(s.srv.port, requestBytes(t.method, t.path, headers, body));
}

async function unchanged() {
  assert.deepEqual(snapshot(s.srv.dbPath), before0, "stored data changed");
  await s.healthy();
}

// Names come from the table, so a new operation in operations.ts without a fuzz target fails here. Operations whose
// every member is in the URI (DeleteUser) have no body to fuzz.
const FUZZED = Object.values(operations)
  .filter((o) => o.model.http.method !== "GET" && memberPaths(o.service, o.model.input!.shape).length > 0)
  .map((o) => o.name);

test("every Connect write operation and every participant operation has a fuzz target", () => {
  const names = new Set(targets({ smsContactId: "", webContactId: "", participantToken: "", connectionToken: "", routing: {} } as Seeded).map((t) => t.name));
  // A URI-only operation may keep a target for its refusals (DeleteContactFlow); every body-carrying one needs one.
  assert.deepEqual([...names].filter((n) => FUZZED.includes(n as OperationName)).sort(), [...FUZZED].sort());
  for (const n of names) assert.ok(n in operations && operations[n as OperationName].model.http.method !== "GET", `${n} is a write operation`);
});

// Per operation, on every npm test: 120 poisoned bodies and 25 noisy refusals (the suite's CI budget);
// FUZZ_SCALE=8 runs ~1,000 bodies each for a deeper search.
const BODY_RUNS = runs(120);
const REFUSAL_RUNS = runs(25);

for (const name of FUZZED) {
  test(`${name}: well-typed refusals change nothing`, async () => {
    const t = targets(s).find((x) => x.name === name)!;
    for (const r of t.refusals) assertAwsError(await send(t, Buffer.from(JSON.stringify({ ...t.base, ...r }))));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...t.refusals), fc.array(fc.tuple(fc.constantFrom("Unknown", "__proto__", "constructor"), noiseValue), { maxLength: 2 }), async (r, extras) => {
        const json = JSON.stringify({ ...t.base, ...r });
        const extra = extras.map(([k, v]) => Buffer.concat([Buffer.from(`${JSON.stringify(k)}:`), v, Buffer.from(",")]));
        assertAwsError(await send(t, Buffer.concat([Buffer.from("{"), ...extra, Buffer.from(json.slice(1))])));
      }),
      { seed, numRuns: REFUSAL_RUNS },
    );
    await unchanged();
  });

  // An operation whose input is all URI (DeleteContactFlow) has no body member to poison.
  const bodyMembers = memberPaths(operations[name].service, operations[name].model.input!.shape);
  if (bodyMembers.length === 0) continue;
  test(`${name}: a wrong JSON type at any member, amid hostile noise, is a 400 and changes nothing`, async () => {
    const t = targets(s).find((x) => x.name === name)!;
    const spec = operations[name];
    const paths = bodyMembers;
    await fc.assert(
      fc.asyncProperty(planFor(paths), async (plan) => {
        const a = await send(t, poisoned(t.base, paths, plan));
        assertAwsError(a);
        // Past the body limit the size decides (413); otherwise the type error is a serialization error.
        // null at a required member is "must not be null", the service's validation error.
        const expected = plan.value.toString() === "null" ? spec.validationError : "SerializationException";
        if (a.status !== 413) assert.equal(a.headers["x-amzn-errortype"], expected, `${plan.poison.path.join(".")}: ${a.body.slice(0, 200)}`);
      }),
      { seed, numRuns: BODY_RUNS },
    );
    await unchanged();
  });
}

// Found by this suite: the recursive SegmentAttributeValue let a deep body overflow the validator's stack (500).
test("StartChatContact: arbitrarily deep SegmentAttributes (a recursive shape) is a 400, not a stack overflow", async () => {
  const t = targets(s).find((x) => x.name === "StartChatContact")!;
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 60_000 }), fc.boolean(), async (depth, viaList) => {
      const open = viaList ? '{"ValueList":[' : '{"ValueMap":{"k":';
      const close = viaList ? "]}" : "}}";
      const seg = open.repeat(depth) + '{"ValueString":"x"}' + close.repeat(depth);
      // An instance of the other account keeps even a shallow, valid nesting from creating a chat.
      const body = JSON.stringify({ ...t.base, InstanceId: OTHER_INSTANCE, SegmentAttributes: { a: "@" } }).replace('"@"', seg);
      assertAwsError(await send(t, Buffer.from(body)));
    }),
    { seed, numRuns: runs(40) },
  );
  await unchanged();
});

test("after all of it, a valid write still succeeds", async () => {
  const t = targets(s)[0];
  const a = await send(t, Buffer.from(JSON.stringify(t.base)));
  assert.equal(a.status, 200, a.body);
  assert.equal(a.json.InitialContactId, s.smsContactId);
});
