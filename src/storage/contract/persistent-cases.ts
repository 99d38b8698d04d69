// The storage contract of persistent chat: a session's contacts by InitialContactId (one account only), a past
// contact continued only once (the second claim loses), and the past items of several chats in one backward scan.
// Run by storeContract.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Store } from "../../domain/ports.js";
import type { Contact, Item } from "../../domain/types.js";

type MakeContact = (over?: Partial<Contact>) => Contact;

export function persistentCases(name: string, withStore: (fn: (s: Store) => Promise<void>) => Promise<void>, make: MakeContact) {
  const item = (c: Contact, content: string, persisted = true): Item => ({
    contactId: c.id,
    initialContactId: c.initialContactId,
    persisted,
    visibility: "ALL",
    body: { Id: `${c.id}-${content}`, AbsoluteTime: new Date(2000).toISOString(), Type: "MESSAGE", ContentType: "text/plain", Content: content },
  });

  test(`${name}: a session's contacts are found by InitialContactId within the account, oldest first`, () =>
    withStore(async (s) => {
      const first = make({ initiatedAt: 1000 });
      const second = make({ initialContactId: first.id, initiatedAt: 2000 });
      const elsewhere = make({ initialContactId: first.id, accountId: "210987654321", initiatedAt: 3000 });
      for (const c of [first, second, elsewhere]) await s.tx((t) => t.insertContact(c));
      const got = await s.tx((t) => t.sessionContacts(first.accountId, first.id));
      assert.deepEqual(got.map((c) => c.id), [first.id, second.id]);
      assert.deepEqual(await s.tx((t) => t.sessionContacts(first.accountId, `${first.id}-none`)), []);
    }));

  test(`${name}: a past contact is continued once; the loser's transaction keeps nothing of the claim`, () =>
    withStore(async (s) => {
      const past = make();
      assert.equal(await s.tx((t) => t.claimRehydration(past.accountId, past.id, "new-1", 10)), true);
      assert.equal(await s.tx((t) => t.claimRehydration(past.accountId, past.id, "new-2", 11)), false);
      // Another account's contact with the same id is its own source.
      assert.equal(await s.tx((t) => t.claimRehydration("210987654321", past.id, "new-3", 12)), true);
      // A claim rolled back with its transaction leaves the source free.
      const other = make();
      await assert.rejects(
        s.tx(async (t) => {
          assert.equal(await t.claimRehydration(other.accountId, other.id, "new-4", 13), true);
          throw new Error("refused later in the request");
        }),
        /refused later/,
      );
      assert.equal(await s.tx((t) => t.claimRehydration(other.accountId, other.id, "new-5", 14)), true);
    }));

  test(`${name}: an identity's most recently ended chat is found; live chats and other identities are not`, () =>
    withStore(async (s) => {
      const id = { accountId: "123456789012", destinationId: `dest-${process.pid}-${Math.random().toString(36).slice(2)}`, sourceId: "+14155550100", subtypeKey: "connect:sms" };
      assert.equal(await s.tx((t) => t.lastEndedChat(id)), undefined);
      const older = make({ identity: id, state: "ENDED", endedAt: 5000 });
      const newer = make({ identity: id, state: "ENDED", endedAt: 9000 });
      const live = make({ identity: id });
      const elsewhere = make({ identity: { ...id, sourceId: "+14155550101" }, state: "ENDED", endedAt: 20_000 });
      for (const c of [newer, older, live, elsewhere]) await s.tx((t) => t.insertContact(c));
      assert.equal((await s.tx((t) => t.lastEndedChat(id)))?.id, newer.id);
      assert.equal((await s.tx((t) => t.lastEndedChat({ ...id, subtypeKey: "" }))), undefined);
    }));

  test(`${name}: past items of several chats come newest first from a position, kept ones only`, () =>
    withStore(async (s) => {
      const a = make();
      const b = make();
      for (const c of [a, b]) await s.tx((t) => t.insertContact(c));
      const appended: Item[] = [];
      await s.tx(async (t) => {
        for (const [c, text, kept] of [[a, "a1", true], [a, "typing", false], [b, "b1", true], [a, "a2", true], [b, "b2", true]] as const) appended.push(await t.appendItem(item(c, text, kept)));
      });
      const all = await s.tx((t) => t.pastItems([a.initialContactId, b.initialContactId], undefined, 10));
      assert.deepEqual(all.map((i) => i.body.Content), ["b2", "a2", "b1", "a1"]);
      assert.ok(all.every((i) => typeof i.position === "number"));
      const below = await s.tx((t) => t.pastItems([a.initialContactId, b.initialContactId], appended[3].position, 2));
      assert.deepEqual(below.map((i) => i.body.Content), ["a2", "b1"]);
      assert.deepEqual((await s.tx((t) => t.pastItems([b.initialContactId], undefined, 10))).map((i) => i.body.Content), ["b2", "b1"]);
      assert.deepEqual(await s.tx((t) => t.pastItems([], undefined, 10)), []);
    }));
}
