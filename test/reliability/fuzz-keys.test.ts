// Names from requests used as keys: every name of Object.prototype (`constructor`, `__proto__`, `toString`, …) as
// the key of every map-typed member and as the value of every string member (enums, subtypes, content types,
// search keys and field names) of every write operation. Each answer is a 2xx or an AWS-shaped 4xx, never a 500;
// where a name must be refused or must match nothing, the exact answer is checked.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { shape as shapeOf, type ServiceName, type Shape } from "../../src/api/model.js";
import { operations, type OperationName } from "../../src/api/operations.js";
import { targets, type Target } from "./operations.js";
import { seededServer, SMS_SOURCE, type Seeded } from "./seed.js";
import { assertAwsError, fuzzSeed, rawExchange, requestBytes, runs, sendSigned, type Answer } from "./support.js";
import { DEST, INSTANCE } from "../support/server.js";

/** `__proto__` is one of them (an accessor of Object.prototype); listed again so the test never depends on that. */
const NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), "__proto__"])];
const DAY = 86_400_000;

type Path = (string | number)[];
interface Slot {
  path: Path;
  /** "key": the name is a key of the map at `path`; "value": the name is the string at `path`. */
  as: "key" | "value";
  /** For map keys: a valid value of the map's value shape. */
  sample?: unknown;
}

/** A valid value of a shape, enough for a map entry to pass the model's types. */
function sample(service: ServiceName, s: Shape): unknown {
  if (s.type === "structure") return s.union || !s.members?.ValueString ? {} : { ValueString: "v" };
  if (s.type === "list") return [];
  if (s.type === "map") return {};
  if (s.type === "integer" || s.type === "long") return 1;
  if (s.type === "boolean") return true;
  return "v";
}

/** Every string member and every map member of an input shape (through lists at index 0 and maps at key "k1"). */
function slots(service: ServiceName, shapeName: string, maxDepth = 5): Slot[] {
  const out: Slot[] = [];
  const walk = (s: Shape, path: Path, depth: number) => {
    if (s.type === "string" && path.length) out.push({ path, as: "value" });
    if (depth >= maxDepth) return;
    if (s.type === "structure")
      for (const [name, ref] of Object.entries(s.members ?? {})) if (!ref.location) walk(shapeOf(service, ref.shape), [...path, name], depth + 1);
    if (s.type === "list") walk(shapeOf(service, s.member!.shape), [...path, 0], depth + 1);
    if (s.type === "map") {
      const vs = shapeOf(service, s.value!.shape);
      out.push({ path, as: "key", sample: sample(service, vs) });
      walk(vs, [...path, "k1"], depth + 1);
    }
  };
  walk(shapeOf(service, shapeName), [], 0);
  return out;
}

/** An own, enumerable property even for `__proto__` (a plain assignment would set the prototype instead). */
function put(o: Record<string | number, unknown>, k: string | number, v: unknown) {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** A deep copy of `base` with `name` placed at the slot (containers on the way are created). */
function withName(base: Record<string, unknown>, slot: Slot, name: string): string {
  const root = structuredClone(base);
  let node: any = root;
  const steps = slot.as === "key" ? slot.path : slot.path.slice(0, -1);
  for (let i = 0; i < steps.length; i++) {
    const k = steps[i];
    const next = steps[i + 1] ?? (slot.as === "value" ? slot.path[slot.path.length - 1] : undefined);
    const existing = Object.prototype.hasOwnProperty.call(node, k) ? node[k] : undefined;
    if (existing === null || typeof existing !== "object") put(node, k, typeof next === "number" ? [] : {});
    node = node[k];
  }
  if (slot.as === "key") {
    for (const k of Object.keys(node)) delete node[k];
    put(node, name, slot.sample);
  } else put(node, slot.path[slot.path.length - 1], name);
  return JSON.stringify(root);
}

let s: Seeded;
const seed = fuzzSeed("fuzz-keys");
let total = 0;

before(async () => {
  s = await seededServer();
});
after(async () => {
  console.log(`# fuzz-keys: ${total} requests`);
  await s.stop();
});

function send(t: Target, body: string): Promise<Answer> {
  total++;
  if (t.bearer === undefined) return sendSigned(s.srv.port, { method: t.method, path: t.path, body });
  const headers: [string, string][] = [
    ["Host", `127.0.0.1:${s.srv.port}`],
    ["Content-Type", "application/json"],
    ["X-Amz-Bearer", t.bearer],
    ["Content-Length", String(Buffer.byteLength(body))],
  ];
  return rawExchange(s.srv.port, requestBytes(t.method, t.path, headers, body));
}

function ok(a: Answer, what: string) {
  if (a.status >= 200 && a.status < 300) return;
  assert.ok(a.status < 500, `${what}: ${a.status} ${a.body.slice(0, 300)}`);
  assertAwsError(a);
}

// The precise answers first (each failed on the old code: 200 with no E.164 check, 200, 500).
test("Subtype 'constructor' (any Object.prototype name) is refused, not a chat without the E.164 check", async () => {
  const t = targets(s).find((x) => x.name === "SendChatIntegrationEvent")!;
  for (const name of NAMES) {
    const body = JSON.stringify({ SourceId: "not a phone number", DestinationId: DEST, Subtype: name, Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "x" } });
    const a = await send(t, body);
    assertAwsError(a, 400, "InvalidRequestException");
    assert.match(a.json.message, /Subtype '.*' is not supported/);
  }
});

