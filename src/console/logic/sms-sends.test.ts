import { test } from "node:test";
import assert from "node:assert/strict";
import { goesOut, isSmsSubtype, sendNotice } from "./sms-sends.js";

test("a FAILED send says why and offers Retry; a retrying one says which attempt; sent, delivered and pending say nothing", () => {
  assert.deepEqual(sendNotice({ MessageId: "m", Status: "FAILED", Error: "Twilio error 21211: invalid number", Attempts: 1 }), { label: "Not delivered", error: "Twilio error 21211: invalid number", retry: true });
  assert.deepEqual(sendNotice({ MessageId: "m", Status: "RETRYING", Error: "Twilio unreachable", Attempts: 2 }), { label: "Retrying (attempt 3)", error: "Twilio unreachable", retry: false });
  for (const Status of ["PENDING", "SENT", "DELIVERED"] as const) assert.equal(sendNotice({ MessageId: "m", Status, Attempts: 0 }), undefined);
  assert.equal(sendNotice(undefined), undefined);
});

test("only agents', bots' and the system's messages of SMS chats go out", () => {
  assert.deepEqual(["AGENT", "CUSTOM_BOT", "SYSTEM", "CUSTOMER", undefined].map(goesOut), [true, true, true, false, false]);
  assert.deepEqual(["connect:SMS", "connect:sms", "connect:WhatsApp", undefined].map(isSmsSubtype), [true, true, false, false]);
});
