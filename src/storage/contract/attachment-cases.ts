// The storage contract of attachments: a record is stored whole, read back by id, and its status and completion
// time written back; numbers come back as numbers on both stores. Run by storeContract.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { AttachmentRecord } from "../../domain/attachments.js";
import type { Store } from "../../domain/ports.js";

export function attachmentCases(name: string, withStore: (fn: (s: Store) => Promise<void>) => Promise<void>) {
  test(`${name}: an attachment is stored whole, read by id, and approved in place`, () =>
    withStore(async (s) => {
      const id = `att-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
      const a: AttachmentRecord = {
        id,
        contactId: "c2",
        initialContactId: "c1",
        participantId: "p1",
        participantRole: "CUSTOMER",
        name: "scan ü.png",
        contentType: "image/png",
        size: 21 * 1024 * 1024 * 1024, // past 2^32: BIGINT on PostgreSQL
        status: "IN_PROGRESS",
        createdAt: 1_700_000_000_123,
      };
      await s.tx((tx) => tx.insertAttachment(a));
      assert.deepEqual(await s.tx((tx) => tx.attachment(id)), a);
      assert.equal(await s.tx((tx) => tx.attachment(`${id}-missing`)), undefined);
      await s.tx((tx) => tx.updateAttachment({ ...a, status: "APPROVED", completedAt: 1_700_000_000_456 }));
      assert.deepEqual(await s.tx((tx) => tx.attachment(id)), { ...a, status: "APPROVED", completedAt: 1_700_000_000_456 });
    }));
}
