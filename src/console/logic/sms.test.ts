import { test } from "node:test";
import assert from "node:assert/strict";
import { replyLength, SMS_LIMIT } from "./sms.js";

test("the reply limit is 1024 characters, counted in code points", () => {
  assert.deepEqual(replyLength("x".repeat(SMS_LIMIT)), { length: 1024, over: false, near: true, sendable: true });
  assert.deepEqual(replyLength("x".repeat(SMS_LIMIT + 1)), { length: 1025, over: true, near: false, sendable: false });
  assert.equal(replyLength("👍".repeat(SMS_LIMIT)).length, 1024, "an emoji is one character");
  assert.equal(replyLength("👍".repeat(SMS_LIMIT)).over, false);
  assert.equal(replyLength("   \n").sendable, false, "blank replies are not sent");
  assert.equal(replyLength("x".repeat(900)).near, false);
});
