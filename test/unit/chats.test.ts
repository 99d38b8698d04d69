// The chat rules of SPEC §3 on a real SQLite store with a clock and ids the test controls.
import { test } from "node:test";
import assert from "node:assert/strict";
import { InvalidRequestException, ResourceNotFoundException } from "../../src/api/errors.js";
import { directoryOf } from "../../src/app.js";
import { configuredFlows } from "../../src/config-flows.js";
import { Chats, type IntegrationEvent } from "../../src/domain/chats.js";
import type { DomainEnv } from "../../src/domain/chat-base.js";
import { CT } from "../../src/domain/rules.js";
import type { Item } from "../../src/domain/types.js";
import { SqliteStore } from "../../src/storage/sqlite/SqliteStore.js";
import { seedRouting } from "../../src/seed-routing.js";
import { scryptPasswords } from "../../src/passwords.js";
import { ACCOUNT, DEST, INSTANCE, OTHER_ACCOUNT, SHORT_DEST, testConfig } from "../support/server.js";

function setup() {
  let t = Date.parse("2026-11-25T10:00:00.000Z");
  let seq = 0;
  let routingIds = 0;
  const store = new SqliteStore(":memory:");
  const env: DomainEnv = {
    clock: { now: () => t },
    ids: { contactId: () => `c${++seq}`, participantId: () => `p${++seq}`, itemId: () => `i${++seq}`, token: () => `t${++seq}` },
    directory: directoryOf(testConfig()),
    region: "us-east-1",
    // DEST's contactFlowId is a configured flow (it queues the contact and ends: no items).
    configFlows: configuredFlows(testConfig()),
  };
  // The built-in routing objects: the configured flow queues its contacts in BasicQueue, which must exist.
  const seeded = seedRouting(store, { clock: env.clock, region: "us-east-1", newId: () => `r${++routingIds}`, passwords: scryptPasswords, hasInstance: () => true }, testConfig());
  const items: Item[] = [];
  const send = async (ev: Partial<IntegrationEvent> & Pick<IntegrationEvent, "event">, account = ACCOUNT) => {
    await seeded;
    return store.tx(async (tx) => {
      // Every item stored, in order: appended, or a new chat's first (its join event, stored with the chat).
      const append = tx.appendItem.bind(tx);
      const insertChat = tx.insertChat.bind(tx);
      tx.appendItem = async (i) => {
        const r = await append(i);
        items.push(r);
        return r;
      };
      tx.insertChat = async (c, customer, first) => {
        const r = await insertChat(c, customer, first);
        if (r) items.push(r);
        return r;
      };
      try {
        return await new Chats(tx, env).integrationEvent({ accountId: account }, { sourceId: "+14155550100", destinationId: DEST, subtype: "connect:sms", ...ev });
      } finally {
        tx.appendItem = append;
        tx.insertChat = insertChat;
      }
    });
  };
  const tx = async <T>(fn: (c: Chats) => Promise<T>) => {
    await seeded;
    return store.tx((t) => fn(new Chats(t, env)));
  };
  return { store, env, send, tx, items, advance: (ms: number) => (t += ms) };
}

const msg = (Content: string, ContentType = "text/plain") => ({ event: { type: "MESSAGE" as const, ContentType, contentType: ContentType, content: Content } });

test("a first MESSAGE creates the chat: customer joins, then the message, with exact items", async () => {
  const s = setup();
  const r = await s.send({ ...msg("hello"), newSession: { displayName: "Jane", attributes: { a: "1" } } });
  assert.deepEqual(r, { initialContactId: "c1", newChatCreated: true });
  assert.deepEqual(
    s.items.map((i) => i.body),
    [
      { AbsoluteTime: "2026-11-25T10:00:00.000Z", ContentType: CT.joined, Id: "i3", Type: "EVENT", ParticipantId: "p2", DisplayName: "Jane", ParticipantRole: "CUSTOMER" },
      { AbsoluteTime: "2026-11-25T10:00:00.000Z", Content: "hello", ContentType: "text/plain", Id: "i4", Type: "MESSAGE", ParticipantId: "p2", DisplayName: "Jane", ParticipantRole: "CUSTOMER" },
    ],
  );
  const c = await s.tx((c) => c.contact({ accountId: ACCOUNT }, INSTANCE, "c1"));
  assert.deepEqual(c.attributes, { a: "1" });
  assert.equal(c.subtype, "connect:SMS");
});

