// Output formatters against awscli's: fixtures/formats.json holds what awscli's text and table formatters and
// its json output printed for each value (scripts/cli-gen-fixtures.py), including unicode widths, empty
// lists, nested maps, None/True and the colour codes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { stringify } from "yaml";
import { formatOutput } from "../../src/cli/output/index.js";
import { formatTable } from "../../src/cli/output/table.js";
import { formatText } from "../../src/cli/output/text.js";
import { floatRepr, PyFloat, pyRepr, textWidth, type PyValue } from "../../src/cli/py.js";
import fixtures from "./fixtures/formats.json" with { type: "json" };

type Fixture = { value: PyValue; text: string | { error: string }; table: string | { error: string }; tableColor: string | { error: string }; json: string };
const outcome = (f: () => string) => {
  try {
    return f();
  } catch (e) {
    return { error: (e as Error).message };
  }
};
// JSON fixtures cannot tell 1.5 (float) from an int; Python floats in them are non-integral, so map back.
const py = (v: any): PyValue =>
  Array.isArray(v) ? v.map(py) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, py(x)])) : typeof v === "number" && !Number.isInteger(v) ? new PyFloat(v) : v;

describe("formatters match awscli", () => {
  for (const f of fixtures as Fixture[]) {
    const name = JSON.stringify(f.value);
    const v = py(f.value);
    test(`text ${name}`, () => assert.deepEqual(outcome(() => formatText(v)), f.text));
    test(`table ${name}`, () => assert.deepEqual(outcome(() => formatTable("SendChatIntegrationEvent", v, { color: false, terminalWidth: 80 })), f.table));
    test(`table --color on ${name}`, () => assert.deepEqual(outcome(() => formatTable("SendChatIntegrationEvent", v, { color: true, terminalWidth: 80 })), f.tableColor));
    test(`json ${name}`, () => assert.equal(formatOutput(v, { format: "json", title: "X", color: false, terminalWidth: 80 }), f.json));
  }
});

describe("Python-isms", () => {
  test("repr of values as Python prints them", () => {
    assert.equal(pyRepr([true, null, "it's", 'a"b', "x\n", 1, new PyFloat(2), { k: [] }]), `[True, None, "it's", 'a"b', 'x\\n', 1, 2.0, {'k': []}]`);
    assert.equal(pyRepr(new Uint8Array([43, 49, 0x27])), `b"+1'"`);
  });
  test("float repr uses Python's exponent style", () => {
    assert.deepEqual([1e16, 1.5, 1e-7, 123456789.125, -0].map(floatRepr), ["1e+16", "1.5", "1e-07", "123456789.125", "-0.0"]);
  });
  test("East-Asian wide and ambiguous characters count two columns", () => {
    assert.equal(textWidth("a中é😀"), 1 + 2 + 2 + 2);
  });
  test("yaml output keeps response order and prints an empty result as {}", () => {
    const o = { format: "yaml", title: "X", color: false, terminalWidth: 80, yamlStringify: stringify };
    assert.equal(formatOutput({ InitialContactId: "abc", NewChatCreated: true }, o), "InitialContactId: abc\nNewChatCreated: true\n");
    assert.equal(formatOutput({}, o), "{}\n");
  });
});
