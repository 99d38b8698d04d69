import { test } from "node:test";
import assert from "node:assert/strict";
import { fillPlaceholders, searchReplies, slashQuery, validReply } from "./quick-replies.js";

test("placeholders take the contact's attributes; a missing one stays as written and is named", () => {
  assert.deepEqual(fillPlaceholders("Hi $.Attributes.firstName, order $.Attributes.orderId is on its way.", { firstName: "Dana", orderId: "77" }), { text: "Hi Dana, order 77 is on its way.", missing: [] });
  assert.deepEqual(fillPlaceholders("Hi $.Attributes.firstName!", {}), { text: "Hi $.Attributes.firstName!", missing: ["firstName"] });
  assert.deepEqual(fillPlaceholders("Tier: $.Attributes.loyalty-tier.", { "loyalty-tier": "gold" }).text, "Tier: gold.");
  assert.deepEqual(fillPlaceholders("no placeholders", { a: "b" }), { text: "no placeholders", missing: [] });
  assert.equal(fillPlaceholders("$.Attributes.toString", {}).text, "$.Attributes.toString", "only the contact's own keys");
});

test("the picker opens on a leading slash and searches what follows", () => {
  assert.equal(slashQuery("/"), "");
  assert.equal(slashQuery("/refund"), "refund");
  assert.equal(slashQuery("/late order"), "late order");
  assert.equal(slashQuery("hello /refund"), undefined);
  assert.equal(slashQuery("/path\nnext"), undefined);
  assert.equal(slashQuery(""), undefined);
});

test("search: every word must match; title matches come before text matches", () => {
  const all = [
    { id: "1", title: "Greeting", text: "Hello, how can I help with your refund?" },
    { id: "2", title: "Refund policy", text: "Refunds take 5 days." },
    { id: "3", title: "Goodbye", text: "Thanks for chatting." },
  ];
  assert.deepEqual(searchReplies(all, "refund").map((r) => r.id), ["2", "1"]);
  assert.deepEqual(searchReplies(all, "REFUND days").map((r) => r.id), ["2"]);
  assert.deepEqual(searchReplies(all, "").map((r) => r.id), ["1", "2", "3"]);
  assert.deepEqual(searchReplies(all, "nothing"), []);
});

test("a quick reply needs a title and a text within the reply limit", () => {
  assert.equal(validReply({ title: " ", text: "x" }), "Give it a title.");
  assert.equal(validReply({ title: "t", text: "" }), "Write the reply.");
  assert.equal(validReply({ title: "t", text: "x".repeat(1025) }), "At most 1024 characters.");
  assert.equal(validReply({ title: "t", text: "ok" }), undefined);
  assert.equal(validReply({ title: "t".repeat(101), text: "ok" }), "A title has at most 100 characters.", "the server's Name bound");
  assert.equal(validReply({ title: "t".repeat(100), text: "x".repeat(1024) }), undefined);
});
