// Python-isms the AWS CLI prints and a byte-exact clone must reproduce: str()/repr() of values, json.dumps
// styles, code-point string order, and the display width awscli's table measures (East-Asian-Width W/F/A = 2).
import { WIDE_RANGES } from "./data/eaw.js";


/** A JSON number that Python parsed as a float (`5.0`, `1e3`): it prints and type-checks as <class 'float'>. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** A Python object JSON cannot hold (jmespath's `&expr` reference): str() is its repr, json.dumps fails. */
export class PyOpaque {
  constructor(readonly repr: string, readonly typeName: string) {}
}

/** A value as the AWS CLI holds it: Python scalars (ints past 2^53 as bigint), lists, insertion-ordered dicts, bytes. */
export type PyValue =
  | string | number | bigint | boolean | null | PyFloat | PyOpaque | Uint8Array | PyValue[] | { [k: string]: PyValue };

/** Dicts parsed with object_pairs_hook=OrderedDict (argument JSON): Python prints them as OrderedDict. */
export const ORDERED = new WeakSet<object>();

export const isDict = (v: unknown): v is Record<string, PyValue> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof PyFloat) && !(v instanceof Uint8Array) && !(v instanceof PyOpaque);

/** Python's repr of a float: shortest round-trip digits, `1e+16` style exponents, `.0` for integral values. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(x);
  if (abs >= 1e16 || abs < 1e-4) {
    const [m, e] = x.toExponential().split("e");
    const exp = Number(e);
    return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  const s = String(x);
  return s.includes(".") ? s : `${s}.0`;
}

/** Python repr() of a str: single quotes unless the text has ' and no ", escapes for \\, quotes, controls. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp >= 0x80 && cp <= 0xa0) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp === 0xad) out += "\\xad";
    else if (cp >= 0xd800 && cp <= 0xdfff) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + quote;
}

export function bytesRepr(b: Uint8Array): string {
  let body = "";
  const hasSingle = b.includes(0x27);
  const quote = hasSingle && !b.includes(0x22) ? '"' : "'";
  for (const c of b) {
    if (c === 0x5c) body += "\\\\";
    else if (c === quote.charCodeAt(0)) body += "\\" + quote;
    else if (c === 0x0a) body += "\\n";
    else if (c === 0x0d) body += "\\r";
    else if (c === 0x09) body += "\\t";
    else if (c < 0x20 || c >= 0x7f) body += "\\x" + c.toString(16).padStart(2, "0");
    else body += String.fromCharCode(c);
  }
  return `b${quote}${body}${quote}`;
}

/** Python repr() of a value. */
export function pyRepr(v: PyValue | undefined): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : floatRepr(v);
  if (typeof v === "bigint") return v.toString();
  if (v instanceof PyFloat) return floatRepr(v.value);
  if (v instanceof PyOpaque) return v.repr;
  if (typeof v === "string") return strRepr(v);
  if (v instanceof Uint8Array) return bytesRepr(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  if (ORDERED.has(v)) {
    const items = Object.entries(v).map(([k, x]) => `(${strRepr(k)}, ${pyRepr(x)})`);
    return items.length ? `OrderedDict([${items.join(", ")}])` : "OrderedDict()";
  }
  return `{${Object.entries(v).map(([k, x]) => `${strRepr(k)}: ${pyRepr(x)}`).join(", ")}}`;
}

/** Python str() of a value: like repr() except that a top-level str is itself. */
export const pyStr = (v: PyValue | undefined): string => (typeof v === "string" ? v : pyRepr(v));

/** type(v).__name__. */
export function typeName(v: PyValue | undefined): string {
  if (v === null || v === undefined) return "NoneType";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "bigint") return "int";
  if (v instanceof PyFloat) return "float";
  if (typeof v === "string") return "str";
  if (v instanceof Uint8Array) return "bytes";
  if (Array.isArray(v)) return "list";
  if (v instanceof PyOpaque) return v.typeName;
  return ORDERED.has(v) ? "OrderedDict" : "dict";
}

/** Python's `type()` text for validation messages: the class with its module where it is not a builtin. */
export function pyTypeName(v: PyValue | undefined): string {
  const name = typeName(v);
  return `<class '${name === "OrderedDict" ? "collections.OrderedDict" : name}'>`;
}

/** Compares strings by code point, as Python's sorted() does (JS compares UTF-16 units). */
export function cpCompare(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

export const jsonString = (s: string, asciiOnly: boolean): string => {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20 || (asciiOnly && c > 0x7e)) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
};

/** Stands for a value json.dump cannot encode; NUL never appears raw in encoded JSON. */
const OPAQUE = "\u0000opaque\u0000";
let opaqueMarker = false;

/**
 * json.dump(v, stream, indent=4) as awscli calls it: chunks reach the stream as they are encoded, so a value the
 * encoder rejects leaves everything before it written. Returns that prefix and whether encoding stopped there.
 */
export function pyJsonDumpStream(v: PyValue, indent: number, asciiOnly: boolean): { text: string; failed: boolean } {
  opaqueMarker = true;
  try {
    const text = pyJsonDumps(v, indent, asciiOnly);
    const at = text.indexOf(OPAQUE);
    return at < 0 ? { text, failed: false } : { text: text.slice(0, at), failed: true };
  } finally {
    opaqueMarker = false;
  }
}

/** Python json.dumps(v, indent=indent, ensure_ascii=asciiOnly); indent undefined = one line with ", " / ": ". */
export function pyJsonDumps(v: PyValue | undefined, indent?: number, asciiOnly = true, level = 0): string {
  if (v === null || v === undefined) return "null";
  if (v === true) return "true";
  if (v === false) return "false";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : jsonFloat(v);
  if (typeof v === "bigint") return v.toString();
  if (v instanceof PyFloat) return jsonFloat(v.value);
  if (typeof v === "string") return jsonString(v, asciiOnly);
  if (v instanceof Uint8Array) throw new TypeError("Object of type bytes is not JSON serializable");
  if (v instanceof PyOpaque) {
    if (opaqueMarker) return OPAQUE;
    throw new TypeError("Encountered unrecognized type in JSON encoder.");
  }
  const entries: [string | null, PyValue][] = Array.isArray(v) ? v.map((x) => [null, x]) : Object.entries(v);
  const [open, close] = Array.isArray(v) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) return open + close;
  const item = ([k, x]: [string | null, PyValue]) =>
    (k === null ? "" : jsonString(k, asciiOnly) + ": ") + pyJsonDumps(x, indent, asciiOnly, level + 1);
  if (indent === undefined) return open + entries.map(item).join(", ") + close;
  const pad = "\n" + " ".repeat(indent * (level + 1));
  return open + pad + entries.map(item).join("," + pad) + "\n" + " ".repeat(indent * level) + close;
}

export const jsonFloat = (x: number): string =>
  Number.isNaN(x) ? "NaN" : !Number.isFinite(x) ? (x > 0 ? "Infinity" : "-Infinity") : floatRepr(x);

/** Display width as awscli's table computes it. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return w;
}

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE_RANGES.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < WIDE_RANGES[mid * 2]) hi = mid - 1;
    else if (cp > WIDE_RANGES[mid * 2 + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Python's truthiness (table output prints nothing for a falsy result). */
export const pyTruthy = (v: PyValue | undefined): boolean =>
  !(v === null || v === undefined || v === false || v === 0 || v === 0n || v === "" ||
    (v instanceof PyFloat && v.value === 0) || (Array.isArray(v) && v.length === 0) ||
    (isDict(v) && Object.keys(v).length === 0));
