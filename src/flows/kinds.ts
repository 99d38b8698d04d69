// Value kinds of action parameters: each checks one value and returns its normalized form or why it is wrong.
// Exports carry numbers as strings ("900") and booleans as "True"/"False"; a JSONPath ("$.Attributes.x") stands
// for any scalar, resolved when the flow runs.
import { isJsonPath } from "./model.js";

export type Check = { ok: true; value: unknown } | { ok: false; why: string };
export type Kind = (v: unknown) => Check;

const ok = (value: unknown): Check => ({ ok: true, value });
const bad = (why: string): Check => ({ ok: false, why });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v)?.slice(0, 40) ?? String(v);

/** A non-empty string: static text, possibly embedding JSONPath references ("your code is $.Attributes.code"). */
export const text: Kind = (v) => (typeof v === "string" ? ok(v) : bad(`must be a string, not ${show(v)}`));

/** A JSONPath into the flow's data ($.Attributes.x, $.External.x, $.Channel, …). */
export const jsonPath: Kind = (v) => (isJsonPath(v) ? ok(v) : bad(`must be a JSONPath such as $.Attributes.name, not ${show(v)}`));

/** A whole number within [min, max], as a number, a string of digits, or a JSONPath. */
export const integer =
  (min: number, max: number): Kind =>
  (v) => {
    if (isJsonPath(v)) return ok(v);
    const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n)) return bad(`must be a whole number (a number or a string of digits), not ${show(v)}`);
    if (n < min || n > max) return bad(`must be from ${min} to ${max}, not ${n}`);
    return ok(n);
  };

/** "True"/"False" (what exports write), true/false, or a JSONPath. */
export const bool: Kind = (v) => {
  if (typeof v === "boolean" || isJsonPath(v)) return ok(v);
  if (typeof v === "string" && /^(true|false)$/i.test(v)) return ok(v.toLowerCase() === "true");
  return bad(`must be "True" or "False", not ${show(v)}`);
};

/** One of a fixed set of strings (or a JSONPath when `dynamic`). */
export const oneOf =
  (values: readonly string[], dynamic = false): Kind =>
  (v) =>
    (typeof v === "string" && values.includes(v)) || (dynamic && isJsonPath(v)) ? ok(v) : bad(`must be one of ${values.join(", ")}, not ${show(v)}`);

/** An object of string values (attributes, Lambda parameters, event hooks). */
export const stringMap: Kind = (v) => {
  if (!isObject(v)) return bad(`must be an object of strings, not ${show(v)}`);
  const wrong = Object.entries(v).find(([, x]) => typeof x !== "string");
  return wrong ? bad(`member '${wrong[0]}' must be a string, not ${show(wrong[1])}`) : ok(v);
};

/** Any JSON object (nested configuration the server carries but does not interpret). */
export const object: Kind = (v) => (isObject(v) ? ok(v) : bad(`must be an object, not ${show(v)}`));

/** A list whose members each pass `member`. */
export const list =
  (member: Kind, min = 0): Kind =>
  (v) => {
    if (!Array.isArray(v)) return bad(`must be a list, not ${show(v)}`);
    if (v.length < min) return bad(`must have at least ${min} member${min === 1 ? "" : "s"}`);
    const out: unknown[] = [];
    for (const [i, x] of v.entries()) {
      const c = member(x);
      if (!c.ok) return bad(`member [${i}] ${c.why}`);
      out.push(c.value);
    }
    return ok(out);
  };

/** An object with these members: required ones must be there, others may not. */
export const shape =
  (members: Record<string, Kind>, required: readonly string[] = []): Kind =>
  (v) => {
    if (!isObject(v)) return bad(`must be an object, not ${show(v)}`);
    const missing = required.find((k) => !(k in v));
    if (missing) return bad(`needs member ${missing}`);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const kind = Object.hasOwn(members, k) ? members[k] : undefined;
      if (!kind) return bad(`has an unknown member ${k} (allowed: ${Object.keys(members).join(", ")})`);
      const c = kind(x);
      if (!c.ok) return bad(`member ${k} ${c.why}`);
      put(out, k, c.value);
    }
    return ok(out);
  };

/** Sets an own property, even one named __proto__ (JSON.parse makes those; a plain assignment would set the prototype). */
export function put(o: Record<string, unknown>, k: string, v: unknown) {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** Anything (parameters whose shape the server does not need). */
export const any: Kind = (v) => ok(v);

/**
 * A reference to a resource of the instance (QueueId, AgentId, HoursOfOperationId): an id, an ARN of that kind of
 * resource (…/instance/<id>/<arnKind>/<id>), or one JSONPath. Connect's reference: "Must be either fully static or
 * fully dynamic" — a static id with a reference inside is refused. Whether the resource exists is checked when
 * the flow runs (flows may be stored before their queues, and exports carry another instance's ARNs).
 */
export const resourceRef =
  (arnKind: string): Kind =>
  (v) => {
    if (typeof v !== "string") return bad(`must be a string, not ${show(v)}`);
    if (/^\$\.[^\s$]+$/.test(v)) return ok(v);
    if (v.includes("$.")) return bad(`must be either fully static or fully dynamic (an id, an ARN, or one JSONPath such as $.Attributes.x), not ${show(v)}`);
    if (v.startsWith("arn:") && !new RegExp(`^arn:aws[a-z-]*:connect:[^:]*:[^:]*:instance/[^/]+/${arnKind}/[^/]+$`).test(v)) return bad(`must be an id or an ARN of the form …:instance/<id>/${arnKind}/<id>, not ${show(v)}`);
    return ok(v);
  };