test("a second MESSAGE reuses the active chat and ignores NewSessionDetails", async () => {
  const s = setup();
  await s.send(msg("one"));
  const r = await s.send({ ...msg("two"), subtype: "connect:SMS", newSession: { displayName: "Other", attributes: { b: "2" } } });
  assert.deepEqual(r, { initialContactId: "c1", newChatCreated: false });
  const c = await s.tx((c) => c.contact({ accountId: ACCOUNT }, INSTANCE, "c1"));
  assert.deepEqual(c.attributes, {});
  assert.equal(s.items.at(-1)!.body.DisplayName, "Customer");
});

test("a different Subtype or none is a different chat", async () => {
  const s = setup();
  await s.send(msg("sms"));
  assert.equal((await s.send({ ...msg("none"), subtype: undefined })).newChatCreated, true);
  assert.equal((await s.send({ ...msg("wa"), subtype: "connect:whatsapp" })).newChatCreated, true);
});

test("DISCONNECT ends the chat (customer left, chat ended); the next MESSAGE starts a new one", async () => {
  const s = setup();
  await s.send(msg("hi"));
  s.advance(1000);
  assert.deepEqual(await s.send({ event: { type: "DISCONNECT" } }), { initialContactId: "c1", newChatCreated: false });
  assert.deepEqual(s.items.slice(-2).map((i) => [i.body.ContentType, i.body.ParticipantRole, i.body.AbsoluteTime]), [
    [CT.left, "CUSTOMER", "2026-11-25T10:00:01.000Z"],
    [CT.ended, undefined, "2026-11-25T10:00:01.000Z"],
  ]);
  const ended = await s.tx((c) => c.contact({ accountId: ACCOUNT }, INSTANCE, "c1"));
  assert.equal(ended.state, "ENDED");
  assert.equal(ended.endedAt, Date.parse("2026-11-25T10:00:01.000Z"));
  const r = await s.send(msg("again"));
  assert.equal(r.newChatCreated, true);
  assert.notEqual(r.initialContactId, "c1");
});

test("EVENT and DISCONNECT without an active chat create nothing", async () => {
  const s = setup();
  assert.deepEqual(await s.send({ event: { type: "EVENT", contentType: CT.typing } }), { newChatCreated: false });
  assert.deepEqual(await s.send({ event: { type: "DISCONNECT" } }), { newChatCreated: false });
  assert.equal(s.items.length, 0);
});

test("typing is pushed but not kept in the transcript; receipts update the message and push metadata", async () => {
  const s = setup();
  await s.send(msg("hi"));
  const messageId = s.items[1].body.Id;
  await s.send({ event: { type: "EVENT", contentType: CT.typing } });
  assert.equal(s.items.at(-1)!.persisted, false);
  assert.equal(s.items.at(-1)!.body.ContentType, CT.typing);
  s.advance(5);
  await s.send({ event: { type: "EVENT", contentType: CT.delivered, content: JSON.stringify({ messageId }) } });
  s.advance(5);
  await s.send({ event: { type: "EVENT", contentType: CT.read, content: JSON.stringify({ messageId }) } });
  const push = s.items.at(-1)!;
  assert.equal(push.persisted, false);
  assert.equal(push.body.Type, "MESSAGEMETADATA");
  assert.deepEqual(push.body.MessageMetadata, { MessageId: messageId, Receipts: [{ ReadTimestamp: "2026-11-25T10:00:00.010Z", RecipientParticipantId: "p2" }] });
  const stored = await s.store.tx((t) => t.item("c1", messageId));
  assert.deepEqual(stored!.body.MessageMetadata!.Receipts, [
    { RecipientParticipantId: "p2", DeliveredTimestamp: "2026-11-25T10:00:00.005Z", ReadTimestamp: "2026-11-25T10:00:00.010Z" },
  ]);
  await assert.rejects(s.send({ event: { type: "EVENT", contentType: CT.read, content: '{"messageId":"nope"}' } }), InvalidRequestException);
  await assert.rejects(s.send({ event: { type: "EVENT", contentType: CT.read, content: JSON.stringify({ messageId: s.items[0].body.Id }) } }), /not a message of this chat/);
});

test("the chat ends when its duration runs out (25 h default, per destination override)", async () => {
  const s = setup();
  await s.send(msg("hi"));
  await s.send({ ...msg("short"), destinationId: SHORT_DEST });
  s.advance(60 * 60_000 - 1);
  assert.equal((await s.send({ ...msg("still"), destinationId: SHORT_DEST })).newChatCreated, false);
  s.advance(1);
  const r = await s.send({ ...msg("new"), destinationId: SHORT_DEST });
  assert.equal(r.newChatCreated, true);
  s.advance(24 * 60 * 60_000 - 1);
  assert.equal((await s.send(msg("still"))).newChatCreated, false);
  s.advance(1);
  assert.equal((await s.send(msg("new"))).newChatCreated, true);
  const old = await s.tx((c) => c.contact({ accountId: ACCOUNT }, INSTANCE, "c1"));
  assert.equal(old.state, "ENDED");
  assert.equal(old.endReason, "EXPIRED");
  assert.equal(old.endedAt, old.expiresAt);
});

