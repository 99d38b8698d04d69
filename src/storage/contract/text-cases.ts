// The storage contract for hostile text: U+0000, unpaired surrogates, U+FFFF, emoji, right-to-left text and very long
// strings in every stored field. Whatever a store accepts it returns exactly, and no later read fails because of it
// (on PostgreSQL a ::json cast of such a record once made every SearchContacts of the instance a 500). Run by storeContract.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { ContactQuery, IdempotencyRecord, SearchCondition, Store } from "../../domain/ports.js";
import { clipLastMessage } from "../../domain/rules.js";
import type { ChatIdentity, Contact, Item, Participant } from "../../domain/types.js";

type Fixtures = {
  contact: (id: ChatIdentity | undefined, over?: Partial<Contact>) => Contact;
  identity: (over?: Partial<ChatIdentity>) => ChatIdentity;
};

/** Free text: message content, display names, attribute keys and values, idempotency results. */
export const HOSTILE: Record<string, string> = {
  nul: "a\u0000b",
  onlyNul: "\u0000",
  loneHigh: "x\ud800y",
  loneLow: "x\udc00y",
  reversedPair: "\udc00\ud800",
  highAtEnd: "end\udbff",
  nonCharacter: "\uffff\ufffe",
  emoji: "😀👩‍👩‍👧🏳️‍🌈",
  rtl: "\u202eمرحبا بالعالم\u202c שלום",
  escapes: '\\u0000 "quoted" \\ud800 \n\t\u2028',
  typeLookalike: '","Type":"MESSAGE"',
  long: "😀ab\u0000\ud800".repeat(2000),
};

/** What an identifier column may hold (SourceId): no U+0000 or unpaired surrogate, which the API refuses there. */
export const HOSTILE_IDS: Record<string, string> = {
  nonCharacter: "+1\uffff",
  emoji: "whatsapp:😀👩‍👩‍👧",
  rtl: "\u202eمرحبا",
  long: "x".repeat(255),
};

