import { test } from "node:test";
import assert from "node:assert/strict";
import { faviconFor, increases, loadPrefs, titleFor } from "./notify.js";

test("the title carries the unread count", () => {
  assert.equal(titleFor(0), "connect-chat · Agent console");
  assert.equal(titleFor(3), "(3) connect-chat · Agent console");
  assert.equal(titleFor(250), "(99+) connect-chat · Agent console");
});

test("the favicon gets a badge with the count", () => {
  const svg = (n: number) => decodeURIComponent(faviconFor(n).replace("data:image/svg+xml,", ""));
  assert.doesNotMatch(svg(0), /<circle/);
  assert.match(svg(4), /<circle[^>]*\/><text[^>]*>4<\/text>/);
  assert.match(svg(12), />9\+<\/text>/);
});

test("increases lists the chats whose count went up, by how much", () => {
  assert.deepEqual(increases(new Map([["a", 1], ["b", 2]]), new Map([["a", 3], ["b", 0], ["c", 1]])), [["a", 2], ["c", 1]]);
  assert.deepEqual(increases(new Map([["a", 1]]), new Map([["a", 1]])), []);
});

test("preferences: sound on and desktop off unless chosen", () => {
  assert.deepEqual(loadPrefs({ getItem: () => null }), { sound: true, desktop: false });
  assert.deepEqual(loadPrefs({ getItem: () => '{"sound":false,"desktop":true}' }), { sound: false, desktop: true });
  assert.deepEqual(loadPrefs({ getItem: () => "nonsense{" }), { sound: true, desktop: false });
});