test("the sweeper ends expired chats without any request", async () => {
  const s = setup();
  await s.send(msg("hi"));
  s.advance(25 * 60 * 60_000);
  assert.equal(await s.tx((c) => c.endExpired(10)), 1);
  assert.equal(await s.tx((c) => c.endExpired(10)), 0);
  assert.equal((await s.store.tx((t) => t.contact(ACCOUNT, "c1")))!.state, "ENDED");
});

test("an invalid request stores nothing, even when it would have created the chat", async () => {
  const s = setup();
  await assert.rejects(s.send({ ...msg("x", "text/markdown"), newSession: { supportedContentTypes: ["text/plain", "text/markdown"] } }), /only text\/plain/);
  await assert.rejects(s.send({ ...msg("x"), subtype: undefined, newSession: { supportedContentTypes: ["text/markdown"] } }), /must include text\/plain/);
  await assert.rejects(s.send({ ...msg("x", "text/markdown"), subtype: undefined }), /SupportedMessagingContentTypes/);
  await assert.rejects(s.send({ ...msg("x"), sourceId: "0800" }), /E\.164/);
  await assert.rejects(s.send({ ...msg("x"), newSession: { attributes: { "a b": "1" } } }), /Attributes key/);
  await assert.rejects(s.send({ ...msg("x"), newSession: { streamingEndpointArn: "arn:aws:sns:eu-west-1:123456789012:t" } }), /region/);
  const db = (s.store as unknown as { db: { prepare(q: string): { get(): { n: number } } } }).db;
  assert.equal(db.prepare("SELECT count(*) AS n FROM items").get().n, 0);
  assert.equal(db.prepare("SELECT count(*) AS n FROM contacts").get().n, 0);
  assert.equal(db.prepare("SELECT count(*) AS n FROM participants").get().n, 0);
});

test("without a subtype, markdown works when the chat supports it", async () => {
  const s = setup();
  const r = await s.send({ ...msg("**hi**", "text/markdown"), subtype: undefined, sourceId: "web-user-1", newSession: { supportedContentTypes: ["text/plain", "text/markdown"] } });
  assert.equal(r.newChatCreated, true);
});

test("a destination of another account is not found", async () => {
  const s = setup();
  await assert.rejects(s.send(msg("x"), OTHER_ACCOUNT), ResourceNotFoundException);
  await assert.rejects(s.send({ ...msg("x"), destinationId: "arn:nope" }), /DestinationId 'arn:nope'/);
});

test("items of one chat never go back in time, even when the clock does", async () => {
  const s = setup();
  await s.send(msg("a"));
  s.advance(-5000);
  await s.send(msg("b"));
  const times = s.items.map((i) => i.body.AbsoluteTime);
  assert.deepEqual([...times].sort(), times);
});

test("StopContact ends an active chat once; UpdateContactAttributes merges within the limit", async () => {
  const s = setup();
  await s.send({ ...msg("hi"), newSession: { attributes: { a: "1" } } });
  await s.tx((c) => c.updateAttributes({ accountId: ACCOUNT }, INSTANCE, "c1", { b: "2" }));
  assert.deepEqual((await s.tx((c) => c.contact({ accountId: ACCOUNT }, INSTANCE, "c1"))).attributes, { a: "1", b: "2" });
  await assert.rejects(s.tx((c) => c.updateAttributes({ accountId: ACCOUNT }, INSTANCE, "c1", { big: "x".repeat(32768) })), /UTF-8 bytes/);
  assert.equal(await s.tx((c) => c.stop({ accountId: ACCOUNT }, INSTANCE, "c1")), "STOPPED");
  assert.equal(await s.tx((c) => c.stop({ accountId: ACCOUNT }, INSTANCE, "c1")), "NOT_ACTIVE");
  await assert.rejects(s.tx((c) => c.stop({ accountId: OTHER_ACCOUNT }, INSTANCE, "c1")), ResourceNotFoundException);
  await assert.rejects(s.tx((c) => c.stop({ accountId: ACCOUNT }, INSTANCE, "nope")), ResourceNotFoundException);
});
