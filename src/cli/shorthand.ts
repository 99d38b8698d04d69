// The AWS CLI's shorthand syntax (`Type=MESSAGE,Content="a, b"`), parsed as awscli/shorthand.py does,
// including its quirks: astral characters end an unquoted value, csv lists backtrack to the last comma,
// and syntax errors print the literal "{self._error_location()}" (an f-string bug in awscli 1.45.11).
// Works on code points so positions and "received" characters match Python's str indexing.
import type { PyValue } from "./py.js";
import { setKey } from "./pyjson.js";

export class ShorthandError extends Error {}

/** Loads `file://`/`fileb://` values for `key@=...`; returns null when the value is not such a reference. */
export type ParamfileLoader = (value: string) => PyValue | null;

const EOF = Symbol("EOF");
const KEY_CHARS = /^[A-Za-z0-9\-_.#/:]$/;
const STRING_WS = new Set([" ", "\t", "\n", "\r", "\x0b", "\x0c"]);

/** Python's Unicode `\s` (and str.isspace for rstrip). */
export function isPyWhitespace(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c === 0x85 || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}
const inRanges = (c: number, ranges: number[]) => {
  for (let i = 0; i < ranges.length; i += 2) if (c >= ranges[i] && c <= ranges[i + 1]) return true;
  return false;
};
// The character classes of awscli's _START_WORD, _FIRST_FOLLOW_CHARS and _SECOND_FOLLOW_CHARS (BMP only).
const START = [0x21, 0x21, 0x23, 0x26, 0x28, 0x2b, 0x2d, 0x3c, 0x3e, 0x5a, 0x5c, 0x7a, 0x7c, 0xffff];
const FIRST_FOLLOW = [0x21, 0x21, 0x23, 0x26, 0x28, 0x2b, 0x2d, 0x5c, 0x5e, 0x7c, 0x7e, 0xffff];
const SECOND_FOLLOW = [0x21, 0x21, 0x23, 0x26, 0x28, 0x2b, 0x2d, 0x3c, 0x3e, 0xffff];
const SINGLE_QUOTED = /^'(?:\\'|[^'])*'/u;
const DOUBLE_QUOTED = /^"(?:\\"|[^"])*"/u;

const rstrip = (s: string) => {
  const cps = Array.from(s);
  while (cps.length && isPyWhitespace(cps[cps.length - 1])) cps.pop();
  return cps.join("");
};

function errorLocation(value: string[], index: number): string {
  let consumed = value.join("");
  let remaining = "";
  let spaces = index;
  const before = value.slice(0, index);
  if (before.includes("\n")) spaces = index - before.lastIndexOf("\n") - 1;
  const after = value.slice(index);
  if (after.includes("\n")) {
    const nl = index + after.indexOf("\n");
    consumed = value.slice(0, nl).join("");
    remaining = value.slice(nl).join("");
  }
  return `${consumed}\n${" ".repeat(spaces)}^${remaining}`;
}

class SyntaxErr extends ShorthandError {
  constructor(expected: string, actual: string) {
    super(`Expected: '${expected}', received: '${actual}' for input:\n{self._error_location()}`);
  }
}

export function parseShorthand(input: string, loadParamfile: ParamfileLoader = () => null): Record<string, PyValue> {
  const v = Array.from(input);
  let i = 0;
  let resolveFiles = false;
  const cur = (): string | typeof EOF => (i < v.length ? v[i] : EOF);
  const atEof = () => i >= v.length;
  const skipWs = () => {
    while (i < v.length && STRING_WS.has(v[i])) i++;
  };
  const expect = (ch: string, ws = false) => {
    if (ws) skipWs();
    if (i >= v.length) throw new SyntaxErr(ch, "EOF");
    if (v[i] !== ch) throw new SyntaxErr(ch, v[i]);
    i++;
    if (ws) skipWs();
  };
  const resolve = (s: string): PyValue => (resolveFiles ? (loadParamfile(s) ?? s) : s);
  // An unquoted value: escaped commas or the start class, then escaped commas or the follow class.
  const scan = (follow: number[]): string | null => {
    const start = i;
    let first = true;
    while (i < v.length) {
      if (v[i] === "\\" && v[i + 1] === ",") i += 2;
      else if (inRanges(v[i].codePointAt(0)!, first ? START : follow) || (!first && isPyWhitespace(v[i]))) i++;
      else break;
      first = false;
    }
    return i === start ? null : v.slice(start, i).join("");
  };
  const quoted = (re: RegExp, q: string): PyValue => {
    const m = re.exec(v.slice(i).join(""));
    if (!m) throw new SyntaxErr(q === "'" ? "<singled quoted>" : "<double quoted>", "<none>");
    i += Array.from(m[0]).length;
    const text = m[0].slice(1, -1).split("\\" + q).join(q).split("\\\\").join("\\");
    return resolve(text);
  };
  const firstValue = (): PyValue => {
    if (cur() === "'") return quoted(SINGLE_QUOTED, "'");
    if (cur() === '"') return quoted(DOUBLE_QUOTED, '"');
    const s = scan(FIRST_FOLLOW);
    return s === null ? "" : resolve(rstrip(s.split("\\,").join(",")));
  };
  const secondValue = (): PyValue => {
    if (cur() === "'") return quoted(SINGLE_QUOTED, "'");
    if (cur() === '"') return quoted(DOUBLE_QUOTED, '"');
    const s = scan(SECOND_FOLLOW);
    if (s === null) throw new SyntaxErr("<second>", "<none>");
    return resolve(rstrip(s.split("\\,").join(",")));
  };
  const key = () => {
    const start = i;
    while (i < v.length && KEY_CHARS.test(v[i])) i++;
    return v.slice(start, i).join("");
  };
  const atSign = () => {
    resolveFiles = false;
    try {
      expect("@", true);
      resolveFiles = true;
    } catch (e) {
      if (!(e instanceof SyntaxErr)) throw e;
    }
    expect("=", true);
  };
  const csvValue = (): PyValue => {
    const first = firstValue();
    skipWs();
    if (atEof() || v[i] !== ",") return first;
    expect(",", true);
    const list: PyValue[] = [first];
    for (;;) {
      try {
        const current = secondValue();
        skipWs();
        if (atEof()) {
          list.push(current);
          break;
        }
        expect(",", true);
        list.push(current);
      } catch (e) {
        if (!(e instanceof SyntaxErr) || atEof()) throw e;
        while (i >= 0 && v[i] !== ",") i--; // backtrack to the comma before the next key
        break;
      }
    }
    return list.length === 1 ? first : list;
  };
  const explicitValue = (): PyValue => (cur() === "[" ? explicitList() : cur() === "{" ? hashLiteral() : firstValue());
  const explicitList = (): PyValue[] => {
    expect("[", true);
    const out: PyValue[] = [];
    while (cur() !== "]") {
      out.push(explicitValue());
      skipWs();
      if (cur() !== "]") {
        expect(",");
        skipWs();
      }
    }
    expect("]");
    return out;
  };
  const hashLiteral = (): Record<string, PyValue> => {
    expect("{", true);
    const out: Record<string, PyValue> = {};
    while (cur() !== "}") {
      const k = key();
      atSign();
      const val = explicitValue();
      skipWs();
      if (cur() !== "}") {
        expect(",");
        skipWs();
      }
      setKey(out, k, val);
    }
    expect("}");
    return out;
  };
  const values = (): PyValue => (atEof() ? "" : cur() === "[" ? explicitList() : cur() === "{" ? hashLiteral() : csvValue());
  const keyval = (): [string, PyValue] => {
    const k = key();
    atSign();
    return [k, values()];
  };

  const params: Record<string, PyValue> = {};
  const [k0, v0] = keyval();
  setKey(params, k0, v0);
  let last = i;
  while (i < v.length) {
    expect(",", true);
    const [k, val] = keyval();
    if (Object.prototype.hasOwnProperty.call(params, k)) {
      throw new ShorthandError(
        `Second instance of key "${k}" encountered for input:\n${errorLocation(v, last + 1)}\n` +
          `This is often because there is a preceding "," instead of a space.`,
      );
    }
    setKey(params, k, val);
    last = i;
  }
  return params;
}
