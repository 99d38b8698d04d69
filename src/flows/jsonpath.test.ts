// JSONPath references of the flow language and the condition operators, as the engine reads them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { lookup, resolveParams, substitute } from "./jsonpath.js";
import { test as holds } from "./engine.js";

const data = { Attributes: { code: "42", "first-name": "Ann" }, External: { order: { id: "o-1" }, n: 3 }, Channel: "CHAT", SegmentAttributes: { "connect:Subtype": "connect:SMS" } };

test("references as whole values and embedded in text; a reference to nothing reads as empty", () => {
  assert.equal(lookup("$.Attributes.code", data), "42");
  assert.equal(lookup("$.External.order.id", data), "o-1");
  assert.equal(lookup("$.SegmentAttributes['connect:Subtype']", data), "connect:SMS");
  assert.equal(lookup("$.Attributes.missing", data), undefined);
  assert.equal(lookup("$.Attributes.__proto__", data), undefined, "only own members");
  assert.equal(substitute("your code is $.Attributes.code.", data), "your code is 42.");
  assert.equal(substitute("Hi $.Attributes.first-name on $.Channel, $.External.n items, $.Nothing.here", data), "Hi Ann on CHAT, 3 items, ");
  assert.equal(substitute("costs $5 or $.", data), "costs $5 or $.", "a lone $ is text");
  assert.deepEqual(resolveParams({ Attributes: { a: "$.Attributes.code", b: "static" }, n: 5 }, data), { Attributes: { a: "42", b: "static" }, n: 5 });
});

test("condition operators: text as written, numbers as numbers (not a number: false)", () => {
  assert.ok(holds("Equals", "sales", "sales"));
  assert.ok(!holds("Equals", "Sales", "sales"));
  assert.ok(holds("Equals", "1.0", "1"), "numbers compare as numbers");
  assert.ok(holds("TextContains", "I need support", "support"));
  assert.ok(holds("TextStartsWith", "A-123", "A"));
  assert.ok(holds("TextEndsWith", "A-123", "23"));
  assert.ok(holds("NumberGreaterThan", "5", "3") && !holds("NumberGreaterThan", "3", "3"));
  assert.ok(holds("NumberLessThan", "2", "3"));
  assert.ok(holds("NumberGreaterOrEqualTo", "3", "3") && holds("NumberLessOrEqualTo", "3", "3"));
  assert.ok(!holds("NumberGreaterThan", "abc", "1") && !holds("NumberLessThan", "", "1"));
});
