// Port of Python jmespath's functions.py: the built-in functions, their signatures and argument checks, with
// the exact texts of ArityError, VariadictArityError, JMESPathTypeError and UnknownFunctionError.
import { isDict, jsonFloat, jsonString, PyFloat, PyOpaque, pyStr, pyRepr, type PyValue } from "../py.js";
import { setKey } from "../pyjson.js";
import { JmesError } from "./errors.js";
import { float, int, isInt, isNumber, PyError, pyEq, pyMinMax, pySorted, toDouble, typeName } from "./pyops.js";

/** An `&expr` value: callable by map/sort_by/min_by/max_by, printed as Python prints the object. */
export class Expref extends PyOpaque {
  constructor(readonly call: (v: PyValue) => PyValue) {
    super("<jmespath.visitor._Expression object at 0x7f3a5c1e2d10>", "_Expression");
  }
}

const TYPES_MAP: Record<string, string> = {
  bool: "boolean", list: "array", dict: "object", NoneType: "null", str: "string", float: "number", int: "number",
  OrderedDict: "object", _Expression: "expref",
};
const REVERSE: Record<string, string[]> = {
  boolean: ["bool"], array: ["list", "_Projection"], object: ["dict", "OrderedDict"], null: ["NoneType"],
  string: ["unicode", "str"], number: ["float", "int", "long"], expref: ["_Expression"],
};
const jmesType = (pyName: string) => TYPES_MAP[pyName] ?? "unknown";
const listRepr = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(", ")}]`;

const typeError = (fn: string, value: PyValue, actual: string, expected: string[]) =>
  new JmesError(`In function ${fn}(), invalid type for value: ${pyStr(value)}, expected one of: ${listRepr(expected)}, received: "${actual}"`);
const plural = (n: number) => (n === 1 ? "argument" : "arguments");

interface Spec {
  types: string[][];
  variadic?: boolean;
  fn: (...args: PyValue[]) => PyValue;
}

function checkType(fn: string, value: PyValue, types: string[]): void {
  const allowed: string[] = [];
  const subtypes: string[][] = [];
  for (const t of types) {
    const [type, sub] = t.split("-", 2);
    if (sub !== undefined) subtypes.push(REVERSE[sub]);
    allowed.push(...REVERSE[type]);
  }
  const actual = typeName(value);
  if (!allowed.includes(actual)) throw typeError(fn, value, jmesType(actual), types);
  if (subtypes.length === 0) return;
  const list = value as PyValue[];
  let want = subtypes[0];
  if (subtypes.length > 1) {
    if (list.length === 0) return;
    const first = typeName(list[0]);
    const found = subtypes.find((s) => s.includes(first));
    if (!found) throw typeError(fn, list[0], first, types);
    want = found;
  }
  for (const el of list) if (!want.includes(typeName(el))) throw typeError(fn, el, typeName(el), types);
}

/** A key function for sort_by/min_by/max_by: the expref's result, which must be of one of `allowed` types. */
const keyFunc = (e: Expref, allowed: string[], fn: string) => (x: PyValue): PyValue => {
  const r = e.call(x);
  const t = jmesType(typeName(r));
  if (!allowed.includes(t)) throw typeError(fn, r, t, allowed);
  return r;
};

function sum(xs: PyValue[]): number | bigint | PyFloat {
  let i = 0n;
  let f: number | undefined;
  for (const x of xs) {
    if (f === undefined && isInt(x)) i += BigInt(x);
    else f = (f ?? Number(i)) + toDouble(x);
  }
  return f === undefined ? int(i) : float(f);
}

function toInteger(x: number): number | bigint {
  if (Number.isNaN(x)) throw new PyError("cannot convert float NaN to integer");
  if (!Number.isFinite(x)) throw new PyError("cannot convert float infinity to integer");
  return Number.isSafeInteger(x) ? x : BigInt(x);
}

const PY_SPACE = "[\\s\\x1c-\\x1f\\x85]*";
const DIGITS = "[0-9](?:_?[0-9])*";
const INT_RE = new RegExp(`^${PY_SPACE}([+-]?${DIGITS})${PY_SPACE}$`, "u");
const FLOAT_RE = new RegExp(`^${PY_SPACE}([+-]?(?:(?:${DIGITS})?\\.${DIGITS}|${DIGITS}\\.?)(?:[eE][+-]?${DIGITS})?)${PY_SPACE}$`, "u");
const SPECIAL_RE = new RegExp(`^${PY_SPACE}([+-]?)(inf|infinity|nan)${PY_SPACE}$`, "iu");

/** int(s), else float(s), else None (ASCII digits only). */
function stringToNumber(s: string): PyValue {
  const i = INT_RE.exec(s);
  if (i) return int(BigInt(i[1].replaceAll("_", "")));
  const f = FLOAT_RE.exec(s);
  if (f) return float(Number(f[1].replaceAll("_", "")));
  const sp = SPECIAL_RE.exec(s);
  if (sp) return float(sp[2].toLowerCase() === "nan" ? NaN : sp[1] === "-" ? -Infinity : Infinity);
  return null;
}

/** json.dumps(v, separators=(',', ':'), default=str). */
function compactJson(v: PyValue): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return String(v);
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : jsonFloat(v);
  if (typeof v === "bigint") return v.toString();
  if (v instanceof PyFloat) return jsonFloat(v.value);
  if (typeof v === "string") return jsonString(v, true);
  if (v instanceof PyOpaque || v instanceof Uint8Array) return jsonString(pyRepr(v), true);
  if (Array.isArray(v)) return `[${v.map(compactJson).join(",")}]`;
  return `{${Object.entries(v).map(([k, x]) => `${jsonString(k, true)}:${compactJson(x)}`).join(",")}}`;
}

/** dict.update(arg) for merge()'s unchecked extra arguments: mappings, or iterables of key/value pairs. */
function update(into: Record<string, PyValue>, arg: PyValue): void {
  if (isDict(arg)) {
    for (const [k, v] of Object.entries(arg)) setKey(into, k, v);
    return;
  }
  if (typeof arg !== "string" && !Array.isArray(arg)) throw new PyError(`'${typeName(arg)}' object is not iterable`);
  Array.from(arg).forEach((el: PyValue, n) => {
    const pair = typeof el === "string" ? Array.from(el) : Array.isArray(el) ? el : isDict(el) ? Object.keys(el) : undefined;
    if (pair === undefined) throw new PyError(`cannot convert dictionary update sequence element #${n} to a sequence`);
    if (pair.length !== 2) throw new PyError(`dictionary update sequence element #${n} has length ${pair.length}; 2 is required`);
    const k = pair[0];
    if (Array.isArray(k) || isDict(k)) throw new PyError(`unhashable type: '${typeName(k)}'`);
    setKey(into, typeof k === "string" ? k : compactJson(k), pair[1]);
  });
}

