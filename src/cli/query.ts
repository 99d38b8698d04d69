// --query: a port of Python jmespath (query/): the parser validates during global option processing (a bad
// expression fails first, with awscli's text), the interpreter evaluates the response before formatting.
// Evaluation errors (jmespath's and Python's own TypeError/ValueError) print as awscli prints any exception.
import { RuntimeCliError } from "./errors.js";
import type { Ast } from "./query/ast.js";
import { JmesError } from "./query/errors.js";
import { evaluate } from "./query/interpreter.js";
import { parse } from "./query/parser.js";
import { PyError } from "./query/pyops.js";
import type { PyValue } from "./py.js";

const compiled = new Map<string, Ast>();

function compile(expr: string): Ast {
  let ast = compiled.get(expr);
  if (ast === undefined) {
    try {
      ast = parse(expr);
    } catch (e) {
      // awscli: `Bad value for --query <expr>: <str(e)>`
      if (e instanceof JmesError) throw new RuntimeCliError(`Bad value for --query ${expr}: ${e.message}`);
      throw e;
    }
    compiled.set(expr, ast);
  }
  return ast;
}

export async function compileQuery(expr: string): Promise<void> {
  compile(expr);
}

export async function applyQuery(expr: string, value: PyValue): Promise<PyValue> {
  try {
    return evaluate(compile(expr), value);
  } catch (e) {
    if (e instanceof JmesError || e instanceof PyError) throw new RuntimeCliError(e.message);
    throw e;
  }
}
