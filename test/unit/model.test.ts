// The wire shapes the server and CLI use must be botocore's: names, required members, min/max, enums, HTTP bindings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EXTENSION_OPERATIONS, models, type ServiceName } from "../../src/api/model.js";
import { operations } from "../../src/api/operations.js";
import extensionsJson from "../../src/api/model/connect-extensions.json" with { type: "json" };
// @ts-expect-error - plain .mjs script without types
import { loadBotocore, SERVICES } from "../../scripts/gen-model.mjs";

const CHECKED = ["type", "required", "min", "max", "enum", "location", "locationName", "pattern", "union", "idempotencyToken"];

for (const service of Object.keys(models) as ServiceName[]) {
  test(`${service}: every derived operation and shape matches the installed botocore model`, () => {
    // Our extension operations (connect-extensions.json) are not AWS's: compared below, not here.
    const ext = (n: string) => EXTENSION_OPERATIONS.includes(n) || Object.hasOwn(extensionsJson.shapes, n);
    const ours = { operations: Object.fromEntries(Object.entries(models[service].operations).filter(([n]) => !ext(n))), shapes: Object.fromEntries(Object.entries(models[service].shapes).filter(([n]) => !ext(n))) };
    const theirs = loadBotocore(service);
    assert.deepEqual(Object.keys(ours.operations).sort(), [...SERVICES[service].operations].sort());
    for (const [name, op] of Object.entries(ours.operations)) {
      const t = theirs.operations[name];
      assert.ok(t, `${name} exists in botocore`);
      assert.deepEqual(op.http, t.http, `${name} HTTP binding`);
      assert.deepEqual(op.input, t.input, `${name} input`);
      assert.deepEqual(op.output, t.output, `${name} output`);
      assert.deepEqual(op.errors, (t.errors ?? []).map((e: { shape: string }) => e.shape), `${name} errors`);
    }
    let compared = 0;
    for (const [name, s] of Object.entries(ours.shapes)) {
      const t = theirs.shapes[name];
      assert.ok(t, `shape ${name} exists in botocore`);
      for (const k of CHECKED) assert.deepEqual((s as any)[k], t[k], `${name}.${k}`);
      assert.deepEqual(Object.keys(s.members ?? {}), Object.keys(t.members ?? {}), `${name} member names`);
      for (const [m, ref] of Object.entries(s.members ?? {})) {
        assert.equal(ref.shape, t.members[m].shape, `${name}.${m} shape`);
        for (const k of ["location", "locationName", "idempotencyToken"]) assert.equal((ref as any)[k], t.members[m][k], `${name}.${m}.${k}`);
      }
      for (const part of ["member", "key", "value"] as const) assert.equal(s[part]?.shape, t[part]?.shape, `${name}.${part}`);
      compared++;
    }
    assert.ok(compared > 20, `compared ${compared} shapes`);
  });
}

test("extension operations are marked, named apart from every AWS operation, and use only shapes that exist", () => {
  const theirs = loadBotocore("connect");
  assert.deepEqual([...EXTENSION_OPERATIONS].sort(), ["AcceptContact", "CompleteContactWork", "CreateQuickResponse", "DeleteQuickResponse", "RejectContact", "SearchQuickResponses", "UpdateQuickResponse"]);
  // Every shape the extensions add is named apart from botocore's, so the comparison above never skips one of AWS's.
  for (const name of Object.keys(extensionsJson.shapes)) assert.equal(theirs.shapes[name], undefined, `${name} is not an AWS shape`);
  for (const name of EXTENSION_OPERATIONS) {
    const op = models.connect.operations[name];
    assert.equal(op.extension, true, name);
    assert.equal(theirs.operations[name], undefined, `${name} is not an AWS operation`);
    assert.equal(theirs.shapes[`${name}Request`], undefined, `${name}Request is not an AWS shape`);
    for (const m of Object.values(models.connect.shapes[op.input!.shape].members ?? {})) assert.ok(models.connect.shapes[m.shape], `${name}: shape ${m.shape}`);
  }
});

test("every implemented operation is bound to its model entry", () => {
  for (const [name, spec] of Object.entries(operations)) {
    assert.equal(spec.name, name);
    assert.equal(spec.model, models[spec.service].operations[name]);
  }
  assert.equal(operations.SendChatIntegrationEvent.model.http.requestUri, "/chat-integration-event");
  assert.equal(operations.SendChatIntegrationEvent.model.http.method, "POST");
});
