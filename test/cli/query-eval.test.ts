// --query evaluation (src/cli/query/interpreter.ts, functions.ts) against awscli + Python jmespath:
// fixtures/query-eval.json holds what awscli printed (JSON output or the exception text, exit code) for each
// expression applied to one response document (scripts/cli-gen-eval-fixtures.py).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CliError } from "../../src/cli/errors.js";
import { formatOutput, PartialOutputError } from "../../src/cli/output/index.js";
import { pyJsonLoads } from "../../src/cli/pyjson.js";
import { applyQuery, compileQuery } from "../../src/cli/query.js";
import fixtures from "./fixtures/query-eval.json" with { type: "json" };

interface Case {
  expression: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Python prints objects with their (varying) address. */
const ADDRESS = / object at 0x[0-9a-f]+>/g;

/** What our CLI prints for the query on the document, as main() + run.ts would. */
async function ours(expr: string): Promise<Omit<Case, "expression">> {
  let stdout = "";
  try {
    await compileQuery(expr);
    const result = await applyQuery(expr, pyJsonLoads(fixtures.document, false, true));
    stdout = formatOutput(result, { format: "json", title: "SendChatIntegrationEvent", color: false, terminalWidth: 80 });
    return { stdout: stdout.replace(ADDRESS, " object at 0x...>"), stderr: "", exitCode: 0 };
  } catch (e) {
    if (e instanceof PartialOutputError) stdout = e.stdout;
    if (!(e instanceof CliError)) throw e;
    return { stdout, stderr: e.render().replace(ADDRESS, " object at 0x...>"), exitCode: e.exitCode };
  }
}

describe("--query evaluation matches awscli + Python jmespath", () => {
  for (const c of fixtures.cases as Case[]) {
    test(c.expression, async () => {
      const { expression, ...want } = c;
      assert.deepEqual(await ours(expression), want);
    });
  }
});
