import { test } from "node:test";
import assert from "node:assert/strict";
import { dayLabel, linkify, reasonText, transcriptRows } from "./present.js";
import type { Item } from "./transcript.js";

test("links: http and https only, trailing punctuation stays text, parentheses balanced", () => {
  assert.deepEqual(linkify("see https://example.com/a?b=1."), [{ text: "see " }, { text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" }, { text: "." }]);
  assert.deepEqual(linkify("(at http://x.test/p)"), [{ text: "(at " }, { text: "http://x.test/p", href: "http://x.test/p" }, { text: ")" }]);
  assert.deepEqual(linkify("https://en.wikipedia.org/wiki/Foo_(bar)"), [{ text: "https://en.wikipedia.org/wiki/Foo_(bar)", href: "https://en.wikipedia.org/wiki/Foo_(bar)" }]);
  assert.deepEqual(linkify("javascript:alert(1) data:text/html,x ftp://f.test"), [{ text: "javascript:alert(1) data:text/html,x ftp://f.test" }]);
  assert.deepEqual(linkify("no links here"), [{ text: "no links here" }]);
  assert.deepEqual(linkify("two: https://a.test, https://b.test!").filter((p) => p.href).map((p) => p.href), ["https://a.test/", "https://b.test/"]);
  assert.deepEqual(linkify(""), []);
  assert.equal(linkify('x https://a.test/"onmouseover="y').find((p) => p.href)?.href, "https://a.test/", "a quote ends the URL");
});

const at = (h: number, m = 0) => new Date(2026, 0, 2, h, m).toISOString();
const msg = (Id: string, who: string, when: string): Item => ({ Id, Type: "MESSAGE", Content: Id, AbsoluteTime: when, ParticipantId: who });

test("rows: date lines per day, runs by sender broken by others, events and pauses", () => {
  const now = new Date(2026, 0, 2, 12);
  const items: Item[] = [
    msg("a1", "cust", new Date(2026, 0, 1, 23, 58).toISOString()),
    msg("a2", "cust", at(0, 1)),
    msg("a3", "cust", at(0, 2)),
    msg("b1", "me", at(0, 3)),
    { Id: "e", Type: "EVENT", AbsoluteTime: at(0, 4), ParticipantId: "sup" },
    msg("b2", "me", at(0, 5)),
    msg("b3", "me", at(0, 30)),
  ];
  const rows = transcriptRows(items, "me", undefined, now);
  assert.deepEqual(
    rows.map((r) => (r.kind === "message" ? `${r.item.Id}${r.first ? "^" : ""}${r.last ? "$" : ""}` : r.kind === "date" ? `[${r.label}]` : r.kind)),
    ["[Yesterday]", "a1^$", "[Today]", "a2^", "a3$", "b1^$", "event", "b2^$", "b3^$"],
  );
});

test("the new-messages marker goes before the first message of the others after what was seen", () => {
  const now = new Date(2026, 0, 2, 12);
  const items = [msg("a", "cust", at(10)), msg("b", "me", at(10, 1)), msg("c", "cust", at(10, 2)), msg("d", "cust", at(10, 3))];
  const kinds = (seen: number | undefined) => transcriptRows(items, "me", seen, now).map((r) => (r.kind === "message" ? r.item.Id : r.kind));
  assert.deepEqual(kinds(Date.parse(at(10, 1))), ["date", "a", "b", "marker", "c", "d"]);
  assert.deepEqual(kinds(Date.parse(at(11))), ["date", "a", "b", "c", "d"], "all seen: no marker");
  assert.deepEqual(kinds(0), ["date", "a", "b", "c", "d"], "never seen (just joined): no marker");
  const rows = transcriptRows(items, "me", Date.parse(at(10, 2)), now);
  const d = rows.find((r) => r.kind === "message" && r.item.Id === "d");
  assert.equal(d?.kind === "message" && d.first, true, "the marker starts a new run");
});

test("day labels", () => {
  const now = new Date(2026, 0, 2, 12);
  assert.equal(dayLabel(new Date(2026, 0, 2, 0, 0), now), "Today");
  assert.equal(dayLabel(new Date(2026, 0, 1, 23, 59), now), "Yesterday");
  assert.equal(dayLabel(new Date(2025, 11, 30), now, "en-GB"), "Tue, 30 Dec 2025");
});

test("reason codes read as words", () => {
  assert.equal(reasonText("CUSTOMER_DISCONNECT"), "Customer disconnected");
  assert.equal(reasonText("API"), "Ended by an agent");
  assert.equal(reasonText("EXPIRED"), "Chat duration ran out");
  assert.equal(reasonText("SOMETHING_NEW"), "Something new");
  assert.equal(reasonText(undefined), undefined);
});
