// Port of Python jmespath's TreeInterpreter (visitor.py): evaluates the parser's tree with Python's semantics
// (truthiness, == across ints/floats/bools, ordering only between numbers or strings, list slicing).
import { isDict, pyTruthy, type PyValue } from "../py.js";
import { setKey } from "../pyjson.js";
import type { Ast } from "./ast.js";
import { callFunction, Expref } from "./functions.js";
import { isNumber, PyError, pyEq, pyOrder, toDouble } from "./pyops.js";

/** visitor._equals: 0 and 1 never equal a bool at the top level, otherwise Python's ==. */
function equals(x: PyValue, y: PyValue): boolean {
  const special = (a: PyValue) => isNumber(a) && (toDouble(a) === 0 || toDouble(a) === 1);
  if (special(x)) {
    if (typeof y === "boolean") return false;
  } else if (special(y)) {
    if (typeof x === "boolean") return false;
  }
  return pyEq(x, y);
}

const isComparable = (x: PyValue) => isNumber(x) || typeof x === "string";

/** TreeInterpreter._is_false: jmespath's falsy values ('' [] {} None False; 0 is true). */
const isFalse = (v: PyValue) =>
  v === "" || v === null || v === false || (Array.isArray(v) && v.length === 0) || (isDict(v) && Object.keys(v).length === 0);

/** list[start:stop:step] (slice.indices clamping). */
function slice(list: PyValue[], [start, stop, step]: [number | null, number | null, number | null]): PyValue[] {
  const s = step ?? 1;
  if (s === 0) throw new PyError("slice step cannot be zero");
  const len = list.length;
  const adjust = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    if (v < 0) {
      v += len;
      return v < 0 ? (s < 0 ? -1 : 0) : v;
    }
    return v >= len ? (s < 0 ? len - 1 : len) : v;
  };
  const a = adjust(start, s < 0 ? len - 1 : 0);
  const b = adjust(stop, s < 0 ? -1 : len);
  const out: PyValue[] = [];
  if (s > 0) for (let i = a; i < b; i += s) out.push(list[i]);
  else for (let i = a; i > b; i += s) out.push(list[i]);
  return out;
}

// Python's recursion limit as `aws` meets it while evaluating: visit() + visit_<type>() per tree level, from the
// depth the AWS CLI evaluates at; comparators and functions go three Python calls deeper (_equals or
// _is_comparable..., call_function/_validate_arguments/_type_check) and fail there with the C-level wording.
// Measured against the real command: `@|`×492 evaluates, ×493 fails (see the query-eval-deep golden cases).
const LIMIT = 1000;
const BASE = 14;
const tooDeep = (level: number, extra: number, suffix = "") => {
  if (BASE + 2 * level + 2 + extra > LIMIT) throw new PyError(`maximum recursion depth exceeded${suffix}`);
};

export const evaluate = (node: Ast, value: PyValue): PyValue => visit(node, value, 0);

function visit(node: Ast, value: PyValue, level: number): PyValue {
  tooDeep(level, 0);
  // Children are visited one level down.
  const evaluate = (n: Ast, v: PyValue): PyValue => visit(n, v, level + 1);
  switch (node.type) {
    case "subexpression":
    case "index_expression": {
      let result = value;
      for (const child of node.children) result = evaluate(child, result);
      return result;
    }
    case "pipe":
      return evaluate(node.children[1], evaluate(node.children[0], value));
    case "field":
      return isDict(value) && Object.hasOwn(value, node.value) ? value[node.value] : null;
    case "comparator": {
      const left = evaluate(node.children[0], value);
      const right = evaluate(node.children[1], value);
      tooDeep(level, 3, " while calling a Python object");
      if (node.value === "eq") return equals(left, right);
      if (node.value === "ne") return !equals(left, right);
      if (!(isComparable(left) && isComparable(right))) return null;
      return pyOrder(node.value, left, right);
    }
    case "current":
    case "identity":
      return value;
    case "expref": {
      const expression = node.children[0];
      return new Expref((v) => visit(expression, v, 0));
    }
    case "function_expression": {
      const args = node.children.map((c) => evaluate(c, value));
      tooDeep(level, 3, " while calling a Python object");
      return callFunction(node.value, args);
    }
    case "filter_projection": {
      const base = evaluate(node.children[0], value);
      if (!Array.isArray(base)) return null;
      const collected: PyValue[] = [];
      for (const el of base) {
        if (isFalse(evaluate(node.children[2], el))) continue;
        const cur = evaluate(node.children[1], el);
        if (cur !== null) collected.push(cur);
      }
      return collected;
    }
    case "flatten": {
      const base = evaluate(node.children[0], value);
      if (!Array.isArray(base)) return null;
      return base.flatMap((el) => (Array.isArray(el) ? el : [el]));
    }
    case "index": {
      if (!Array.isArray(value)) return null;
      const i = node.value < 0 ? value.length + node.value : node.value;
      return i >= 0 && i < value.length ? value[i] : null;
    }
    case "slice":
      return Array.isArray(value) ? slice(value, node.children) : null;
    case "key_val_pair":
      return evaluate(node.children[0], value);
    case "literal":
      return node.value;
    case "multi_select_dict": {
      if (value === null) return null;
      const collected: Record<string, PyValue> = {};
      for (const child of node.children) setKey(collected, child.value, evaluate(child, value));
      return collected;
    }
    case "multi_select_list":
      return value === null ? null : node.children.map((c) => evaluate(c, value));
    case "or_expression": {
      const matched = evaluate(node.children[0], value);
      return isFalse(matched) ? evaluate(node.children[1], value) : matched;
    }
    case "and_expression": {
      const matched = evaluate(node.children[0], value);
      return isFalse(matched) ? matched : evaluate(node.children[1], value);
    }
    case "not_expression": {
      const r = evaluate(node.children[0], value);
      if (isNumber(r) && toDouble(r) === 0) return false;
      return !pyTruthy(r);
    }
    case "projection":
    case "value_projection": {
      let base = evaluate(node.children[0], value);
      if (node.type === "value_projection") {
        if (!isDict(base)) return null;
        base = Object.values(base);
      } else if (!Array.isArray(base)) return null;
      const collected: PyValue[] = [];
      for (const el of base as PyValue[]) {
        const cur = evaluate(node.children[1], el);
        if (cur !== null) collected.push(cur);
      }
      return collected;
    }
  }
}
