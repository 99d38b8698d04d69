// Segment counting at its limits (GSM-7 basic and extension table, UCS-2, surrogate pairs) and the max-segments check.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkSmsLength, goesOutBySms, smsSegments, splitSms } from "./sms.js";
import type { Item } from "./types.js";

const seg = (t: string) => smsSegments(t).segments;

test("GSM-7: 160 septets are one segment, 161 are two (153 per part), 306 two, 307 three", () => {
  assert.deepEqual(smsSegments("a".repeat(160)), { encoding: "GSM-7", units: 160, segments: 1 });
  assert.deepEqual(smsSegments("a".repeat(161)), { encoding: "GSM-7", units: 161, segments: 2 });
  assert.equal(seg("a".repeat(306)), 2);
  assert.equal(seg("a".repeat(307)), 3);
  assert.equal(seg("a".repeat(1530)), 10);
  assert.equal(seg("a".repeat(1531)), 11);
  assert.deepEqual(smsSegments(""), { encoding: "GSM-7", units: 0, segments: 1 });
});

test("GSM-7 basic table includes accented letters, Greek capitals, CR/LF; they cost one septet", () => {
  const basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà";
  assert.deepEqual(smsSegments(basic), { encoding: "GSM-7", units: [...basic].length, segments: 1 });
});

test("GSM-7 extension characters (€ [ ] { } \\ ^ ~ | and form feed) cost two septets and are never split across parts", () => {
  assert.deepEqual(smsSegments("€^{}\\[~]|\f"), { encoding: "GSM-7", units: 20, segments: 1 });
  assert.deepEqual(smsSegments("€".repeat(80)), { encoding: "GSM-7", units: 160, segments: 1 });
  assert.deepEqual(smsSegments("a".repeat(159) + "€"), { encoding: "GSM-7", units: 161, segments: 2 });
  // 152 septets then an escape pair: the pair does not fit in part one's 153, so it opens part two.
  assert.equal(seg("a".repeat(152) + "€" + "a".repeat(151)), 2); // 152 | 2 + 151 = 153
  assert.equal(seg("a".repeat(152) + "€" + "a".repeat(152)), 3); // 152 | 153 | 1
});

test("UCS-2 once any character is outside GSM-7: 70 units one segment, 71 two (67 per part)", () => {
  assert.deepEqual(smsSegments("ж".repeat(70)), { encoding: "UCS-2", units: 70, segments: 1 });
  assert.deepEqual(smsSegments("ж".repeat(71)), { encoding: "UCS-2", units: 71, segments: 2 });
  assert.equal(seg("ж".repeat(134)), 2);
  assert.equal(seg("ж".repeat(135)), 3);
  // One non-GSM character turns the whole text into UCS-2: 100 ASCII + ç (lowercase ç is not in GSM-7's table).
  assert.deepEqual(smsSegments("a".repeat(100) + "ç"), { encoding: "UCS-2", units: 101, segments: 2 });
  // GSM-7 extension characters are single UCS-2 units once the text is UCS-2.
  assert.deepEqual(smsSegments("ж€"), { encoding: "UCS-2", units: 2, segments: 1 });
});

test("UCS-2: a character outside the BMP (emoji) is a surrogate pair, 2 units, never split across parts", () => {
  assert.deepEqual(smsSegments("😀".repeat(35)), { encoding: "UCS-2", units: 70, segments: 1 });
  assert.deepEqual(smsSegments("😀".repeat(35) + "a"), { encoding: "UCS-2", units: 71, segments: 2 });
  // 66 units then a pair: it does not fit in part one's 67.
  assert.equal(seg("ж".repeat(66) + "😀" + "ж".repeat(65)), 2); // 66 | 2 + 65 = 67
  assert.equal(seg("ж".repeat(66) + "😀" + "ж".repeat(66)), 3);
});

test("checkSmsLength refuses an agent's or bot's reply over the limit, naming the count and the limit; the customer is not checked", () => {
  checkSmsLength("AGENT", "a".repeat(1530), 10);
  assert.throws(() => checkSmsLength("AGENT", "a".repeat(1531), 10), (e: Error & { code?: string; status?: number }) => {
    assert.equal(e.code, "ValidationException");
    assert.equal(e.status, 400);
    assert.match(e.message, /11 SMS segments/);
    assert.match(e.message, /at most 10 segments/);
    assert.match(e.message, /sms\.maxSegments/);
    return true;
  });
  assert.throws(() => checkSmsLength("CUSTOM_BOT", "ж".repeat(71), 1), /2 SMS segments long \(71 UCS-2 units\)/);
  checkSmsLength("CUSTOMER", "a".repeat(5000), 1);
});

test("splitSms: parts of at most maxSegments each, broken after whitespace, never inside a character; joined they are the text", () => {
  const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(" "); // 409 GSM-7 septets
  const parts = splitSms(words, 1);
  assert.equal(parts.join(""), words);
  for (const p of parts) assert.equal(smsSegments(p).segments, 1);
  for (const p of parts.slice(0, -1)) assert.match(p, / $/, "each part but the last ends at a word boundary");
  assert.equal(parts.length, 3);
  assert.deepEqual(splitSms("short", 1), ["short"]);
  // No whitespace: cut at the limit exactly; an emoji (surrogate pair) is never cut in two.
  assert.deepEqual(splitSms("a".repeat(161), 1), ["a".repeat(160), "a"]);
  const emoji = "😀".repeat(36);
  assert.deepEqual(splitSms(emoji, 1), ["😀".repeat(35), "😀"]);
  // Two segments per part: 306 GSM-7 septets fit, 307 do not.
  assert.deepEqual(splitSms("b".repeat(307), 2).map((p) => p.length), [306, 1]);
  checkSmsLength("AGENT", "a".repeat(1531), 10, true); // split: nothing to refuse
});

test("goesOutBySms: messages of agents, bots, the system and a barged-in supervisor the customer sees; never the customer's or agent-only ones", () => {
  const item = (ParticipantRole: string, visibility = "ALL", Type = "MESSAGE") => ({ body: { Type, ParticipantRole }, visibility }) as unknown as Item;
  assert.deepEqual(["AGENT", "CUSTOM_BOT", "SYSTEM", "SUPERVISOR", "CUSTOMER"].map((r) => goesOutBySms(item(r))), [true, true, true, true, false]);
  assert.equal(goesOutBySms(item("SUPERVISOR", "AGENT")), false);
  assert.equal(goesOutBySms(item("SUPERVISOR", "ALL", "EVENT")), false);
});