export function textCases(name: string, withStore: (fn: (s: Store) => Promise<void>) => Promise<void>, f: Fixtures) {
  const inst = () => `text-inst-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const query = (instanceId: string, where: SearchCondition = { kind: "all", of: [] }): ContactQuery => ({
    accountId: "123456789012",
    instanceId,
    where,
    sort: { key: "initiated", missing: -1, descending: true },
    limit: 100,
  });

  test(`${name}: every hostile string in every stored field is returned exactly, and searches keep working`, () =>
    withStore(async (s) => {
      const i = inst();
      const entries = Object.entries(HOSTILE);
      const attributes: Record<string, string> = {};
      entries.forEach(([k, v], n) => ((attributes[`k${n}`] = v), (attributes[v.slice(0, 50)] = k)));
      const chats: { c: Contact; p: Participant; items: Item[] }[] = [];
      for (const [label, text] of entries) {
        const c = f.contact(f.identity({ sourceId: HOSTILE_IDS[label] ?? "+14155550100" }), { instanceId: i, customerDisplayName: text, attributes });
        const p: Participant = { id: `${c.id}-p`, contactId: c.id, initialContactId: c.id, role: "CUSTOMER", displayName: text, joinedAt: 1000 };
        const body = (n: number, type: "MESSAGE" | "EVENT") => ({
          Id: `${c.id}-${n}`,
          AbsoluteTime: new Date(2000 + n).toISOString(),
          Type: type,
          ContentType: type === "MESSAGE" ? "text/plain" : "application/vnd.amazonaws.connect.event.participant.joined",
          ...(type === "MESSAGE" ? { Content: text } : {}),
          ParticipantId: p.id,
          DisplayName: text,
          ParticipantRole: "CUSTOMER" as const,
        });
        const items: Item[] = [];
        await s.tx(async (t) => {
          assert.equal(await t.insertContact(c), true, label);
          await t.insertParticipant(p);
          items.push(await t.appendItem({ contactId: c.id, initialContactId: c.id, persisted: true, visibility: "ALL", body: body(1, "MESSAGE") }));
          // A later event whose DisplayName mimics a Type member: the newest MESSAGE is still the one above.
          items.push(await t.appendItem({ contactId: c.id, initialContactId: c.id, persisted: true, visibility: "ALL", body: body(2, "EVENT") }));
        });
        chats.push({ c, p, items });
      }

      for (const { c, p, items } of chats) {
        const label = c.customerDisplayName.slice(0, 20);
        const read = await s.tx(async (t) => ({
          contact: await t.contact(c.accountId, c.id),
          active: await t.activeChat(c.identity!),
          participants: await t.participants(c.id),
          transcript: await t.transcript({ initialContactId: c.id, direction: "FORWARD", limit: 10 }),
          item: await t.item(c.id, items[0].body.Id),
        }));
        assert.equal(read.contact?.customerDisplayName, c.customerDisplayName, label);
        assert.deepEqual(read.contact?.attributes, attributes, label);
        assert.equal(read.active?.id, c.id, label);
        assert.equal(read.active?.identity?.sourceId, c.identity!.sourceId, label);
        assert.deepEqual(read.participants, [p], label);
        assert.deepEqual(read.transcript.map((x) => x.body), items.map((x) => x.body), label);
        assert.deepEqual(read.item?.body, items[0].body, label);
      }

      // Searches over the whole instance: plain, by every attribute value, by the hostile keys, with last messages.
      const all = await s.tx((t) => t.searchContacts(query(i)));
      assert.equal(all.total, chats.length);
      const byId = new Map(all.contacts.map((c) => [c.id, c]));
      for (const { c } of chats) assert.equal(byId.get(c.id)?.lastMessage?.content, clipLastMessage(c.customerDisplayName));
      for (const [n, [label, text]] of entries.entries()) {
        const hit = await s.tx((t) => t.searchContacts(query(i, { kind: "attribute", key: `k${n}`, values: [text] })));
        const indexed = text.length <= 100;
        assert.equal(hit.total, indexed ? chats.length : 0, `attribute value ${label}`);
        const byKey = await s.tx((t) => t.searchContacts(query(i, { kind: "attribute", key: text.slice(0, 50), values: [label] })));
        assert.equal(byKey.total, chats.length, `attribute key ${label}`);
        const miss = await s.tx((t) => t.searchContacts(query(i, { kind: "attribute", key: `k${n}`, values: [text.replace(/[\s\S]$/, "?")] })));
        assert.equal(miss.total, 0, `a near miss of ${label} matches nothing`);
      }

      // Updating the record (attributes changed, the chat ended) keeps all of it readable and searchable.
      const { c } = chats[0];
      const changed = { ...attributes, k0: HOSTILE.loneLow };
      await s.tx((t) => t.updateContact({ ...c, attributes: changed, state: "ENDED", endedAt: 9000 }));
      assert.deepEqual((await s.tx((t) => t.contact(c.accountId, c.id)))?.attributes, changed);
      assert.deepEqual((await s.tx((t) => t.searchContacts(query(i, { kind: "attribute", key: "k0", values: [HOSTILE.nul] })))).total, chats.length - 1);
      assert.deepEqual((await s.tx((t) => t.searchContacts(query(i, { kind: "attribute", key: "k0", values: [HOSTILE.loneLow] })))).contacts.map((x) => x.id), [c.id]);
      assert.equal((await s.tx((t) => t.expiredChats(Number.MAX_SAFE_INTEGER, 100))).filter((x) => x.instanceId === i).length, chats.length - 1);
    }));

  test(`${name}: idempotency records keep hostile keys and results exactly`, () =>
    withStore(async (s) => {
      for (const [label, text] of Object.entries(HOSTILE)) {
        const rec: IdempotencyRecord = { accountId: "123456789012", operation: "Op", key: `${label}:${text}`, fingerprint: "f", result: JSON.stringify({ Token: text }), createdAt: 1, expiresAt: 100 };
        await s.tx((t) => t.putIdempotency(rec));
        assert.deepEqual(await s.tx((t) => t.idempotency(rec.accountId, "Op", rec.key)), rec, label);
      }
    }));
}
