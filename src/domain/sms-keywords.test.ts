// Which whole messages are carrier keywords (case and surrounding blanks ignored) and which are ordinary texts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { smsKeyword } from "./sms-keywords.js";

test("STOP, START and HELP words as carriers define them; anything else is a message", () => {
  for (const w of ["STOP", "stop", " Stop\n", "STOPALL", "unsubscribe", "Cancel", "END", "quit"]) assert.equal(smsKeyword(w), "STOP", w);
  for (const w of ["START", "unstop", "Yes"]) assert.equal(smsKeyword(w), "START", w);
  for (const w of ["HELP", "help ", "INFO"]) assert.equal(smsKeyword(w), "HELP", w);
  for (const w of ["stop it", "please stop", "STOP!", "helpful", "", "yes please"]) assert.equal(smsKeyword(w), undefined, w);
});
