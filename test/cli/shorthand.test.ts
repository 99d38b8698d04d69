// The shorthand parser against awscli's own parser: fixtures/shorthand.json was produced by running
// awscli.shorthand on each input (scripts/cli-gen-fixtures.py); plus readable cases for the rules that matter.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { loadLocalParamfile } from "../../src/cli/paramfile.js";
import { parseShorthand, ShorthandError } from "../../src/cli/shorthand.js";
import fixtures from "./fixtures/shorthand.json" with { type: "json" };

const parse = (s: string) => {
  try {
    return { ok: parseShorthand(s) };
  } catch (e) {
    if (e instanceof ShorthandError) return { error: e.message };
    throw e;
  }
};

describe("shorthand parser matches awscli.shorthand", () => {
  for (const f of fixtures as { input: string; ok?: unknown; error?: string }[]) {
    test(JSON.stringify(f.input), () => {
      assert.deepEqual(parse(f.input), f.error !== undefined ? { error: f.error } : { ok: f.ok });
    });
  }
});

describe("shorthand rules", () => {
  test("commas and equals signs inside quotes stay in the value", () => {
    assert.deepEqual(parseShorthand('Type=MESSAGE,Content="a, b = c"'), { Type: "MESSAGE", Content: "a, b = c" });
  });
  test("a csv list backtracks at the next key", () => {
    assert.deepEqual(parseShorthand("a=1,2,b=3"), { a: ["1", "2"], b: "3" });
  });
  test("an unquoted emoji ends the value (astral characters are outside the grammar)", () => {
    assert.throws(() => parseShorthand("Content=hi😀"), { message: "Expected: ',', received: '😀' for input:\n{self._error_location()}" });
  });
  test("quoted emoji and BMP unicode are kept", () => {
    assert.deepEqual(parseShorthand("a='😀',b=中文 é"), { a: "😀", b: "中文 é" });
  });
  test("empty lists and nested maps", () => {
    assert.deepEqual(parseShorthand("a=[],b={c={d=[{e=f}]}}"), { a: [], b: { c: { d: [{ e: "f" }] } } });
  });
  test("a duplicate top-level key shows the caret after the previous pair", () => {
    assert.throws(() => parseShorthand("Type=MESSAGE,Type=EVENT"), {
      message: 'Second instance of key "Type" encountered for input:\nType=MESSAGE,Type=EVENT\n             ^\nThis is often because there is a preceding "," instead of a space.',
    });
  });
  test("key@=file:// loads the file; without @ the text is literal", () => {
    const dir = mkdtempSync(join(tmpdir(), "cc-sh-"));
    writeFileSync(join(dir, "c.txt"), "line1\r\nline2\n");
    const load = (v: string) => loadLocalParamfile(v, { env: {}, cwd: dir });
    assert.deepEqual(parseShorthand("Content@=file://c.txt", load), { Content: "line1\nline2\n" });
    assert.deepEqual(parseShorthand("Content=file://c.txt", load), { Content: "file://c.txt" });
  });
});
