// botocore's client-side parameter validation (ParamValidator): required members, unknown members, Python
// types and minimum lengths, every problem collected into one "Parameter validation failed:" report.
// Like botocore it checks neither `max` nor enums.
import { parseTimestamp } from "./timestamp.js";
import type { ServiceModel, Shape } from "../api/model.js";
import { isDict, PyFloat, pyStr, pyTypeName, type PyValue } from "./py.js";

const STR = "<class 'str'>";
const VALID: Record<string, string[]> = {
  string: [STR],
  integer: ["<class 'int'>"],
  long: ["<class 'int'>"],
  boolean: ["<class 'bool'>"],
  float: ["<class 'float'>", "<class 'decimal.Decimal'>", "<class 'int'>"],
  double: ["<class 'float'>", "<class 'decimal.Decimal'>", "<class 'int'>"],
  structure: ["<class 'dict'>"],
  map: ["<class 'dict'>"],
  list: ["<class 'list'>", "<class 'tuple'>"],
};

function typeOk(type: string, v: PyValue): boolean {
  switch (type) {
    case "string":
      return typeof v === "string";
    case "integer":
    case "long":
      return (typeof v === "number" && Number.isInteger(v)) || typeof v === "boolean"; // bool is an int in Python
    case "boolean":
      return typeof v === "boolean";
    case "float":
    case "double":
      return typeof v === "number" || typeof v === "boolean" || v instanceof PyFloat;
    case "structure":
    case "map":
      return isDict(v);
    case "list":
      return Array.isArray(v);
    default:
      return true;
  }
}

const label = (name: string) => (!name ? "input" : name.startsWith(".") ? name.slice(1) : name);

/** Returns the report lines (empty when the parameters are valid). */
export function validateParams(model: ServiceModel, shapeName: string, params: PyValue): string[] {
  const errors: string[] = [];
  const check = (v: PyValue, shape: Shape, name: string): void => {
    if (shape.type === "blob" || shape.type === "timestamp") return validateOther(v, shape, name);
    if (!typeOk(shape.type, v)) {
      errors.push(`Invalid type for parameter ${label(name)}, value: ${pyStr(v)}, type: ${pyTypeName(v)}, valid types: ${VALID[shape.type].join(", ")}`);
      return;
    }
    const min = shape.min;
    if (shape.type === "structure") {
      const obj = v as Record<string, PyValue>;
      for (const r of shape.required ?? []) if (!(r in obj)) errors.push(`Missing required parameter in ${label(name)}: "${r}"`);
      const members = shape.members ?? {};
      const known: string[] = [];
      for (const k of Object.keys(obj)) {
        if (Object.prototype.hasOwnProperty.call(members, k)) known.push(k);
        else errors.push(`Unknown parameter in ${label(name)}: "${k}", must be one of: ${Object.keys(members).join(", ")}`);
      }
      for (const k of known) check(obj[k], model.shapes[members[k].shape], `${name}.${k}`);
    } else if (shape.type === "string") {
      const len = Array.from(v as string).length;
      if (min !== undefined && len < min) errors.push(`Invalid length for parameter ${label(name)}, value: ${len}, valid min length: ${min}`);
    } else if (shape.type === "list") {
      const list = v as PyValue[];
      if (min !== undefined && list.length < min) errors.push(`Invalid length for parameter ${label(name)}, value: ${list.length}, valid min length: ${min}`);
      list.forEach((item, i) => check(item, model.shapes[shape.member!.shape], `${name}[${i}]`));
    } else if (shape.type === "map") {
      for (const [k, x] of Object.entries(v as Record<string, PyValue>)) {
        check(k, model.shapes[shape.key!.shape], `${name} (key: ${k})`);
        check(x, model.shapes[shape.value!.shape], `${name}.${k}`);
      }
    } else if (["integer", "long", "float", "double"].includes(shape.type)) {
      const n = v instanceof PyFloat ? v.value : Number(v);
      if (min !== undefined && n < min) errors.push(`Invalid value for parameter ${label(name)}, value: ${pyStr(v)}, valid min value: ${floatish(shape.type, min)}`);
    }
  };
  const validateOther = (v: PyValue, shape: Shape, name: string) => {
    if (shape.type === "blob" && (typeof v === "string" || v instanceof Uint8Array)) return;
    if (shape.type === "timestamp" && parseTimestamp(v instanceof PyFloat ? v.value : v) !== undefined) return;
    const valid = shape.type === "blob" ? "<class 'bytes'>, <class 'bytearray'>, file-like object" : "<class 'datetime.datetime'>, timestamp-string";
    errors.push(`Invalid type for parameter ${label(name)}, value: ${pyStr(v)}, type: ${pyTypeName(v)}, valid types: ${valid}`);
  };
  check(params, model.shapes[shapeName], "");
  return errors;
}

/** A float shape's bound as botocore prints it: its model spells float bounds as `1.0`, which JSON.parse reads as 1. */
const floatish = (type: string, n: number) => (["float", "double"].includes(type) && Number.isInteger(n) ? `${n}.0` : String(n));
