// Python jmespath's exception classes (exceptions.py), reduced to the text each one's str() produces.
const cpLen = (s: string): number => Array.from(s).length;

/** Any error Python's jmespath.compile raises; `message` is its str(). */
export class JmesError extends Error {}

/** ParseError: `<msg>: Parse error at column N, token "<v>" (<TYPE>), for expression:` plus the underlined expression. */
export function parseError(expr: string, pos: number, value: string, type: string, msg: string): JmesError {
  return new JmesError(
    `${msg}: Parse error at column ${pos}, token "${value}" (${type.toUpperCase()}), for expression:\n"${expr}"\n${" ".repeat(pos + 1)}^`,
  );
}

/** IncompleteExpressionError: the caret sits one past the end of the expression. */
export function incompleteError(expr: string): JmesError {
  return new JmesError(`Invalid jmespath expression: Incomplete expression:\n"${expr}"\n${" ".repeat(cpLen(expr) + 1)}^`);
}

/** LexerError: no quotes around the expression, so the caret is not shifted by one. */
export function lexerError(expr: string, pos: number, message: string): JmesError {
  return new JmesError(`Bad jmespath expression: ${message}:\n${expr}\n${" ".repeat(pos)}^`);
}

export const emptyError = (): JmesError => new JmesError("Invalid JMESPath expression: cannot be empty.");
