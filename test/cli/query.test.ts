// The --query validator (src/cli/query/, a port of Python jmespath's lexer and parser) against awscli itself:
// fixtures/query.json holds what awscli's --query handling raised for each expression (scripts/cli-gen-query-fixtures.py).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CliError } from "../../src/cli/errors.js";
import { compileQuery } from "../../src/cli/query.js";
import { pythonCompileError } from "../../src/cli/query/parser.js";
import fixtures from "./fixtures/query.json" with { type: "json" };

const cases = fixtures as { expression: string; error: string | null }[];

describe("--query validation matches awscli + Python jmespath", () => {
  for (const f of cases) {
    test(JSON.stringify(f.expression), () => {
      const err = pythonCompileError(f.expression);
      assert.equal(err === undefined ? null : `Bad value for --query ${f.expression}: ${err}`, f.error);
    });
  }
});

describe("compileQuery", () => {
  test("valid expressions compile", async () => {
    for (const f of cases.filter((c) => c.error === null)) await compileQuery(f.expression);
  });
  test("invalid expressions fail with awscli's text and exit code 255", async () => {
    for (const f of cases.filter((c) => c.error !== null)) {
      await assert.rejects(compileQuery(f.expression), (e: unknown) => {
        assert.ok(e instanceof CliError);
        assert.equal(e.exitCode, 255);
        assert.equal(e.render(), `\n${f.error}\n`);
        return true;
      });
    }
  });
});

describe("JEP-12 string fallback literals", () => {
  test("are evaluated as Python reads them", async () => {
    const { applyQuery } = await import("../../src/cli/query.js");
    await compileQuery("a[?b==`{]`].c");
    assert.deepEqual(await applyQuery("a[?b==`{]`].c", { a: [{ b: "{]", c: 1 }, { b: "x", c: 2 }] }), [1]);
    assert.equal(await applyQuery("`  [1, 2`", {}), "[1, 2");
    assert.equal(await applyQuery("`{a\\`b`", {}), "{a`b");
  });
});
