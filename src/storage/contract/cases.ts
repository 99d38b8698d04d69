// The storage contract: every Store adapter must pass these cases (SQLite now, PostgreSQL next).
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Store } from "../../domain/ports.js";
import type { ChatIdentity, Contact, Item } from "../../domain/types.js";
import { searchCases } from "./search-cases.js";
import { flowCases } from "./flow-cases.js";
import { attachmentCases } from "./attachment-cases.js";
import { persistentCases } from "./persistent-cases.js";
import { textCases } from "./text-cases.js";
import { routingCases } from "./routing-cases.js";
import { flowRunCases } from "./flow-run-cases.js";
import { retentionCases } from "./retention-cases.js";
import { sessionCases } from "./session-cases.js";
import { participantTimerCases } from "./participant-timer-cases.js";
import { smsFailureCases } from "./sms-failure-cases.js";
import { outboxLaneCases } from "./outbox-lane-cases.js";
import { quickResponseCases } from "./quick-response-cases.js";
import { transferCases } from "./transfer-cases.js";

let n = 0;
const uid = (p: string) => `${p}-${process.pid}-${++n}-${Math.random().toString(36).slice(2, 8)}`;

export function identity(over: Partial<ChatIdentity> = {}): ChatIdentity {
  return { accountId: "123456789012", destinationId: uid("dest"), sourceId: "+14155550100", subtypeKey: "connect:sms", ...over };
}

export function contact(id: ChatIdentity | undefined, over: Partial<Contact> = {}): Contact {
  const cid = uid("contact");
  return {
    id: cid,
    accountId: id?.accountId ?? "123456789012",
    instanceId: "inst",
    initialContactId: cid,
    state: "ACTIVE",
    channel: "CHAT",
    initiationMethod: "API",
    identity: id,
    customerParticipantId: uid("p"),
    customerDisplayName: "Customer",
    attributes: {},
    supportedContentTypes: ["text/plain"],
    streamingEndpoints: [],
    initiatedAt: 1000,
    expiresAt: 1000 + 90_000_000,
    updatedAt: 1000,
    lastItemAt: 1000,
    ...over,
  };
}

const item = (c: Contact, persisted = true, type: Item["body"]["Type"] = "MESSAGE"): Item => ({
  contactId: c.id,
  initialContactId: c.initialContactId,
  persisted,
  visibility: "ALL",
  body: { Id: uid("item"), AbsoluteTime: new Date(2000).toISOString(), Type: type, ContentType: "text/plain", Content: "hi" },
});

