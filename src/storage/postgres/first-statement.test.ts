import { test } from "node:test";
import assert from "node:assert/strict";
import { inlined } from "./first-statement.js";

test("inlined: a text split once is filled with each call's own values, in the order of its $n, repeats included", () => {
  const text = "SELECT f($2, $1, $2, $10)";
  const values = (k: number) => [`a${k}`, `it's ${k}`, 3, 4, 5, 6, 7, 8, 9, k % 2 === 0];
  for (let k = 0; k < 3; k++) assert.equal(inlined({ text, values: values(k) }), `SELECT f('it''s ${k}', 'a${k}', 'it''s ${k}', '${k % 2 === 0}')`);
  // A $n with no value, $0, and values that are not scalars leave the statement to the extended protocol.
  assert.equal(inlined({ text: "SELECT $0", values: ["x"] }), undefined);
  assert.equal(inlined({ text, values: ["only one"] }), undefined);
  assert.equal(inlined({ text: "SELECT $1", values: [{ a: 1 }] }), undefined);
  assert.equal(inlined({ text: "SELECT $1", values: [Number.NaN] }), undefined);
  assert.equal(inlined({ text: "SELECT $$x$$ || $1", values: ["y"] }), undefined);
  assert.equal(inlined({ text: "SELECT 1" }), "SELECT 1");
});

test("inlined: texts built at run time are still written right once the split cache is full", () => {
  for (let i = 0; i < 1500; i++) assert.equal(inlined({ text: `SELECT ${i}, $1`, values: [`v${i}`] }), `SELECT ${i}, 'v${i}'`);
  assert.equal(inlined({ text: "SELECT $1 || $1", values: ["late"] }), "SELECT 'late' || 'late'");
});
