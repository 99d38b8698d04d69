// --query: validated during global option processing by a port of Python jmespath's parser (query/, so a bad
// expression fails first with awscli's text), then evaluated with the jmespath package before formatting.
import { RuntimeCliError } from "./errors.js";
import { pythonCompileError } from "./query/parser.js";
import { forJsLibrary } from "./query/rewrite.js";
import type { PyValue } from "./py.js";

type Jmespath = typeof import("jmespath");
let lib: Jmespath | undefined;

async function load(): Promise<Jmespath> {
  lib ??= ((await import("jmespath")) as unknown as { default?: Jmespath }).default ?? ((await import("jmespath")) as unknown as Jmespath);
  return lib;
}

export async function compileQuery(expr: string): Promise<void> {
  // Python jmespath's parser decides validity and wording (awscli: `Bad value for --query <expr>: <str(e)>`).
  const pyError = pythonCompileError(expr);
  if (pyError !== undefined) throw new RuntimeCliError(`Bad value for --query ${expr}: ${pyError}`);
  const j = await load();
  try {
    jsExpression(j, expr);
  } catch (e) {
    throw new RuntimeCliError(`Bad value for --query ${expr}: ${pythonJmespathError(expr, (e as Error).message)}`);
  }
}

export async function applyQuery(expr: string, value: PyValue): Promise<PyValue> {
  const j = await load();
  return j.search(value, jsExpression(j, expr)) as PyValue;
}

/** The expression the JS library compiles: as given, or with Python's string-fallback literals spelled as JSON. */
function jsExpression(j: Jmespath, expr: string): string {
  const compile = (j as unknown as { compile: (e: string) => unknown }).compile;
  try {
    compile(expr);
    return expr;
  } catch (e) {
    let rewritten: string;
    try {
      rewritten = forJsLibrary(expr);
      compile(rewritten);
    } catch {
      throw e;
    }
    return rewritten;
  }
}

/** Only for expressions Python accepts but the JS library rejects: the nearest Python-style wording. */
function pythonJmespathError(expr: string, jsMessage: string): string {
  if (/EOF/.test(jsMessage)) {
    return `Invalid jmespath expression: Incomplete expression:\n"${expr}"\n${" ".repeat(Array.from(expr).length + 1)}^`;
  }
  return `Invalid jmespath expression: ${jsMessage}`;
}