export function storeContract(name: string, open: () => Promise<Store>) {
  const withStore = async (fn: (s: Store) => Promise<void>) => {
    const s = await open();
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  };

  test(`${name}: one ACTIVE chat per identity; an ended chat frees the identity`, () =>
    withStore(async (s) => {
      const id = identity();
      const a = contact(id);
      assert.equal(await s.tx((t) => t.insertContact(a)), true);
      assert.equal(await s.tx((t) => t.insertContact(contact(id))), false);
      assert.equal((await s.tx((t) => t.activeChat(id)))?.id, a.id);
      await s.tx((t) => t.updateContact({ ...a, state: "ENDED", endedAt: 5 }));
      assert.equal(await s.tx((t) => t.activeChat(id)), undefined);
      const b = contact(id);
      assert.equal(await s.tx((t) => t.insertContact(b)), true);
      assert.equal((await s.tx((t) => t.activeChat(id)))?.id, b.id);
      assert.equal((await s.tx((t) => t.contact(a.accountId, a.id)))?.state, "ENDED");
    }));

  test(`${name}: the identity is the whole tuple (subtype, source, destination, account)`, () =>
    withStore(async (s) => {
      const id = identity();
      const variants = [id, { ...id, subtypeKey: "" }, { ...id, sourceId: "+14155550101" }, { ...id, destinationId: uid("d") }, { ...id, accountId: "210987654321" }];
      for (const v of variants) assert.equal(await s.tx((t) => t.insertContact(contact(v))), true);
      const none = contact(undefined);
      assert.equal(await s.tx((t) => t.insertContact(none)), true, "contacts without identity never conflict");
      assert.equal(await s.tx((t) => t.insertContact(contact(undefined))), true);
    }));

  test(`${name}: a contact is visible only to its account`, () =>
    withStore(async (s) => {
      const c = contact(identity());
      await s.tx((t) => t.insertContact(c));
      assert.equal((await s.tx((t) => t.contact(c.accountId, c.id)))?.id, c.id);
      assert.equal(await s.tx((t) => t.contact("999999999999", c.id)), undefined);
    }));

  test(`${name}: a failed transaction leaves nothing behind`, () =>
    withStore(async (s) => {
      const id = identity();
      await assert.rejects(
        s.tx(async (t) => {
          await t.insertContact(contact(id));
          throw new Error("boom");
        }),
        /boom/,
      );
      assert.equal(await s.tx((t) => t.activeChat(id)), undefined);
    }));

  test(`${name}: concurrent first inserts for one identity make exactly one chat`, () =>
    withStore(async (s) => {
      const id = identity();
      const results = await Promise.all(Array.from({ length: 40 }, () => s.tx((t) => t.insertContact(contact(id)))));
      assert.equal(results.filter(Boolean).length, 1);
    }));

  test(`${name}: appends whose position is read after COMMIT: in order, positioned by the commit, seen by reads before it`, () =>
    withStore(async (s) => {
      const c = contact(identity());
      await s.tx((t) => t.insertContact(c));
      const before = await s.tx((t) => t.appendItem(item(c)));
      const batch = [item(c), item(c, false, "EVENT"), item(c)];
      const { stored, seen } = await s.tx(async (t) => {
        await t.activeChat(c.identity!); // the chat held by a locking read, as a MESSAGE holds it
        const stored: Item[] = [];
        for (const i of batch.slice(0, 2)) stored.push(await t.appendItem(i, { positionAfterCommit: true }));
        const seen = await t.transcript({ initialContactId: c.initialContactId, direction: "FORWARD", limit: 10 });
        stored.push(await t.appendItem(batch[2], { positionAfterCommit: true }));
        return { stored, seen };
      });
      assert.deepEqual(seen.map((i) => i.body.Id), [before.body.Id, batch[0].body.Id], "a read in the transaction sees the items appended before it");
      const all = [before, ...stored];
      assert.ok(all.every((i, k) => Number.isInteger(i.position) && (k === 0 || i.position! > all[k - 1].position!)), `positions ${all.map((i) => i.position)}`);
      const log = await s.tx((t) => t.itemsAfter(c.initialContactId, 0, 10));
      assert.deepEqual(log.map((i) => [i.position, i.body.Id]), all.map((i) => [i.position, i.body.Id]), "stored at the positions the callers got");
    }));

  test(`${name}: an append held for the COMMIT that fails fails its transaction, and nothing of it stays`, () =>
    withStore(async (s) => {
      const c = contact(identity());
      await s.tx((t) => t.insertContact(c));
      const first = await s.tx((t) => t.appendItem(item(c)));
      const twin = item(c);
      await assert.rejects(
        s.tx(async (t) => {
          await t.activeChat(c.identity!);
          await t.appendItem(item(c), { positionAfterCommit: true });
          await t.appendItem({ ...twin, body: { ...twin.body, Id: first.body.Id } }, { positionAfterCommit: true }); // an Id taken
        }),
      );
      assert.deepEqual((await s.tx((t) => t.itemsAfter(c.initialContactId, 0, 10))).map((i) => i.body.Id), [first.body.Id]);
      assert.ok(await s.tx((t) => t.appendItem(item(c), { positionAfterCommit: true })), "the store works on after it");
    }));

  test(`${name}: items get increasing positions; only persisted ones are found by id`, () =>
    withStore(async (s) => {
      const c = contact(identity());
      await s.tx((t) => t.insertContact(c));
      const items = [item(c), item(c, false, "EVENT"), item(c)];
      const stored = [];
      for (const i of items) stored.push(await s.tx((t) => t.appendItem(i)));
      for (let k = 1; k < stored.length; k++) assert.ok(stored[k].position! > stored[k - 1].position!);
      assert.deepEqual((await s.tx((t) => t.item(c.initialContactId, items[0].body.Id)))?.body, items[0].body);
      assert.equal(await s.tx((t) => t.item(c.initialContactId, items[1].body.Id)), undefined);
      assert.equal(await s.tx((t) => t.item("other-chat", items[0].body.Id)), undefined);
      const changed = { ...stored[0], body: { ...stored[0].body, MessageMetadata: { MessageId: items[0].body.Id, Receipts: [] } } };
      await s.tx((t) => t.updateItemBody(changed));
      assert.deepEqual((await s.tx((t) => t.item(c.initialContactId, items[0].body.Id)))?.body, changed.body);
    }));

  test(`${name}: items are read back by position, push-only ones too, ascending, unknown positions left out`, () =>
    withStore(async (s) => {
      const [c, d] = [contact(identity()), contact(identity())];
      await s.tx(async (t) => (await t.insertContact(c)) && t.insertContact(d));
      const stored: Item[] = [];
      for (const i of [item(c), item(d), item(c, false, "EVENT"), item(c)]) stored.push(await s.tx((t) => t.appendItem(i)));
      const max = Math.max(...stored.map((i) => i.position!));
      const got = await s.tx((t) => t.itemsAt([stored[3].position!, max + 1000, stored[0].position!, stored[2].position!, stored[1].position!]));
      assert.deepEqual(got, stored, "the appended items exactly, in position order across chats");
      assert.equal(got[2].persisted, false);
      assert.deepEqual(await s.tx((t) => t.itemsAt([])), []);
      assert.deepEqual(await s.tx((t) => t.itemsAt([max + 1000])), []);
      assert.deepEqual(await s.tx(async (t) => [await t.lastPosition(c.initialContactId), await t.lastPosition(d.initialContactId), await t.lastPosition("no-such-chat")]),
        [stored[3].position, stored[1].position, 0], "lastPosition: the chat's highest, push-only items included; 0 for none");
    }));

  test(`${name}: itemsAfter reads a chat's items after a position, push-only ones too, ascending, up to a limit`, () =>
    withStore(async (s) => {
      const [c, d] = [contact(identity()), contact(identity())];
      await s.tx(async (t) => (await t.insertContact(c)) && t.insertContact(d));
      const stored: Item[] = [];
      for (const i of [item(c), item(d), item(c, false, "EVENT"), item(c), item(c)]) stored.push(await s.tx((t) => t.appendItem(i)));
      const mine = stored.filter((i) => i.initialContactId === c.initialContactId);
      assert.deepEqual(await s.tx((t) => t.itemsAfter(c.initialContactId, 0, 100)), mine);
      assert.deepEqual(await s.tx((t) => t.itemsAfter(c.initialContactId, mine[0].position!, 2)), mine.slice(1, 3), "after the position, at most the limit");
      assert.deepEqual(await s.tx((t) => t.itemsAfter(c.initialContactId, mine[3].position!, 100)), []);
      assert.deepEqual(await s.tx((t) => t.itemsAfter("no-such-chat", 0, 100)), []);
    }));

  test(`${name}: a WebSocket token's position is claimed once; other tokens have none`, () =>
    withStore(async (s) => {
      const c = contact(identity());
      const p = { id: uid("p"), contactId: c.id, initialContactId: c.id, role: "CUSTOMER" as const, displayName: "C", joinedAt: 1 };
      const [ws, ws0, conn] = [uid("ws"), uid("ws0"), uid("conn")];
      await s.tx(async (t) => {
        await t.insertContact(c);
        await t.insertParticipant(p);
        await t.insertToken(ws, "WEBSOCKET", p.id, 10_000, 42);
        await t.insertToken(ws0, "WEBSOCKET", p.id, 10_000, 0);
        await t.insertToken(conn, "CONNECTION", p.id, 10_000);
      });
      assert.deepEqual(await s.tx(async (t) => [await t.claimSocketStart(ws), await t.claimSocketStart(ws)]), [42, undefined], "the first claim gets it");
      assert.equal(await s.tx((t) => t.claimSocketStart(ws0)), 0, "position 0 (an empty chat) is a position");
      assert.equal(await s.tx((t) => t.claimSocketStart(conn)), undefined);
      assert.equal(await s.tx((t) => t.claimSocketStart("unknown")), undefined);
      assert.equal(await s.tx((t) => t.tokenParticipant(ws, "WEBSOCKET", 5000)), p.id, "claiming leaves the token valid");
    }));

  test(`${name}: participants keep insertion order and updates`, () =>
    withStore(async (s) => {
      const c = contact(identity());
      await s.tx((t) => t.insertContact(c));
      const ps = ["CUSTOMER", "AGENT", "CUSTOM_BOT"].map((role, i) => ({ id: uid("p"), contactId: c.id, initialContactId: c.id, role: role as "AGENT", displayName: `n${i}`, joinedAt: i }));
      for (const p of ps) await s.tx((t) => t.insertParticipant(p));
      await s.tx((t) => t.updateParticipant({ ...ps[1], leftAt: 9 }));
      const got = await s.tx((t) => t.participants(c.id));
      assert.deepEqual(got.map((p) => p.id), ps.map((p) => p.id));
      assert.equal(got[1].leftAt, 9);
    }));

  test(`${name}: a chat inserted with its customer and first item has both; a conflicting one leaves none of the three behind`, () =>
    withStore(async (s) => {
      const id = identity();
      const customerOf = (c: ReturnType<typeof contact>) => ({ id: uid("p"), contactId: c.id, initialContactId: c.id, role: "CUSTOMER" as const, displayName: "Customer", joinedAt: 1 });
      const joinedOf = (c: ReturnType<typeof contact>): Item => ({
        contactId: c.id, initialContactId: c.initialContactId, persisted: true, visibility: "ALL",
        body: { Id: uid("i"), AbsoluteTime: "2026-01-01T00:00:00.000Z", Type: "EVENT", ContentType: "application/vnd.amazonaws.connect.event.participant.joined" },
      });
      const a = { ...contact(id), attributes: { tier: "gold" } };
      const pa = customerOf(a);
      const first = joinedOf(a);
      const stored = await s.tx((t) => t.insertChat(a, pa, first));
      assert.ok(stored && stored.position! > 0, "the first item comes back with its position");
      assert.deepEqual({ ...stored, position: undefined }, { ...first, position: undefined });
      assert.deepEqual((await s.tx((t) => t.participants(a.id))).map((p) => p.id), [pa.id]);
      assert.equal((await s.tx((t) => t.participant(pa.id)))?.role, "CUSTOMER");
      const log = await s.tx((t) => t.transcript({ initialContactId: a.initialContactId, direction: "FORWARD", limit: 10 }));
      assert.deepEqual(log.map((i) => [i.position, i.body.Id]), [[stored!.position, first.body.Id]]);
      assert.equal((await s.tx((t) => t.contactById(a.id)))?.attributes.tier, "gold");
      const search = await s.tx((t) => t.searchContacts({ accountId: a.accountId, instanceId: a.instanceId, where: { kind: "attribute", key: "tier", values: ["gold"] }, sort: { key: "initiated", missing: -1, descending: true }, limit: 10 }));
      assert.ok(search.contacts.some((c) => c.id === a.id), "its attributes are searchable");
      const b = contact(id);
      const pb = customerOf(b);
      const lost = joinedOf(b);
      assert.equal(await s.tx((t) => t.insertChat(b, pb, lost)), undefined, "the identity has an active chat");
      assert.equal(await s.tx((t) => t.participant(pb.id)), undefined, "no participant without its contact");
      assert.equal(await s.tx((t) => t.item(b.initialContactId, lost.body.Id)), undefined, "no item without its contact");
      assert.equal(await s.tx((t) => t.contactById(b.id)), undefined);
    }));

  test(`${name}: a chat looked up, inserted and changed in one transaction is read back changed in it and after it; a rollback leaves none of it; an insert of the identity in between is a conflict`, () =>
    withStore(async (s) => {
      const customerOf = (c: ReturnType<typeof contact>) => ({ id: uid("p"), contactId: c.id, initialContactId: c.id, role: "CUSTOMER" as const, displayName: "Customer", joinedAt: 1 });
      const joinedOf = (c: ReturnType<typeof contact>): Item => ({
        contactId: c.id, initialContactId: c.initialContactId, persisted: true, visibility: "ALL",
        body: { Id: uid("i"), AbsoluteTime: "2026-01-01T00:00:00.000Z", Type: "EVENT", ContentType: "application/vnd.amazonaws.connect.event.participant.joined" },
      });
      // The domain's new chat with a flow: look the identity up, insert the chat, then the flow changes the contact.
      const a = contact(identity());
      const pa = customerOf(a);
      const inside = await s.tx(async (t) => {
        assert.equal(await t.activeChat(a.identity!), undefined);
        assert.ok(await t.insertChat(a, pa, joinedOf(a)));
        await t.updateContact({ ...a, attributes: { tier: "silver" }, queue: { id: "q-1", enqueuedAt: 5 } });
        return { contact: await t.contactById(a.id), customer: await t.participant(pa.id), active: await t.activeChat(a.identity!) };
      });
      assert.equal(inside.contact?.attributes.tier, "silver", "read back in its transaction");
      assert.equal(inside.customer?.id, pa.id);
      assert.equal(inside.active?.id, a.id);
      const after = await s.tx((t) => t.contactById(a.id));
      assert.deepEqual([after?.attributes, after?.queue?.id], [{ tier: "silver" }, "q-1"]);
      const bySilver = await s.tx((t) => t.searchContacts({ accountId: a.accountId, instanceId: a.instanceId, where: { kind: "attribute", key: "tier", values: ["silver"] }, sort: { key: "initiated", missing: -1, descending: true }, limit: 10 }));
      assert.deepEqual(bySilver.contacts.map((c) => c.id), [a.id], "its attributes as changed are searchable");
      // The same, failing after the change: nothing of it stays.
      const b = contact(identity());
      const pb = customerOf(b);
      const jb = joinedOf(b);
      await assert.rejects(
        s.tx(async (t) => {
          await t.activeChat(b.identity!);
          await t.insertChat(b, pb, jb);
          await t.updateContact({ ...b, attributes: { tier: "bronze" } });
          throw new Error("the request fails");
        }),
        /the request fails/,
      );
      assert.equal(await s.tx((t) => t.contactById(b.id)), undefined);
      assert.equal(await s.tx((t) => t.participant(pb.id)), undefined);
      assert.equal(await s.tx((t) => t.item(b.initialContactId, jb.body.Id)), undefined);
      assert.equal(await s.tx((t) => t.activeChat(b.identity!)), undefined);
      // Looked up free, then another contact of the identity inserted in the same transaction: the chat conflicts.
      const c = contact(identity());
      const conflict = await s.tx(async (t) => {
        await t.activeChat(c.identity!);
        assert.equal(await t.insertContact(contact(c.identity)), true);
        return t.insertChat(c, customerOf(c), joinedOf(c));
      });
      assert.equal(conflict, undefined, "the identity has an active chat");
      assert.equal(await s.tx((t) => t.contactById(c.id)), undefined);
      // Two requests for one new identity at once: one chat, and both answer with it.
      const id = identity();
      const ids = await Promise.all(
        [0, 1].map(() =>
          s.tx(async (t) => {
            const found = await t.activeChat(id);
            if (found) return found.id;
            const n = contact(id);
            return (await t.insertChat(n, customerOf(n), joinedOf(n))) ? n.id : (await t.activeChat(id))!.id;
          }),
        ),
      );
      assert.equal(ids[0], ids[1]);
      assert.equal((await s.tx((t) => t.activeChat(id)))?.id, ids[0]);
    }));

  test(`${name}: expired chats come oldest first, bounded by the limit`, () =>
    withStore(async (s) => {
      const cs = [3, 1, 2, 99].map((e) => contact(identity(), { expiresAt: e }));
      for (const c of cs) await s.tx((t) => t.insertContact(c));
      const due = await s.tx((t) => t.expiredChats(50, 2));
      assert.deepEqual(due.map((c) => c.expiresAt), [1, 2]);
      await s.tx((t) => t.updateContact({ ...cs[1], state: "ENDED" }));
      assert.deepEqual((await s.tx((t) => t.expiredChats(50, 10))).map((c) => c.expiresAt), [2, 3]);
    }));

  test(`${name}: idempotency records are kept per account, operation and key, and purged when expired`, () =>
    withStore(async (s) => {
      const rec = { accountId: "123456789012", operation: "Op", key: uid("k"), fingerprint: "f", result: '{"a":1}', createdAt: 1, expiresAt: 100 };
      await s.tx((t) => t.putIdempotency(rec));
      assert.deepEqual(await s.tx((t) => t.idempotency(rec.accountId, "Op", rec.key)), rec);
      assert.equal(await s.tx((t) => t.idempotency("210987654321", "Op", rec.key)), undefined);
      assert.equal(await s.tx((t) => t.idempotency(rec.accountId, "Other", rec.key)), undefined);
      assert.equal(await s.purgeIdempotency(50), 0);
      assert.equal(await s.purgeIdempotency(100), 1);
      assert.equal(await s.tx((t) => t.idempotency(rec.accountId, "Op", rec.key)), undefined);
    }));

  test(`${name}: sms outbox entries queue like streaming ones; sms_sends keep every send of an item and find one by the provider's id`, () =>
    withStore(async (s) => {
      const itemId = uid("item");
      const entry = { kind: "sms" as const, endpoint: `sms:${uid("dest")}`, initialContactId: uid("chat"), itemId, message: "{}", attributes: { To: "+14155550100" }, attempts: 0, nextAt: 1, createdAt: 1 };
      await s.tx((t) => t.enqueue([entry]));
      const [claimed] = (await s.tx((t) => t.claimOutbox(2, 100, 100))).filter((e) => e.itemId === itemId);
      assert.deepEqual({ ...claimed, id: 0 }, { ...entry, id: 0, lastError: undefined });
      await s.tx((t) => t.completeOutbox(claimed.id!));
      const first = { itemId, initialContactId: entry.initialContactId, destinationId: "d", provider: "twilio" as const, providerMessageId: uid("SM"), status: "queued", createdAt: 5 };
      const again = { ...first, providerMessageId: uid("SM"), createdAt: 6 };
      const failed = { ...first, providerMessageId: undefined, status: "failed", error: "Twilio error 21211", createdAt: 7 };
      for (const x of [first, again, failed, first]) await s.tx((t) => t.recordSmsSend(x)); // the repeat of `first` is ignored
      const { providerMessageId: _, ...failedRow } = failed;
      assert.deepEqual(await s.tx((t) => t.smsSendsOfItem(itemId)), [first, again, failedRow]);
      assert.deepEqual(await s.tx((t) => t.smsSendByProviderId("twilio", again.providerMessageId)), again);
      assert.equal(await s.tx((t) => t.smsSendByProviderId("endUserMessaging", again.providerMessageId)), undefined);
      // A delivery callback updates the status (and error) of that send only.
      await s.tx((t) => t.updateSmsSendStatus("twilio", again.providerMessageId, "undelivered", "Twilio error 30003"));
      await s.tx((t) => t.updateSmsSendStatus("endUserMessaging", first.providerMessageId, "DELIVERED"));
      assert.deepEqual(await s.tx((t) => t.smsSendsOfItem(itemId)), [first, { ...again, status: "undelivered", error: "Twilio error 30003" }, failedRow]);
      await s.tx((t) => t.updateSmsSendStatus("twilio", again.providerMessageId, "delivered"));
      assert.deepEqual(await s.tx((t) => t.smsSendByProviderId("twilio", again.providerMessageId)), { ...again, status: "delivered" });
    }));

  test(`${name}: sms opt-outs per destination and number; a repeated STOP keeps the first time; START lifts it`, () =>
    withStore(async (s) => {
      const dest = uid("dest");
      await s.tx((t) => t.smsOptOut(dest, "+14155550100", 10));
      await s.tx((t) => t.smsOptOut(dest, "+14155550100", 20));
      assert.equal(await s.tx((t) => t.smsOptedOut(dest, "+14155550100")), 10);
      assert.equal(await s.tx((t) => t.smsOptedOut(dest, "+14155550101")), undefined);
      assert.equal(await s.tx((t) => t.smsOptedOut(uid("dest"), "+14155550100")), undefined);
      await s.tx((t) => t.smsOptIn(dest, "+14155550100"));
      assert.equal(await s.tx((t) => t.smsOptedOut(dest, "+14155550100")), undefined);
    }));

  searchCases(name, withStore, { contact, identity });
  flowCases(name, withStore);
  attachmentCases(name, withStore);
  persistentCases(name, withStore, (over) => contact(undefined, over));
  textCases(name, withStore, { contact, identity });
  routingCases(name, withStore);
  flowRunCases(name, withStore);
  retentionCases(name, withStore, { contact });
  sessionCases(name, withStore);
  participantTimerCases(name, withStore);
  smsFailureCases(name, withStore);
  outboxLaneCases(name, withStore);
  quickResponseCases(name, withStore);
  transferCases(name, withStore, { contact, identity });
}
