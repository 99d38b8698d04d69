// The storage contract of quick responses (migrations/*/0170_quick_responses.sql): both adapters run these. The
// routing table frame stores them, so the cases pin what the operations rely on: names unique per instance, binary
// name order for paging (PostgreSQL's collation must not reorder "B" after "a"), count, update and delete.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Store } from "../../domain/ports.js";
import type { QuickResponse } from "../../routing/types.js";

type WithStore = (fn: (s: Store) => Promise<void>) => Promise<void>;

let n = 0;
const ACCOUNT = "123456789012";

export function quickResponseCases(name: string, withStore: WithStore) {
  test(`${name}: quick responses — unique names per instance, binary name order, count, update and delete`, () =>
    withStore(async (s) => {
      const inst = `qr-${process.pid}-${++n}-${Math.random().toString(36).slice(2, 8)}`;
      const rec = (name: string, over: Partial<QuickResponse> = {}): QuickResponse => ({
        id: `${inst}-${name}-${Math.random().toString(36).slice(2, 8)}`, accountId: ACCOUNT, instanceId: inst, name, updatedAt: 1, content: `text of ${name}`, ...over,
      });
      const [b, B, a] = [rec("b reply", { modifiedBy: "user-1" }), rec("B reply"), rec("a reply")];
      for (const r of [b, B, a]) assert.equal(await s.tx((t) => t.routing.insert("quickResponse", r)), true);
      assert.equal(await s.tx((t) => t.routing.insert("quickResponse", rec("a reply"))), false, "a name is taken once per instance");
      assert.equal(await s.tx((t) => t.routing.insert("quickResponse", rec("a reply", { instanceId: `${inst}-other` }))), true, "another instance may use it");
      assert.equal(await s.tx((t) => t.routing.count("quickResponse", ACCOUNT, inst)), 3);

      const all = await s.tx((t) => t.routing.list("quickResponse", ACCOUNT, inst, undefined, 10));
      assert.deepEqual(all.map((r) => r.name), ["B reply", "a reply", "b reply"], "binary order, as SQLite compares");
      assert.deepEqual(all[2], b, "content and modifiedBy come back as stored");
      assert.deepEqual((await s.tx((t) => t.routing.list("quickResponse", ACCOUNT, inst, "B reply", 1))).map((r) => r.name), ["a reply"], "pages after a name");

      assert.equal(await s.tx((t) => t.routing.update("quickResponse", { ...a, name: "b reply" })), false, "renaming onto a taken name is refused");
      assert.equal(await s.tx((t) => t.routing.update("quickResponse", { ...a, name: "c reply", content: "new", updatedAt: 9 })), true);
      assert.deepEqual(await s.tx((t) => t.routing.get("quickResponse", ACCOUNT, inst, a.id)), { ...a, name: "c reply", content: "new", updatedAt: 9 });

      assert.equal(await s.tx((t) => t.routing.delete("quickResponse", ACCOUNT, inst, B.id)), true);
      assert.equal(await s.tx((t) => t.routing.get("quickResponse", ACCOUNT, inst, B.id)), undefined);
      assert.equal(await s.tx((t) => t.routing.count("quickResponse", ACCOUNT, inst)), 2);
    }));
}