test("an Event, SendEvent or message ContentType named after an Object.prototype member is refused", async () => {
  const sci = targets(s).find((x) => x.name === "SendChatIntegrationEvent")!;
  const ev = targets(s).find((x) => x.name === "SendEvent")!;
  const msg = targets(s).find((x) => x.name === "SendMessage")!;
  for (const name of NAMES) {
    for (const type of ["EVENT", "MESSAGE"])
      assertAwsError(await send(sci, JSON.stringify({ SourceId: SMS_SOURCE, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: type, ContentType: name, Content: "x" } })), 400, "InvalidRequestException");
    assertAwsError(await send(ev, JSON.stringify({ ContentType: name })), 400, "ValidationException");
    assertAwsError(await send(msg, JSON.stringify({ ContentType: name, Content: "x" })), 400, "ValidationException");
  }
});

test("SearchableSegmentAttributes keyed by an Object.prototype name match nothing (200), and sort/time names are refused", async () => {
  const t = targets(s).find((x) => x.name === "SearchContacts")!;
  const range = { Type: "INITIATION_TIMESTAMP", StartTime: (Date.now() - DAY) / 1000, EndTime: (Date.now() + DAY) / 1000 };
  for (const name of NAMES) {
    const seg = await send(t, JSON.stringify({ InstanceId: INSTANCE, TimeRange: range, SearchCriteria: { SearchableSegmentAttributes: { Criteria: [{ Key: name, Values: ["x"] }] } } }));
    assert.equal(seg.status, 200, seg.body);
    assert.equal(seg.json.TotalCount, 0);
    const attr = await send(t, JSON.stringify({ InstanceId: INSTANCE, TimeRange: range, SearchCriteria: { SearchableContactAttributes: { Criteria: [{ Key: name, Values: ["x"] }] } } }));
    assert.equal(attr.status, 200, attr.body);
    assert.equal(attr.json.TotalCount, 0);
    assertAwsError(await send(t, JSON.stringify({ InstanceId: INSTANCE, TimeRange: range, Sort: { FieldName: name, Order: "ASCENDING" } })), 400);
    assertAwsError(await send(t, JSON.stringify({ InstanceId: INSTANCE, TimeRange: { ...range, Type: name } })), 400);
  }
});

test("attributes keyed by Object.prototype names are stored and read back as own keys", async () => {
  const t = targets(s).find((x) => x.name === "UpdateContactAttributes")!;
  const attrs: Record<string, string> = {};
  for (const name of NAMES) put(attrs, name, `v-${name}`);
  const a = await send(t, JSON.stringify({ InitialContactId: s.smsContactId, InstanceId: INSTANCE, Attributes: attrs }));
  assert.equal(a.status, 200, a.body);
  const got = await sendSigned(s.srv.port, { method: "GET", path: `/contact/attributes/${INSTANCE}/${s.smsContactId}` });
  assert.equal(got.status, 200, got.body);
  for (const name of NAMES) assert.equal(Object.getOwnPropertyDescriptor(got.json.Attributes, name)?.value, `v-${name}`, name);
  const range = { Type: "INITIATION_TIMESTAMP", StartTime: (Date.now() - DAY) / 1000, EndTime: (Date.now() + DAY) / 1000 };
  const search = targets(s).find((x) => x.name === "SearchContacts")!;
  const found = await send(search, JSON.stringify({ InstanceId: INSTANCE, TimeRange: range, SearchCriteria: { SearchableContactAttributes: { Criteria: [{ Key: "constructor", Values: ["v-constructor"] }] } } }));
  assert.equal(found.status, 200, found.body);
  assert.deepEqual(found.json.Contacts.map((c: { Id: string }) => c.Id), [s.smsContactId]);
});

// Ending operations last: they take the seeded chats (and tokens) away from the operations after them.
const LAST: OperationName[] = ["StopContact", "DisconnectParticipant"];
// Operations whose every input member is in the URI (DeleteContactFlow, DeleteUser) have no body to put a name in.
const ORDER = Object.values(operations)
  .filter((o) => o.model.http.method !== "GET" && slots(o.service, o.model.input!.shape).length > 0)
  .map((o) => o.name)
  .sort((a, b) => Number(LAST.includes(a)) - Number(LAST.includes(b)));

for (const name of ORDER) {
  test(`${name}: every Object.prototype name as every map key and every string value is a 2xx or an AWS-shaped 4xx`, async () => {
    const t = targets(s).find((x) => x.name === name)!;
    const spec = operations[name];
    const all = slots(spec.service, spec.model.input!.shape);
    assert.ok(all.length > 0);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), fc.constantFrom(...NAMES), async (slot, key) => {
        ok(await send(t, withName(t.base, slot, key)), `${slot.as} ${slot.path.join(".")} = ${key}`);
      }),
      { seed, numRuns: runs(Math.min(300, all.length * NAMES.length)) },
    );
  });
}

test("after all of it, the server still answers a valid write", async () => {
  const t = targets(s)[0];
  const a = await send(t, JSON.stringify({ ...t.base, SourceId: "+14155550777" }));
  assert.equal(a.status, 200, a.body);
  assert.equal(a.json.NewChatCreated, true);
});

test("a signed request whose query names Object.prototype members is verified like any other", async () => {
  for (const name of NAMES) {
    const a = await sendSigned(s.srv.port, { method: "GET", path: `/contacts/${INSTANCE}/${s.webContactId}`, query: { [name]: "x" } });
    assert.equal(a.status, 200, `${name}: ${a.status} ${a.body.slice(0, 200)}`);
  }
});
