// The storage contract of contact flows: insert with a unique name per instance, read, write back whole, rename
// conflicts that leave the transaction usable, delete, and keyset listing by id with a type filter. Run by storeContract.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { FlowRecord } from "../../domain/flow-store.js";
import type { Store } from "../../domain/ports.js";

export function flowCases(name: string, withStore: (fn: (s: Store) => Promise<void>) => Promise<void>) {
  const inst = () => `flow-inst-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const flow = (instanceId: string, id: string, over: Partial<FlowRecord> = {}): FlowRecord => ({
    accountId: "123456789012",
    instanceId,
    id,
    arn: `arn:aws:connect:us-east-1:123456789012:instance/${instanceId}/contact-flow/${id}`,
    name: `flow ${id}`,
    type: "CONTACT_FLOW",
    state: "ACTIVE",
    status: "SAVED",
    savedContent: `{"saved":"${id}"}`,
    tags: { team: "a" },
    createdAt: 1000,
    lastModifiedAt: 1000,
    lastModifiedRegion: "us-east-1",
    ...over,
  });

  test(`${name}: a flow is stored whole and read back; names are unique per instance, not across instances`, () =>
    withStore(async (s) => {
      const i = inst();
      const f = flow(i, "f1", { description: "d", status: "PUBLISHED", publishedContent: '{"p":1}', publishedSha256: "ab" });
      assert.equal(await s.tx((t) => t.insertFlow(f)), true);
      assert.deepEqual(await s.tx((t) => t.flow(f.accountId, i, "f1")), f);
      assert.equal(await s.tx((t) => t.insertFlow(flow(i, "f2", { name: f.name }))), false, "same name, same instance");
      assert.equal(await s.tx((t) => t.flow(f.accountId, i, "f2")), undefined);
      assert.equal(await s.tx((t) => t.insertFlow(flow(inst(), "f3", { name: f.name }))), true, "same name, other instance");
      assert.equal(await s.tx((t) => t.flow("210987654321", i, "f1")), undefined, "another account does not see it");
      assert.equal(await s.tx((t) => t.flowIdByName(f.accountId, i, f.name)), "f1");
      assert.equal(await s.tx((t) => t.flowIdByName(f.accountId, i, "nope")), undefined);
    }));

  test(`${name}: updateFlow writes the record back; a rename onto another flow's name is refused and the transaction goes on`, () =>
    withStore(async (s) => {
      const i = inst();
      const a = flow(i, "a");
      const b = flow(i, "b");
      await s.tx(async (t) => {
        await t.insertFlow(a);
        await t.insertFlow(b);
      });
      const published = { ...a, name: "renamed", status: "PUBLISHED" as const, publishedContent: "{}", state: "ARCHIVED" as const, lastModifiedAt: 2000 };
      assert.equal(await s.tx((t) => t.updateFlow(published)), true);
      assert.deepEqual(await s.tx((t) => t.flow(a.accountId, i, "a")), published);
      const r = await s.tx(async (t) => {
        const clash = await t.updateFlow({ ...b, name: "renamed" });
        const after = await t.updateFlow({ ...b, description: "still writable" });
        return [clash, after];
      });
      assert.deepEqual(r, [false, true]);
      const stored = await s.tx((t) => t.flow(b.accountId, i, "b"));
      assert.equal(stored?.name, b.name);
      assert.equal(stored?.description, "still writable");
    }));

  test(`${name}: deleteFlow removes one flow of one instance`, () =>
    withStore(async (s) => {
      const i = inst();
      await s.tx((t) => t.insertFlow(flow(i, "x")));
      assert.equal(await s.tx((t) => t.deleteFlow("123456789012", "other", "x")), false);
      assert.equal(await s.tx((t) => t.deleteFlow("123456789012", i, "x")), true);
      assert.equal(await s.tx((t) => t.flow("123456789012", i, "x")), undefined);
      assert.equal(await s.tx((t) => t.deleteFlow("123456789012", i, "x")), false);
    }));

  test(`${name}: listFlows pages by id in binary order with a type filter, showing no content`, () =>
    withStore(async (s) => {
      const i = inst();
      const ids = ["b", "A", "a", "c-1", "Z"];
      await s.tx(async (t) => {
        for (const [k, id] of ids.entries()) await t.insertFlow(flow(i, id, { type: k % 2 ? "CUSTOMER_QUEUE" : "CONTACT_FLOW" }));
        await t.insertFlow(flow(inst(), "other-instance"));
      });
      const page = (afterId: string | undefined, limit: number, types?: string[]) => s.tx((t) => t.listFlows({ accountId: "123456789012", instanceId: i, afterId, limit, types }));
      assert.deepEqual((await page(undefined, 10)).map((f) => f.id), ["A", "Z", "a", "b", "c-1"]);
      assert.deepEqual((await page(undefined, 2)).map((f) => f.id), ["A", "Z"]);
      assert.deepEqual((await page("Z", 2)).map((f) => f.id), ["a", "b"]);
      assert.deepEqual((await page(undefined, 10, ["CUSTOMER_QUEUE"])).map((f) => f.id), ["A", "c-1"]);
      assert.deepEqual((await page(undefined, 10, ["CUSTOMER_QUEUE", "CONTACT_FLOW"])).length, 5);
      assert.deepEqual(await page("c-1", 10), []);
      const [first] = await page(undefined, 1);
      assert.deepEqual(first, { id: "A", arn: `arn:aws:connect:us-east-1:123456789012:instance/${i}/contact-flow/A`, name: "flow A", type: "CUSTOMER_QUEUE", state: "ACTIVE", status: "SAVED" });
    }));
}
