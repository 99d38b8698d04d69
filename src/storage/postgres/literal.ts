// Values written into SQL text as quoted literals (first-statement.ts, deferred-appends.ts, notify.ts): the same
// text pg's escapeLiteral writes, built without its loop. That loop appends one character at a time, which for a
// message's JSON body cost ~2 µs and left a string of a few hundred pieces for the socket write to flatten — paid
// several times a MESSAGE (issue 20). Most values hold neither a quote nor a backslash and are wrapped as they are.
const SPECIAL = /['\\]/;

/** `s` as a standard-conforming string literal: quotes doubled; with a backslash, an E'' literal with it doubled. */
export function quoteLiteral(s: string): string {
  if (!SPECIAL.test(s)) return `'${s}'`;
  const quoted = s.replace(/'/g, "''");
  // The leading space is pg's: it keeps the E apart from a preceding identifier character.
  return s.includes("\\") ? ` E'${quoted.replace(/\\/g, "\\\\")}'` : `'${quoted}'`;
}
