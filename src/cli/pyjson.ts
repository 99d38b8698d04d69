// A JSON reader that behaves like CPython's json.loads: same accepted syntax (NaN, Infinity, duplicate keys
// keep the last value), ints vs floats kept apart, and the same error texts and positions (code points).
import { ORDERED, PyFloat, type PyValue } from "./py.js";

export class PyJsonError extends Error {}

// json.decoder's module constants: every NaN it parses is one float object (so `[NaN] == [NaN]` holds by identity).
const NAN = new PyFloat(NaN);
const POS_INF = new PyFloat(Infinity);
const NEG_INF = new PyFloat(-Infinity);

const WS = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /^(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?/;

/** `bigInts`: integers past 2^53 stay exact (bigint), as Python's unbounded ints do. */
export function pyJsonLoads(text: string, ordered = false, bigInts = false): PyValue {
  const s = Array.from(text);
  const fail = (msg: string, pos: number): never => {
    const before = s.slice(0, pos);
    const line = before.filter((c) => c === "\n").length + 1;
    const col = pos - before.lastIndexOf("\n");
    throw new PyJsonError(`${msg}: line ${line} column ${col} (char ${pos})`);
  };
  const skip = (i: number) => {
    while (i < s.length && WS.has(s[i])) i++;
    return i;
  };
  const str = (start: number): [string, number] => {
    let out = "";
    let i = start + 1;
    for (;;) {
      if (i >= s.length) fail("Unterminated string starting at", start);
      const c = s[i];
      if (c === '"') return [out, i + 1];
      if (c === "\\") {
        if (i + 1 >= s.length) fail("Unterminated string starting at", start);
        const e = s[i + 1];
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === "u") {
          const hex = s.slice(i + 2, i + 6).join("");
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("Invalid \\uXXXX escape", i + 1);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else fail("Invalid \\escape", i);
      } else if (c.codePointAt(0)! < 0x20) {
        fail("Invalid control character at", i);
      } else {
        out += c;
        i++;
      }
    }
  };
  const value = (i: number): [PyValue, number] => {
    const c = s[i];
    if (c === '"') return str(i);
    if (c === "{") return object(i + 1);
    if (c === "[") return array(i + 1);
    const rest = () => s.slice(i, i + 9).join("");
    if (c === "n" && rest().startsWith("null")) return [null, i + 4];
    if (c === "t" && rest().startsWith("true")) return [true, i + 4];
    if (c === "f" && rest().startsWith("false")) return [false, i + 5];
    if (c === "N" && rest().startsWith("NaN")) return [NAN, i + 3];
    if (c === "I" && rest().startsWith("Infinity")) return [POS_INF, i + 8];
    if (c === "-" && rest().startsWith("-Infinity")) return [NEG_INF, i + 9];
    const m = NUMBER.exec(s.slice(i, i + 400).join(""));
    if (m) {
      const isFloat = m[2] !== undefined || m[3] !== undefined;
      const n = Number(m[0]);
      const int = bigInts && !isFloat && !Number.isSafeInteger(n) ? BigInt(m[0]) : n;
      return [isFloat ? new PyFloat(n) : int, i + m[0].length];
    }
    return fail("Expecting value", i);
  };
  const object = (i: number): [PyValue, number] => {
    const out: Record<string, PyValue> = {};
    if (ordered) ORDERED.add(out);
    i = skip(i);
    if (s[i] === "}") return [out, i + 1];
    for (;;) {
      if (s[i] !== '"') fail("Expecting property name enclosed in double quotes", i);
      const [key, afterKey] = str(i);
      i = skip(afterKey);
      if (s[i] !== ":") fail("Expecting ':' delimiter", i);
      i = skip(i + 1);
      const [v, afterValue] = value(i);
      setKey(out, key, v);
      i = skip(afterValue);
      if (s[i] === "}") return [out, i + 1];
      if (s[i] !== ",") fail("Expecting ',' delimiter", i);
      i = skip(i + 1);
    }
  };
  const array = (i: number): [PyValue, number] => {
    const out: PyValue[] = [];
    i = skip(i);
    if (s[i] === "]") return [out, i + 1];
    for (;;) {
      const [v, after] = value(i);
      out.push(v);
      i = skip(after);
      if (s[i] === "]") return [out, i + 1];
      if (s[i] !== ",") fail("Expecting ',' delimiter", i);
      i = skip(i + 1);
    }
  };
  const [v, end] = value(skip(0));
  const tail = skip(end);
  if (tail !== s.length) fail("Extra data", tail);
  return v;
}

/** Sets a key as Python's dict would, including "__proto__" (which a plain assignment would not store). */
export function setKey(obj: Record<string, PyValue>, key: string, v: PyValue): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[key] = v;
}
