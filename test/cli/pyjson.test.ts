// The JSON reader against CPython's json.loads: values (as Python repr) and error texts with positions,
// from fixtures/pyjson.json (scripts/cli-gen-fixtures.py).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { pyRepr } from "../../src/cli/py.js";
import { PyJsonError, pyJsonLoads } from "../../src/cli/pyjson.js";
import fixtures from "./fixtures/pyjson.json" with { type: "json" };

describe("pyJsonLoads matches CPython json.loads", () => {
  for (const f of fixtures as { input: string; repr?: string; error?: string }[]) {
    test(JSON.stringify(f.input), () => {
      let got: { repr: string } | { error: string };
      try {
        got = { repr: pyRepr(pyJsonLoads(f.input)) };
      } catch (e) {
        assert.ok(e instanceof PyJsonError, String(e));
        got = { error: e.message };
      }
      assert.deepEqual(got, f.error !== undefined ? { error: f.error } : { repr: f.repr });
    });
  }
});
