// --query: JMESPath through the jmespath package, compiled during global option processing (as the AWS CLI
// does, so a bad expression fails first) and applied to the result before formatting.
import { RuntimeCliError } from "./errors.js";
import type { PyValue } from "./py.js";

type Jmespath = typeof import("jmespath");
let lib: Jmespath | undefined;

async function load(): Promise<Jmespath> {
  lib ??= ((await import("jmespath")) as unknown as { default?: Jmespath }).default ?? ((await import("jmespath")) as unknown as Jmespath);
  return lib;
}

export async function compileQuery(expr: string): Promise<void> {
  const j = await load();
  try {
    (j as unknown as { compile: (e: string) => unknown }).compile(expr);
  } catch (e) {
    throw new RuntimeCliError(`Bad value for --query ${expr}: ${pythonJmespathError(expr, (e as Error).message)}`);
  }
}

export async function applyQuery(expr: string, value: PyValue): Promise<PyValue> {
  const j = await load();
  return j.search(value, expr) as PyValue;
}

/** Python jmespath's wording where we can tell the kind of error (the JS library's positions are not exposed). */
function pythonJmespathError(expr: string, jsMessage: string): string {
  if (/EOF/.test(jsMessage)) {
    return `Invalid jmespath expression: Incomplete expression:\n"${expr}"\n${" ".repeat(Array.from(expr).length + 1)}^`;
  }
  return `Invalid jmespath expression: ${jsMessage}`;
}
