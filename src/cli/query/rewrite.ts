// The expression as handed to the JS library when it rejects what Python accepts: backtick literals that Python
// read as strings (JEP-12 fallback, e.g. `{]`) become JSON string literals, which both libraries read alike.
import { tokenize } from "./lexer.js";

export function forJsLibrary(expr: string): string {
  const chars = Array.from(expr);
  const literals = tokenize(expr).filter((t) => t.fallback !== undefined);
  for (const t of literals.reverse()) {
    const json = JSON.stringify(t.fallback).replaceAll("`", "\\u0060");
    chars.splice(t.start, t.end! - t.start, "`" + json + "`");
  }
  return chars.join("");
}
