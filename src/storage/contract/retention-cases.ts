// The storage contract of retention (src/domain/retention.ts): push-only items, flow runs of ended contacts and
// unfinished uploads go in batches of at most `limit`; persisted items, newer push-only items, a running contact's
// flow run, runs of recently ended contacts, uploads in progress and approved attachments stay. Run by storeContract.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { AttachmentRecord } from "../../domain/attachments.js";
import type { Store } from "../../domain/ports.js";
import type { Contact, Item } from "../../domain/types.js";
import type { FlowRun } from "../../flows/run.js";

type Helpers = { contact: (id: undefined, over?: Partial<Contact>) => Contact };

export function retentionCases(name: string, withStore: (fn: (s: Store) => Promise<void>) => Promise<void>, h: Helpers) {
  const CUTOFF = 1_800_000_000_000;
  const item = (c: Contact, persisted: boolean, at: number, n: number): Item => ({
    contactId: c.id,
    initialContactId: c.initialContactId,
    persisted,
    visibility: "ALL",
    body: { Id: `${c.id}-${n}`, AbsoluteTime: new Date(at).toISOString(), Type: persisted ? "MESSAGE" : "EVENT", ContentType: persisted ? "text/plain" : "application/vnd.amazonaws.connect.event.typing", ...(persisted ? { Content: "hi" } : {}) },
  });

  // One store for the three parts (a fresh PostgreSQL schema per case costs seconds): each reads only its own rows.
  const pushOnly = async (s: Store) => {
    const c = h.contact(undefined);
    await s.tx((t) => t.insertContact(c));
    const rows = [
      ...[1, 2, 3, 4, 5].map((n) => item(c, false, CUTOFF - 60_000 * n, n)), // old typing: purged
      item(c, true, CUTOFF - 3_600_000, 6), // an old message: a transcript item, kept
      item(c, false, CUTOFF, 7), // typing at the cutoff: still inside the window
      item(c, false, CUTOFF + 1000, 8),
    ];
    for (const r of rows) await s.tx((t) => t.appendItem(r));
    assert.equal(await s.purgePushOnlyItems(CUTOFF, 2), 2, "one batch");
    assert.equal(await s.purgePushOnlyItems(CUTOFF, 2), 2);
    assert.equal(await s.purgePushOnlyItems(CUTOFF, 2), 1);
    assert.equal(await s.purgePushOnlyItems(CUTOFF, 2), 0);
    const left = await s.tx((t) => t.itemsAfter(c.initialContactId, 0, 100));
    assert.deepEqual(left.map((i) => i.body.Id), [6, 7, 8].map((n) => `${c.id}-${n}`));
  };

  const run = (contactId: string, over: Partial<FlowRun> = {}): FlowRun => ({
    contactId, accountId: "123456789012", instanceId: "inst", flowId: "f", sha: "ab", action: "End", step: 4, state: "ended",
    external: {}, loops: {}, logging: true, attributeWrites: {}, systemParticipantId: "sys", startedAt: 1, updatedAt: CUTOFF - 10 * 86_400_000, ...over,
  });

  const flowRuns = async (s: Store) => {
    const active = h.contact(undefined); // queued, its flow ended long ago: the disconnect flow may still read the run
    const waiting = h.contact(undefined); // a flow waiting on the customer
    const recent = h.contact(undefined, { state: "ENDED", endedAt: CUTOFF + 1 });
    const old = h.contact(undefined, { state: "ENDED", endedAt: CUTOFF - 86_400_000 });
    const older = h.contact(undefined, { state: "ENDED", endedAt: CUTOFF - 2 * 86_400_000 });
    for (const c of [active, waiting, recent, old, older]) await s.tx((t) => t.insertContact(c));
    await s.tx(async (t) => {
      await t.saveRun(run(active.id));
      await t.saveRun(run(waiting.id, { state: "waiting", wait: { kind: "input", dueAt: CUTOFF + 5 }, updatedAt: CUTOFF - 86_400_000 }));
      await t.setTimer({ contactId: waiting.id, kind: "input", step: 4, dueAt: CUTOFF + 5, attempts: 0 });
      await t.saveRun(run(recent.id));
      await t.saveRun(run(old.id, { state: "waiting", wait: { kind: "wait", dueAt: CUTOFF + 9 } }));
      await t.setTimer({ contactId: old.id, kind: "wait", step: 4, dueAt: CUTOFF + 9, attempts: 0 });
      await t.appendFlowLog(old.id, ['{"Identifier":"A"}', '{"Identifier":"B"}'], 500);
      await t.saveRun(run(older.id));
      await t.saveRun(run("no-such-contact"));
    });
    assert.equal(await s.purgeFlowRuns(CUTOFF, 2), 2, "one batch");
    assert.equal(await s.purgeFlowRuns(CUTOFF, 2), 1);
    assert.equal(await s.purgeFlowRuns(CUTOFF, 2), 0);
    const present = async (id: string) => (await s.tx((t) => t.run(id))) !== undefined;
    assert.deepEqual(await Promise.all([active, waiting, recent, old, older].map((c) => present(c.id))), [true, true, true, false, false]);
    assert.equal(await present("no-such-contact"), false);
    assert.deepEqual(await s.tx((t) => t.flowLog(old.id)), [], "its flow log went with it");
    const timers = await s.tx((t) => t.claimTimers(CUTOFF + 100, CUTOFF + 200, 10));
    assert.deepEqual(timers.map((t) => t.contactId), [waiting.id], "the purged run's timer went too; the waiting run's stays");
  };

  const uploads = async (s: Store) => {
    const upload = (id: string, createdAt: number, over: Partial<AttachmentRecord> = {}): AttachmentRecord => ({
      id, contactId: "c", initialContactId: "c", participantId: "p", participantRole: "CUSTOMER", name: "a.png", contentType: "image/png", size: 10, status: "IN_PROGRESS", createdAt, ...over,
    });
    const p = `up-${Math.random().toString(36).slice(2, 8)}`;
    const rows = [
      upload(`${p}-stale1`, CUTOFF - 3000),
      upload(`${p}-stale2`, CUTOFF - 2000),
      upload(`${p}-stale3`, CUTOFF - 1000),
      upload(`${p}-progress`, CUTOFF + 1), // started inside the window: may still be uploading
      upload(`${p}-done`, CUTOFF - 5000, { status: "APPROVED", completedAt: CUTOFF - 4000 }),
    ];
    for (const r of rows) await s.tx((t) => t.insertAttachment(r));
    const first = (await s.claimStaleUploads(CUTOFF, 2)).sort();
    assert.deepEqual(first, [`${p}-stale1`, `${p}-stale2`]);
    assert.equal((await s.tx((t) => t.attachment(`${p}-stale1`)))?.status, "PURGING", "marked: a late Complete is refused");
    // A sweep that died before deleting: the next one claims the marked rows again, then the rest.
    assert.deepEqual((await s.claimStaleUploads(CUTOFF, 10)).sort(), [`${p}-stale1`, `${p}-stale2`, `${p}-stale3`], "the oldest first, any order among them");
    assert.equal(await s.deleteStaleUploads([`${p}-stale1`, `${p}-stale2`, `${p}-stale3`, `${p}-progress`, `${p}-done`]), 3, "only marked rows go");
    assert.deepEqual(await s.claimStaleUploads(CUTOFF, 10), []);
    assert.equal(await s.deleteStaleUploads([]), 0);
    assert.equal((await s.tx((t) => t.attachment(`${p}-progress`)))?.status, "IN_PROGRESS");
    assert.equal((await s.tx((t) => t.attachment(`${p}-done`)))?.status, "APPROVED");
    assert.equal(await s.tx((t) => t.attachment(`${p}-stale1`)), undefined);
  };

  test(`${name}: retention purges, a batch at a time, push-only items appended before the cutoff (persisted and newer ones stay), the flow runs, logs and timers of contacts ended before it (a running contact's run stays), and uploads never completed (claimed until deleted; uploads in progress and approved ones stay)`, () =>
    withStore(async (s) => {
      await pushOnly(s);
      await flowRuns(s);
      await uploads(s);
    }));
}
