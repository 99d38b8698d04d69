// The storage contract of transferred chats (domain/segments.ts): the ended contact and its next one share the
// identity's one-active-chat index in one transaction, participants move with updateParticipant, the next contact's
// PreviousContactId is searchable, and an ended contact's times stay its own while the chat's log grows on.
// Run by storeContract.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { ContactQuery, Store } from "../../domain/ports.js";
import { transferLegs, writeTransfer } from "../../domain/segments.js";
import type { ChatIdentity, Contact, Participant } from "../../domain/types.js";

type Fixtures = {
  contact: (id: ChatIdentity | undefined, over?: Partial<Contact>) => Contact;
  identity: (over?: Partial<ChatIdentity>) => ChatIdentity;
};

export function transferCases(name: string, withStore: (fn: (s: Store) => Promise<void>) => Promise<void>, f: Fixtures) {
  const participant = (c: Contact, id: string, leftAt?: number): Participant => ({ id, contactId: c.id, initialContactId: c.initialContactId, role: "CUSTOMER", displayName: id, joinedAt: 1000, leftAt });

  test(`${name}: a transfer ends the contact and inserts the next for the same identity; present participants move to it, those who left stay`, () =>
    withStore(async (s) => {
      const who = f.identity();
      const c1 = f.contact(who);
      const stay = `${c1.id}-customer`;
      const gone = `${c1.id}-agent`;
      await s.tx(async (t) => {
        await t.insertContact(c1);
        await t.insertParticipant(participant(c1, stay));
        await t.insertParticipant(participant(c1, gone, 1500));
      });
      const { ended, next } = transferLegs(c1, `${c1.id}-next`, 2000, "queue-2");
      await s.tx((t) => writeTransfer(t, ended, next));
      const live = await s.tx((t) => t.activeChat(who));
      assert.equal(live?.id, next.id, "the identity finds the next contact");
      assert.deepEqual([live?.previousContactId, live?.initialContactId, live?.initiationMethod, live?.queue?.id], [c1.id, c1.id, "TRANSFER", "queue-2"]);
      const old = await s.tx((t) => t.contactById(c1.id));
      assert.deepEqual([old?.state, old?.endedAt, old?.nextContactId], ["ENDED", 2000, next.id]);
      assert.deepEqual((await s.tx((t) => t.participants(next.id))).map((p) => [p.id, p.contactId]), [[stay, next.id]]);
      assert.deepEqual((await s.tx((t) => t.participants(c1.id))).map((p) => p.id), [gone]);
      assert.equal((await s.tx((t) => t.participant(stay)))?.contactId, next.id);
      assert.deepEqual((await s.tx((t) => t.sessionContacts(c1.accountId, c1.id))).map((c) => c.id), [c1.id, next.id]);
    }));

  test(`${name}: a transfer whose next contact cannot be inserted leaves the first contact live`, () =>
    withStore(async (s) => {
      const who = f.identity();
      const c1 = f.contact(who);
      await s.tx((t) => t.insertContact(c1));
      const { ended, next } = transferLegs(c1, c1.id, 2000, "q"); // the id is taken: the insert fails
      await assert.rejects(s.tx((t) => writeTransfer(t, ended, next)));
      const live = await s.tx((t) => t.activeChat(who));
      assert.deepEqual([live?.id, live?.state, live?.nextContactId], [c1.id, "ACTIVE", undefined]);
    }));

  test(`${name}: an ended contact keeps its own last-item time while its chat's log grows on the next contact`, () =>
    withStore(async (s) => {
      const c1 = f.contact(f.identity());
      await s.tx((t) => t.insertContact(c1));
      const { ended, next } = transferLegs(c1, `${c1.id}-next`, 2000, "q");
      await s.tx((t) => writeTransfer(t, ended, next));
      await s.tx((t) =>
        t.appendItem({ contactId: next.id, initialContactId: c1.id, persisted: true, visibility: "ALL", body: { Id: `${c1.id}-later`, AbsoluteTime: new Date(9000).toISOString(), Type: "MESSAGE", ContentType: "text/plain", Content: "later" } }),
      );
      const [old, now] = await s.tx(async (t) => [await t.contactById(c1.id), await t.contactById(next.id)]);
      assert.deepEqual([old?.lastItemAt, old?.updatedAt], [2000, 2000]);
      assert.deepEqual([now?.lastItemAt, now?.updatedAt], [9000, 9000]);
    }));

  test(`${name}: search tells transferred contacts (InitiationMethod TRANSFER) from the others; each summary's last message is its own`, () =>
    withStore(async (s) => {
      const instanceId = `transfer-inst-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
      const c1 = f.contact(f.identity(), { instanceId });
      const msg = (c: Contact, id: string, text: string, at: number) => ({ contactId: c.id, initialContactId: c1.id, persisted: true, visibility: "ALL" as const, body: { Id: id, AbsoluteTime: new Date(at).toISOString(), Type: "MESSAGE" as const, ContentType: "text/plain", Content: text, ParticipantRole: "CUSTOMER" as const } });
      await s.tx(async (t) => {
        await t.insertContact(c1);
        await t.appendItem(msg(c1, `${c1.id}-m1`, "before", 1500));
      });
      const { ended, next } = transferLegs(c1, `${c1.id}-next`, 2000, "q");
      await s.tx(async (t) => {
        await writeTransfer(t, ended, next);
        await t.appendItem(msg(next, `${c1.id}-m2`, "after", 3000));
      });
      const q = (is: boolean): ContactQuery => ({ accountId: c1.accountId, instanceId, where: { kind: "transferred", is }, sort: { key: "initiated", missing: -1, descending: true }, limit: 10 });
      const [api, transfer] = await s.tx(async (t) => [await t.searchContacts(q(false)), await t.searchContacts(q(true))]);
      assert.deepEqual([api.contacts.map((c) => c.id), api.total], [[c1.id], 1]);
      assert.deepEqual([transfer.contacts.map((c) => c.id), transfer.total], [[next.id], 1]);
      assert.equal(api.contacts[0].lastMessage?.content, "before");
      assert.equal(transfer.contacts[0].lastMessage?.content, "after");
      assert.equal((await s.search(q(true))).contacts[0].previousContactId, c1.id, "outside a transaction too");
    }));
}
