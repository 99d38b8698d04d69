// The flow language's references to contact data: `$.Attributes.x`, `$.External.x`, `$.Channel`, `$.ContactId`,
// `$.CustomerEndpoint.Address`, `$.Queue.Name`, `$.SegmentAttributes['connect:Subtype']`, … as whole parameter
// values or embedded in text ("your code is $.Attributes.code"). A reference to nothing reads as "" in text.

/** The data a flow reads: one object whose members are the roots ($.Attributes → data.Attributes). */
export type FlowData = Record<string, unknown>;

/** A reference: `$.` then a name, then `.name` or `['…']` / `["…"]` members. */
const REF = /\$\.[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+|\['[^']*'\]|\["[^"]*"\])*/g;
const SEGMENT = /\.([A-Za-z0-9_-]+)|\['([^']*)'\]|\["([^"]*)"\]/g;

/** The value a whole-value reference names (undefined when nothing is there). */
export function lookup(path: string, data: FlowData): unknown {
  if (!path.startsWith("$.")) return undefined;
  let v: unknown = data;
  for (const m of path.slice(1).matchAll(SEGMENT)) {
    const key = m[1] ?? m[2] ?? m[3];
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** A value as flow text: strings as they are, numbers and booleans printed, objects as JSON, nothing as "". */
export function asText(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/** Text with every embedded reference replaced by its value. */
export function substitute(text: string, data: FlowData): string {
  if (!text.includes("$.")) return text;
  return text.replace(REF, (ref) => asText(lookup(ref, data)));
}

/** Parameters after substitution: strings (at any depth) with their references filled in. */
export function resolveParams(v: unknown, data: FlowData): unknown {
  if (typeof v === "string") return substitute(v, data);
  if (Array.isArray(v)) return v.map((x) => resolveParams(x, data));
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: resolveParams(x, data), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}
