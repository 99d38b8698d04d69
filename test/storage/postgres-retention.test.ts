// Retention with several PostgreSQL nodes sweeping at once: four stores on one schema run the retention pass
// concurrently, in small batches; every purgeable row goes exactly once (the counts add up to what there was, no
// batch fails or waits on another), and what must stay stays.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { contact } from "../../src/storage/contract/cases.js";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { purgeRetained, type RetentionRules } from "../../src/domain/retention.js";
import type { Item } from "../../src/domain/types.js";

const db = await createScratchDatabase();
after(() => db.drop());

const NOW = 1_900_000_000_000;
const HOUR = 3_600_000;
const rules: RetentionRules = { pushOnlyItemsMs: HOUR, flowRunsMs: HOUR, unfinishedUploadsMs: HOUR, batch: 7 };

test("postgres: four nodes sweeping at once purge each push-only item, flow run and stale upload exactly once", async () => {
  const url = await db.schema("retention");
  const nodes = await Promise.all(Array.from({ length: 4 }, () => PostgresStore.open(url)));
  const [a] = nodes;
  const live = contact(undefined);
  await a.tx((t) => t.insertContact(live));
  const typing = (n: number, at: number): Item => ({
    contactId: live.id, initialContactId: live.initialContactId, persisted: false, visibility: "ALL",
    body: { Id: `${live.id}-t${n}`, AbsoluteTime: new Date(at).toISOString(), Type: "EVENT", ContentType: "application/vnd.amazonaws.connect.event.typing" },
  });
  for (let i = 0; i < 120; i++) await a.tx((t) => t.appendItem(typing(i, NOW - 2 * HOUR + i)));
  for (let i = 0; i < 5; i++) await a.tx((t) => t.appendItem(typing(1000 + i, NOW - HOUR / 2)));
  const endedIds: string[] = [];
  for (let i = 0; i < 60; i++) {
    const c = contact(undefined, { state: "ENDED", endedAt: NOW - 2 * HOUR });
    endedIds.push(c.id);
    await a.tx(async (t) => {
      await t.insertContact(c);
      await t.saveRun({ contactId: c.id, accountId: c.accountId, instanceId: "inst", flowId: "f", sha: "s", action: "End", step: 3, state: "ended", external: {}, loops: {}, logging: true, attributeWrites: {}, systemParticipantId: "sys", startedAt: 1, updatedAt: NOW - 2 * HOUR });
      await t.appendFlowLog(c.id, ['{"Identifier":"End"}'], 500);
    });
  }
  await a.tx((t) => t.saveRun({ contactId: live.id, accountId: live.accountId, instanceId: "inst", flowId: "f", sha: "s", action: "Ask", step: 1, state: "waiting", wait: { kind: "input" }, external: {}, loops: {}, logging: false, attributeWrites: {}, systemParticipantId: "sys", startedAt: 1, updatedAt: NOW - 2 * HOUR }));
  for (let i = 0; i < 45; i++)
    await a.tx((t) => t.insertAttachment({ id: `up-${i}`, contactId: live.id, initialContactId: live.initialContactId, participantId: "p", participantRole: "CUSTOMER", name: "x.txt", contentType: "text/plain", size: 1, status: "IN_PROGRESS", createdAt: NOW - 2 * HOUR + i }));

  const deleted: string[] = [];
  // Small batches and several passes per node: the nodes interleave batch by batch.
  const passes = await Promise.all(
    nodes.flatMap((s) => [0, 1, 2].map(() => purgeRetained(s, async (id) => void deleted.push(id), NOW, rules))),
  );
  const sum = (k: "pushOnlyItems" | "flowRuns" | "uploads") => passes.reduce((n, p) => n + p[k], 0);
  assert.equal(sum("pushOnlyItems"), 120, "each old typing item counted once");
  assert.equal(sum("flowRuns"), 60, "each ended contact's run counted once");
  assert.equal(sum("uploads") >= 45, true, "every stale upload was claimed (a marked row may be claimed again by another node)");
  assert.deepEqual([...new Set(deleted)].sort(), Array.from({ length: 45 }, (_, i) => `up-${i}`).sort(), "every stale upload's bytes were deleted");

  const left = await a.tx((t) => t.itemsAfter(live.initialContactId, 0, 1000));
  assert.deepEqual(left.map((i) => i.body.Id), [0, 1, 2, 3, 4].map((i) => `${live.id}-t${1000 + i}`), "the typing inside the window stays");
  for (const id of endedIds.slice(0, 5)) assert.equal(await a.tx((t) => t.run(id)), undefined);
  assert.deepEqual(await a.tx((t) => t.flowLog(endedIds[0])), []);
  assert.equal((await a.tx((t) => t.run(live.id)))?.state, "waiting", "the running flow's row stays");
  for (const i of [0, 22, 44]) assert.equal(await a.tx((t) => t.attachment(`up-${i}`)), undefined);
  const again = await purgeRetained(nodes[3], async () => assert.fail("nothing left to delete"), NOW, rules);
  assert.deepEqual(again, { pushOnlyItems: 0, flowRuns: 0, uploads: 0 });
  await Promise.all(nodes.map((s) => s.close()));
});