const num = ["number"];
const FUNCTIONS: Record<string, Spec> = {
  abs: { types: [num], fn: (x) => (isInt(x) ? (typeof x === "bigint" ? (x < 0n ? -x : x) : Math.abs(x)) : float(Math.abs(toDouble(x)))) },
  avg: { types: [["array-number"]], fn: (a) => {
    const xs = a as PyValue[];
    return xs.length ? float(toDouble(sum(xs)) / xs.length) : null;
  } },
  not_null: { types: [[]], variadic: true, fn: (...args) => args.find((a) => a !== null) ?? null },
  to_array: { types: [[]], fn: (x) => (Array.isArray(x) ? x : [x]) },
  to_string: { types: [[]], fn: (x) => (typeof x === "string" ? x : compactJson(x)) },
  to_number: { types: [[]], fn: (x) => {
    if (x === null || typeof x === "boolean" || Array.isArray(x) || isDict(x)) return null;
    if (isNumber(x)) return x;
    if (typeof x === "string") return stringToNumber(x);
    throw new PyError(`int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
  } },
  contains: { types: [["array", "string"], []], fn: (subject, search) => {
    if (typeof subject === "string") {
      if (typeof search !== "string") throw new PyError(`'in <string>' requires string as left operand, not ${typeName(search)}`);
      return subject.includes(search);
    }
    return (subject as PyValue[]).some((x) => pyEq(x, search, true));
  } },
  length: { types: [["string", "array", "object"]], fn: (x) => (typeof x === "string" ? Array.from(x).length : Array.isArray(x) ? x.length : Object.keys(x as object).length) },
  ends_with: { types: [["string"], ["string"]], fn: (s, suffix) => (s as string).endsWith(suffix as string) },
  starts_with: { types: [["string"], ["string"]], fn: (s, prefix) => (s as string).startsWith(prefix as string) },
  reverse: { types: [["array", "string"]], fn: (x) => (typeof x === "string" ? Array.from(x).reverse().join("") : (x as PyValue[]).slice().reverse()) },
  ceil: { types: [num], fn: (x) => (isInt(x) ? x : toInteger(Math.ceil(toDouble(x)))) },
  floor: { types: [num], fn: (x) => (isInt(x) ? x : toInteger(Math.floor(toDouble(x)))) },
  join: { types: [["string"], ["array-string"]], fn: (sep, a) => (a as string[]).join(sep as string) },
  map: { types: [["expref"], ["array"]], fn: (e, a) => (a as PyValue[]).map((x) => (e as Expref).call(x)) },
  max: { types: [["array-number", "array-string"]], fn: (a) => ((a as PyValue[]).length ? pyMinMax(a as PyValue[], "gt", (x) => x) : null) },
  min: { types: [["array-number", "array-string"]], fn: (a) => ((a as PyValue[]).length ? pyMinMax(a as PyValue[], "lt", (x) => x) : null) },
  merge: { types: [["object"]], variadic: true, fn: (...args) => {
    const merged: Record<string, PyValue> = {};
    for (const a of args) update(merged, a);
    return merged;
  } },
  sort: { types: [["array-string", "array-number"]], fn: (a) => pySorted(a as PyValue[], (x) => x) },
  sum: { types: [["array-number"]], fn: (a) => sum(a as PyValue[]) },
  keys: { types: [["object"]], fn: (o) => Object.keys(o as object) },
  values: { types: [["object"]], fn: (o) => Object.values(o as object) },
  type: { types: [[]], fn: (x) => {
    const t = jmesType(typeName(x));
    return t === "expref" || t === "unknown" ? null : t;
  } },
  sort_by: { types: [["array"], ["expref"]], fn: (a, e) => {
    const xs = a as PyValue[];
    if (xs.length === 0) return xs;
    const required = jmesType(typeName((e as Expref).call(xs[0])));
    if (required !== "number" && required !== "string") throw typeError("sort_by", xs[0], required, ["string", "number"]);
    return pySorted(xs, keyFunc(e as Expref, [required], "sort_by"));
  } },
  min_by: { types: [["array"], ["expref"]], fn: (a, e) => {
    const key = keyFunc(e as Expref, ["number", "string"], "min_by");
    return (a as PyValue[]).length ? pyMinMax(a as PyValue[], "lt", key) : null;
  } },
  max_by: { types: [["array"], ["expref"]], fn: (a, e) => {
    const key = keyFunc(e as Expref, ["number", "string"], "max_by");
    return (a as PyValue[]).length ? pyMinMax(a as PyValue[], "gt", key) : null;
  } },
};

/** Functions.call_function: look up, check arity and types, call. */
export function callFunction(name: string, args: PyValue[]): PyValue {
  const spec = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!spec) throw new JmesError(`Unknown function: ${name}()`);
  const n = spec.types.length;
  if (spec.variadic ? args.length < n : args.length !== n) {
    throw new JmesError(`Expected ${spec.variadic ? "at least " : ""}${n} ${plural(n)} for function ${name}(), received ${args.length}`);
  }
  for (let i = 0; i < n; i++) if (spec.types[i].length) checkType(name, args[i], spec.types[i]);
  return spec.fn(...args);
}
