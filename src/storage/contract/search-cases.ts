// The storage contract of searchContacts (SearchContacts): conditions, ordering with missing values, keyset paging
// that new contacts do not shift, totals, and columns kept in step with updateContact. Run by storeContract.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { ContactQuery, SearchCondition, Store } from "../../domain/ports.js";
import type { ChatIdentity, Contact } from "../../domain/types.js";

type Fixtures = {
  contact: (id: ChatIdentity | undefined, over?: Partial<Contact>) => Contact;
  identity: (over?: Partial<ChatIdentity>) => ChatIdentity;
};

const ALL: SearchCondition = { kind: "all", of: [] };
const LAST = 8_640_000_000_000_000;

export function searchCases(name: string, withStore: (fn: (s: Store) => Promise<void>) => Promise<void>, f: Fixtures) {
  const inst = (n: number) => `search-inst-${process.pid}-${n}-${Math.random().toString(36).slice(2, 8)}`;
  const query = (instanceId: string, over: Partial<ContactQuery> = {}): ContactQuery => ({
    accountId: "123456789012",
    instanceId,
    where: ALL,
    sort: { key: "initiated", missing: -1, descending: true },
    limit: 100,
    ...over,
  });
  const ids = (cs: Contact[]) => cs.map((c) => c.id);
  const insert = (s: Store, cs: Contact[]) => s.tx(async (t) => { for (const c of cs) assert.equal(await t.insertContact(c), true); });

  test(`${name}: search finds only the instance's and account's contacts, in the time range (bounds included)`, () =>
    withStore(async (s) => {
      const i = inst(1);
      const mine = [1000, 2000, 3000, 4000].map((t) => f.contact(f.identity(), { instanceId: i, initiatedAt: t }));
      const elsewhere = [f.contact(f.identity(), { instanceId: inst(2), initiatedAt: 2000 }), f.contact(f.identity({ accountId: "210987654321" }), { instanceId: i, initiatedAt: 2000 })];
      await insert(s, [...mine, ...elsewhere]);
      const r = await s.tx((t) => t.searchContacts(query(i, { where: { kind: "time", field: "initiated", from: 2000, to: 3000 } })));
      assert.deepEqual(ids(r.contacts), [mine[2].id, mine[1].id]);
      assert.equal(r.total, 2);
      const none = await s.tx((t) => t.searchContacts(query(i, { where: { kind: "any", of: [] } })));
      assert.deepEqual(none, { contacts: [], total: 0 });
    }));

  test(`${name}: keyset pages cover every match once, ties broken by id, unshifted by contacts created meanwhile`, () =>
    withStore(async (s) => {
      const i = inst(3);
      const cs = [5, 3, 3, 3, 1, 4, 2].map((t) => f.contact(f.identity(), { instanceId: i, initiatedAt: t * 1000 }));
      await insert(s, cs);
      for (const descending of [true, false]) {
        const expected = [...cs].sort((a, b) => a.initiatedAt - b.initiatedAt || (a.id < b.id ? -1 : 1)).map((c) => c.id);
        if (descending) expected.reverse();
        const seen: string[] = [];
        let after: ContactQuery["after"];
        let extra = descending ? 0 : 1;
        for (let page = 0; page < 5; page++) {
          const q = query(i, { sort: { key: "initiated", missing: descending ? -1 : LAST, descending }, limit: 3, after });
          const r = await s.tx((t) => t.searchContacts(q));
          assert.equal(r.total, cs.length + extra, "total ignores the keyset and the limit");
          seen.push(...ids(r.contacts).filter((id) => cs.some((c) => c.id === id)));
          if (r.contacts.length < 3) break;
          const last = r.contacts[r.contacts.length - 1];
          after = { value: last.initiatedAt, id: last.id };
          // A newer contact arrives after the first page of the descending run: later pages must not shift.
          if (descending && page === 0) {
            await insert(s, [f.contact(f.identity(), { instanceId: i, initiatedAt: 9000 })]);
            extra = 1;
          }
        }
        assert.deepEqual(seen, expected, descending ? "descending" : "ascending");
      }
    }));

  test(`${name}: missing sort values come last both ways; NOT_EXISTS, agent, address, subtype and attribute conditions`, () =>
    withStore(async (s) => {
      const i = inst(4);
      const idA = f.identity({ sourceId: "+14155550111" });
      const a = f.contact(idA, { instanceId: i, initiatedAt: 1000, subtype: "connect:SMS", attributes: { tier: "gold" }, segmentAttributes: { tier: { ValueString: "vip" }, plan: { ValueString: "gold" } } });
      const b = f.contact(f.identity({ subtypeKey: "connect:whatsapp" }), { instanceId: i, initiatedAt: 2000, state: "ENDED", endedAt: 5000, attributes: { tier: "silver" }, segmentAttributes: { tier: { ValueString: "basic" }, n: { ValueInteger: 5 } } });
      const c = f.contact(undefined, { instanceId: i, initiatedAt: 3000, state: "ENDED", endedAt: 4000, agent: { id: "agent-1", connectedAt: 3500 } });
      await insert(s, [a, b, c]);
      const by = (key: "disconnected" | "agent", descending: boolean) => ({ key, missing: descending ? -1 : LAST, descending });
      assert.deepEqual(ids((await s.tx((t) => t.searchContacts(query(i, { sort: by("disconnected", true) })))).contacts), [b.id, c.id, a.id]);
      assert.deepEqual(ids((await s.tx((t) => t.searchContacts(query(i, { sort: by("disconnected", false) })))).contacts), [c.id, b.id, a.id]);
      const page = await s.tx((t) => t.searchContacts(query(i, { sort: by("disconnected", false), after: { value: LAST, id: "" } })));
      assert.deepEqual(ids(page.contacts), [a.id], "after a missing-value keyset come the remaining missing ones by id");
      const where = async (w: SearchCondition) => ids((await s.tx((t) => t.searchContacts(query(i, { where: w, sort: { missing: 0, descending: false } })))).contacts).sort();
      assert.deepEqual(await where({ kind: "missing", field: "disconnected" }), [a.id]);
      assert.deepEqual(await where({ kind: "time", field: "agent", from: 3500, to: 3500 }), [c.id]);
      assert.deepEqual(await where({ kind: "in", field: "agentId", values: ["agent-1", "x"] }), [c.id]);
      assert.deepEqual(await where({ kind: "in", field: "sourceId", values: ["+14155550111"] }), [a.id]);
      assert.deepEqual(await where({ kind: "in", field: "subtypeKey", values: ["connect:whatsapp"] }), [b.id]);
      assert.deepEqual(await where({ kind: "in", field: "agentId", values: [] }), []);
      assert.deepEqual(await where({ kind: "attribute", key: "tier", values: ["gold", "silver"] }), [a.id, b.id].sort());
      assert.deepEqual(await where({ kind: "attribute", key: "tier", values: [] }), []);
      // Segment attributes share the attributes' table under their own keys: `tier` is one of each, never confused.
      assert.deepEqual(await where({ kind: "segment", key: "tier", values: ["vip", "basic"] }), [a.id, b.id].sort());
      assert.deepEqual(await where({ kind: "segment", key: "tier", values: ["gold"] }), []);
      assert.deepEqual(await where({ kind: "segment", key: "plan", values: ["gold"] }), [a.id]);
      assert.deepEqual(await where({ kind: "attribute", key: "plan", values: ["gold"] }), []);
      assert.deepEqual(await where({ kind: "segment", key: "n", values: ["5"] }), [], "ValueInteger is not searched");
      assert.deepEqual(await where({ kind: "segment", key: "tier", values: ["x".repeat(129)] }), []);
      const gold: SearchCondition = { kind: "attribute", key: "tier", values: ["gold"] };
      const ended: SearchCondition = { kind: "time", field: "disconnected", from: 0, to: 10_000 };
      assert.deepEqual(await where({ kind: "any", of: [gold, ended] }), [a.id, b.id, c.id].sort());
      assert.deepEqual(await where({ kind: "all", of: [gold, ended] }), []);
      assert.deepEqual(await where({ kind: "all", of: [] }), [a.id, b.id, c.id].sort());
    }));

  test(`${name}: updateContact keeps the searched columns (end time, agent) in step with the record`, () =>
    withStore(async (s) => {
      const i = inst(5);
      const c = f.contact(f.identity(), { instanceId: i, initiatedAt: 1000 });
      await insert(s, [c]);
      const find = (w: SearchCondition) => s.tx(async (t) => ids((await t.searchContacts(query(i, { where: w }))).contacts));
      await s.tx((t) => t.updateContact({ ...c, agent: { id: "agent-9", connectedAt: 1500 } }));
      assert.deepEqual(await find({ kind: "in", field: "agentId", values: ["agent-9"] }), [c.id], "an agent set without a state change");
      const [queued] = (await s.tx((t) => t.searchContacts(query(i)))).contacts;
      await s.tx((t) => t.updateContact({ ...queued, queue: { id: "queue-3", enqueuedAt: 1600 } }));
      assert.deepEqual(await find({ kind: "in", field: "queueId", values: ["queue-3"] }), [c.id], "a queue set alone");
      assert.deepEqual(await find({ kind: "in", field: "agentId", values: ["agent-9"] }), [c.id], "the agent kept");
      const [found] = (await s.tx((t) => t.searchContacts(query(i)))).contacts;
      assert.deepEqual(await find({ kind: "missing", field: "disconnected" }), [c.id]);
      await s.tx((t) => t.updateContact({ ...found, state: "ENDED", endedAt: 7000 }));
      assert.deepEqual(await find({ kind: "missing", field: "disconnected" }), []);
      assert.deepEqual(await find({ kind: "time", field: "disconnected", from: 7000, to: 7000 }), [c.id]);
    }));

  test(`${name}: attribute search rows follow every update that changes attributes, and survive those that do not`, () =>
    withStore(async (s) => {
      const i = inst(8);
      const c = f.contact(f.identity(), { instanceId: i, initiatedAt: 1000, attributes: { tier: "gold", lang: "en" } });
      await insert(s, [c]);
      const by = (key: string, value: string) => s.tx(async (t) => ids((await t.searchContacts(query(i, { where: { kind: "attribute", key, values: [value] } }))).contacts));
      await s.tx((t) => t.updateContact({ ...c, agent: { id: "agent-1", connectedAt: 1500 } }));
      assert.deepEqual([await by("tier", "gold"), await by("lang", "en")], [[c.id], [c.id]], "an update that leaves attributes alone keeps their rows");
      await s.tx((t) => t.updateContact({ ...c, attributes: { tier: "silver", lang: "en" } }));
      assert.deepEqual([await by("tier", "gold"), await by("tier", "silver")], [[], [c.id]], "a changed value");
      await s.tx((t) => t.updateContact({ ...c, attributes: { tier: "silver", region: "eu" } }));
      assert.deepEqual([await by("lang", "en"), await by("region", "eu"), await by("tier", "silver")], [[], [c.id], [c.id]], "as many keys, another name");
    }));

  test(`${name}: a search summary's last message is the chat's newest persisted MESSAGE item, clipped`, () =>
    withStore(async (s) => {
      const i = inst(6);
      // A record from before the last message was derived carries a copy of its own: the log wins.
      const a = f.contact(f.identity(), { instanceId: i, initiatedAt: 1000, lastMessage: { content: "stale", at: 1, role: "CUSTOMER" } });
      const b = f.contact(f.identity(), { instanceId: i, initiatedAt: 2000 });
      await insert(s, [a, b]);
      const body = (type: "MESSAGE" | "EVENT", at: number, content?: string, role = "CUSTOMER") => ({
        Id: `${a.id}-${at}`,
        AbsoluteTime: new Date(at).toISOString(),
        Type: type,
        ContentType: type === "MESSAGE" ? "text/plain" : "application/vnd.amazonaws.connect.event.typing",
        ...(content !== undefined ? { Content: content } : {}),
        ParticipantId: "p-1",
        DisplayName: "x",
        ParticipantRole: role as "CUSTOMER" | "AGENT",
      });
      const put = (persisted: boolean, b: ReturnType<typeof body>) =>
        s.tx((t) => t.appendItem({ contactId: a.id, initialContactId: a.initialContactId, persisted, visibility: "ALL", body: b }));
      const long = "é".repeat(150) + "😀".repeat(100); // 250 code points, 350 UTF-16 units
      await put(true, body("MESSAGE", 3000, "first"));
      await put(true, body("MESSAGE", 4000, long, "AGENT"));
      await put(true, body("EVENT", 5000)); // a later event (a participant left) is not a message
      await put(false, body("MESSAGE", 6000, "not persisted")); // push-only items never count
      const byId = new Map((await s.tx((t) => t.searchContacts(query(i)))).contacts.map((c) => [c.id, c]));
      assert.deepEqual(byId.get(a.id)?.lastMessage, { content: "é".repeat(150) + "😀".repeat(50), at: 4000, role: "AGENT" });
      assert.equal(byId.get(b.id)?.lastMessage, undefined, "a chat without messages has none");
      assert.equal(byId.get(a.id)?.lastItemAt, 6000, "lastItemAt counts every item, push-only ones too");
    }));

  test(`${name}: every contact read brings lastItemAt and updatedAt up to the chat's newest item`, () =>
    withStore(async (s) => {
      const id = f.identity();
      const c = f.contact(id, { initiatedAt: 1000, updatedAt: 1500, lastItemAt: 1500, expiresAt: 2000 });
      await insert(s, [c]);
      const read = () => s.tx(async (t) => [await t.activeChat(id), await t.contact(c.accountId, c.id), await t.contactById(c.id), ...(await t.expiredChats(2000, 10)).filter((x) => x.id === c.id)]);
      for (const r of await read()) assert.deepEqual([r?.lastItemAt, r?.updatedAt], [1500, 1500], "no items: the record's own times");
      const at = (ms: number) => ({ Id: `${c.id}-${ms}`, AbsoluteTime: new Date(ms).toISOString(), Type: "EVENT" as const, ContentType: "application/vnd.amazonaws.connect.event.typing" });
      await s.tx((t) => t.appendItem({ contactId: c.id, initialContactId: c.initialContactId, persisted: false, visibility: "ALL", body: at(1700) }));
      const reads = await read();
      assert.equal(reads.length, 4);
      for (const r of reads) assert.deepEqual([r?.lastItemAt, r?.updatedAt], [1700, 1700]);
      // The newest position decides (the domain stamps a chat's items in order), and the record's own times are a
      // floor: an item stamped before them does not move them back.
      await s.tx((t) => t.appendItem({ contactId: c.id, initialContactId: c.initialContactId, persisted: true, visibility: "ALL", body: at(1200) }));
      for (const r of await read()) assert.deepEqual([r?.lastItemAt, r?.updatedAt], [1500, 1500]);
    }));
}
