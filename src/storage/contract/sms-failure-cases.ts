// The storage contract of failed SMS sends: a chat's SMS entries (with their dead flag) and sends by chat, reviving
// one item's dead entries only, and the newest dead letters and failed sends first. Run by storeContract.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { OutboxEntry, SmsSend, Store } from "../../domain/ports.js";

let n = 0;
const uid = (p: string) => `${p}-${process.pid}-${++n}-${Math.random().toString(36).slice(2, 8)}`;

export function smsFailureCases(name: string, withStore: (fn: (s: Store) => Promise<void>) => Promise<void>) {
  test(`${name}: a chat's SMS entries and sends by chat; Retry revives one item's dead entries; failures newest first`, () =>
    withStore(async (s) => {
      const chat = uid("chat");
      const other = uid("chat");
      const [m1, m2, m3] = [uid("item"), uid("item"), uid("item")];
      const entry = (initialContactId: string, itemId: string, kind: OutboxEntry["kind"] = "sms"): OutboxEntry => ({
        kind, endpoint: kind === "sms" ? "sms:dest" : "https://hook.example/x", initialContactId, itemId, message: "{}", attributes: { To: "+14155550100" }, attempts: 0, nextAt: 0, createdAt: 1,
      });
      await s.tx((t) => t.enqueue([entry(chat, m1), entry(chat, m2), entry(chat, m1, "webhook"), entry(other, m3)]));
      const mine = await s.tx((t) => t.smsOutboxOfChat(chat));
      assert.deepEqual(mine.map((e) => [e.itemId, e.kind, e.dead]), [[m1, "sms", false], [m2, "sms", false]]);
      await s.tx((t) => t.failOutbox(mine[0].id!, 3, 99, "TwilioError: refused", true));
      await s.tx((t) => t.failOutbox(mine[1].id!, 1, 99, "TwilioError: again", true));
      const [dead1] = await s.tx((t) => t.smsOutboxOfChat(chat));
      assert.deepEqual([dead1.dead, dead1.attempts, dead1.lastError], [true, 3, "TwilioError: refused"]);
      const deadIds = (await s.tx((t) => t.deadSms(1000))).map((e) => e.id);
      assert.ok(deadIds.indexOf(mine[1].id) < deadIds.indexOf(mine[0].id), "newest first");

      assert.equal(await s.tx((t) => t.reviveSms(chat, m1, 500)), 1);
      assert.equal(await s.tx((t) => t.reviveSms(chat, m1, 500)), 0, "nothing dead is left for that item");
      assert.equal(await s.tx((t) => t.reviveSms(other, m2, 500)), 0, "another chat's item is not touched");
      const after = await s.tx((t) => t.smsOutboxOfChat(chat));
      assert.deepEqual(after.map((e) => [e.itemId, e.dead, e.attempts, e.nextAt, e.lastError]), [[m1, false, 0, 500, undefined], [m2, true, 1, 99, "TwilioError: again"]]);

      const send = (itemId: string, initialContactId: string, error?: string): SmsSend => ({
        itemId, initialContactId, destinationId: "dest", provider: "twilio", providerMessageId: uid("SM"), status: error ? "failed" : "queued", ...(error ? { error } : {}), createdAt: 7,
      });
      await s.tx(async (t) => {
        await t.recordSmsSend(send(m1, chat, "Twilio error 21211"));
        await t.recordSmsSend(send(m1, chat));
        await t.recordSmsSend(send(m3, other, "Twilio error 30003"));
      });
      assert.deepEqual((await s.tx((t) => t.smsSendsOfChat(chat))).map((x) => [x.itemId, x.status, x.error]), [[m1, "failed", "Twilio error 21211"], [m1, "queued", undefined]]);
      const failed = (await s.tx((t) => t.failedSmsSends(1000))).filter((x) => x.initialContactId === chat || x.initialContactId === other);
      assert.deepEqual(failed.map((x) => x.error), ["Twilio error 30003", "Twilio error 21211"]);
    }));
}
