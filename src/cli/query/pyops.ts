// Python semantics the jmespath interpreter leans on: type names, ==, <, sorted() and min()/max(), with the
// TypeError texts Python raises. Ints are integral JS numbers or bigints; floats are PyFloat or fractional numbers.
import { cpCompare, isDict, PyFloat, typeName, type PyValue } from "../py.js";

/** A Python exception other than a JMESPathError; awscli prints str() of either the same way. */
export class PyError extends Error {}

export { typeName };

/** isinstance(v, Number) and not bool. */
export const isNumber = (v: PyValue): boolean =>
  typeof v === "number" || typeof v === "bigint" || v instanceof PyFloat;
export const isInt = (v: PyValue): v is number | bigint =>
  typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v));
/** The float value of a number (or bool), as Python converts it. */
export const toDouble = (v: PyValue): number =>
  v instanceof PyFloat ? v.value : typeof v === "bigint" ? Number(v) : typeof v === "boolean" ? Number(v) : (v as number);
/** An int result: a JS number while exact, else a bigint. */
export const int = (n: bigint): number | bigint => (n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n);
export const float = (x: number): PyFloat => new PyFloat(x);

/** Python ==; `nested` adds the identity shortcut containers use (PyObject_RichCompareBool). */
export function pyEq(a: PyValue, b: PyValue, nested = false): boolean {
  if (nested && a === b && typeof a === "object") return true;
  const numA = isNumber(a) || typeof a === "boolean";
  const numB = isNumber(b) || typeof b === "boolean";
  if (numA || numB) {
    if (!(numA && numB)) return false;
    if (isInt(a) && isInt(b)) return BigInt(a) === BigInt(b);
    return toDouble(a) === toDouble(b);
  }
  if (a === null || typeof a === "string") return a === b;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => pyEq(x, b[i], true));
  if (a instanceof Uint8Array) return b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  if (isDict(a)) {
    if (!isDict(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && pyEq(a[k], b[k], true));
  }
  return a === b;
}

const SYMBOL = { lt: "<", gt: ">", lte: "<=", gte: ">=" } as const;
export type Order = keyof typeof SYMBOL;

/** Python's a < b (and friends) for numbers and strings; other pairs raise TypeError as Python does. */
export function pyOrder(op: Order, a: PyValue, b: PyValue): boolean {
  let c: number;
  if (isNumber(a) && isNumber(b)) {
    if (isInt(a) && isInt(b)) c = BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0;
    else {
      const x = toDouble(a);
      const y = toDouble(b);
      if (Number.isNaN(x) || Number.isNaN(y)) return false;
      c = x < y ? -1 : x > y ? 1 : 0;
    }
  } else if (typeof a === "string" && typeof b === "string") c = cpCompare(a, b);
  else throw new PyError(`'${SYMBOL[op]}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
  return op === "lt" ? c < 0 : op === "gt" ? c > 0 : op === "lte" ? c <= 0 : c >= 0;
}

const lt = (a: PyValue, b: PyValue) => pyOrder("lt", a, b);

/**
 * sorted(items, key=...): CPython's timsort. Below 64 items it is one counted run extended by binary insertion,
 * which is ported exactly (so NaN and other partial orders land where Python puts them); longer lists use a
 * stable merge sort on `<`, which gives Python's result whenever the keys are totally ordered.
 */
export function pySorted<T>(items: T[], key: (x: T) => PyValue): T[] {
  const keys = items.map(key);
  const idx = items.map((_, i) => i);
  const n = idx.length;
  const less = (i: number, j: number) => lt(keys[i], keys[j]);
  if (n < 2) return items.slice();
  if (n >= 64) {
    idx.sort((i, j) => (less(i, j) ? -1 : less(j, i) ? 1 : 0));
    return idx.map((i) => items[i]);
  }
  let run = 2;
  if (less(idx[1], idx[0])) {
    while (run < n && less(idx[run], idx[run - 1])) run++;
    idx.splice(0, run, ...idx.slice(0, run).reverse());
  } else {
    while (run < n && !less(idx[run], idx[run - 1])) run++;
  }
  for (let start = run; start < n; start++) {
    const pivot = idx[start];
    let l = 0;
    let r = start;
    do {
      const p = l + ((r - l) >> 1);
      if (less(pivot, idx[p])) r = p;
      else l = p + 1;
    } while (l < r);
    idx.splice(start, 1);
    idx.splice(l, 0, pivot);
  }
  return idx.map((i) => items[i]);
}

/** min()/max() with an optional key: the first item wins unless a later one compares strictly below/above it. */
export function pyMinMax<T>(items: T[], op: "lt" | "gt", key: (x: T) => PyValue): T {
  let best = items[0];
  let bestKey = key(best);
  for (const item of items.slice(1)) {
    const k = key(item);
    if (pyOrder(op, k, bestKey)) {
      best = item;
      bestKey = k;
    }
  }
  return best;
}
