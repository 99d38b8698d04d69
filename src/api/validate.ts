// Checks a decoded request against its model shape: JSON types (SerializationException), then required members,
// lengths, ranges and enums (the service's validation error), in AWS's wording with the member's path.
import { AwsError, SerializationException } from "./errors.js";
import { shape as shapeOf, type ServiceName, type Shape } from "./model.js";
import { charLength } from "./text.js";

/**
 * Nesting deeper than this is refused before it is walked: recursive shapes (StartChatContact's
 * SegmentAttributeValue holds ValueMap/ValueList of itself) would otherwise let a 1 MiB body overflow the stack.
 */
export const MAX_NESTING = 64;

/**
 * Free text: stored (as JSON, where every string survives exactly, U+0000 and unpaired surrogates included) and
 * returned intact, or not stored at all. Every other string (identifiers, tokens, addresses, keys, names of things)
 * is refused when it holds U+0000 or an unpaired surrogate: such strings are stored in, or compared against, plain
 * text columns, where PostgreSQL cannot hold U+0000 and UTF-8 cannot hold a lone surrogate.
 */
const FREE_TEXT = new Set([
  "ChatContent",
  "DisplayName",
  "AttributeValue",
  "SegmentAttributeValueString",
  "SearchableContactAttributeValue",
  "SearchText",
  "Name",
  "Description",
  "ContactDetailName",
  "ContactDetailDescription",
  "ContactTagValue",
  "Reason",
]);
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export class ShapeValidator {
  private readonly problems: string[] = [];
  constructor(private readonly service: ServiceName) {}

  /** Throws SerializationException for wrong JSON types, `errorCode` for constraint violations. */
  static check(service: ServiceName, shapeName: string, value: Record<string, unknown>, errorCode: string): void {
    const v = new ShapeValidator(service);
    v.walk(shapeOf(service, shapeName), value, "", 0);
    if (v.problems.length) {
      const n = v.problems.length;
      const status = 400;
      throw new AwsError(errorCode, status, `${n} validation error${n > 1 ? "s" : ""} detected: ${v.problems.join("; ")}`);
    }
  }

  private walk(s: Shape, value: unknown, path: string, depth: number, shapeName = ""): void {
    if (depth > MAX_NESTING) throw new SerializationException(`The request is nested more than ${MAX_NESTING} levels deep at '${clip(path)}'`);
    switch (s.type) {
      case "structure":
        return this.structure(s, value, path, depth);
      case "list":
        if (!Array.isArray(value)) throw wrongType(path, "a list", value);
        this.size(s, value.length, path, value);
        value.forEach((v, i) => {
          if (v === null || v === undefined) throw wrongType(`${path}[${i}]`, "a value", v);
          this.walk(shapeOf(this.service, s.member!.shape), v, `${path}[${i}]`, depth + 1, s.member!.shape);
        });
        return;
      case "map": {
        if (!isObject(value)) throw wrongType(path, "an object", value);
        const entries = Object.entries(value);
        this.size(s, entries.length, path, value);
        const ks = shapeOf(this.service, s.key!.shape);
        const vs = shapeOf(this.service, s.value!.shape);
        for (const [k, v] of entries) {
          this.walk(ks, k, `${path}.key`, depth + 1, s.key!.shape);
          if (v === null) throw wrongType(`${path}.${k}`, "a value", v);
          this.walk(vs, v, `${path}.${k}`, depth + 1, s.value!.shape);
        }
        return;
      }
      case "string":
        if (typeof value !== "string") throw wrongType(path, "a string", value);
        if (s.enum && !s.enum.includes(value))
          this.problems.push(`Value '${clip(value)}' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${s.enum.join(", ")}]`);
        this.length(s, value, path);
        if (!FREE_TEXT.has(shapeName) && UNSTORABLE.test(value))
          this.problems.push(`Value at '${path}' failed to satisfy constraint: Member must not contain U+0000 or an unpaired surrogate`);
        return;
      case "integer":
      case "long":
        if (typeof value !== "number" || !Number.isInteger(value)) throw wrongType(path, "an integer", value);
        if (s.min !== undefined && value < s.min) this.problems.push(`Value '${value}' at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${s.min}`);
        if (s.max !== undefined && value > s.max) this.problems.push(`Value '${value}' at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${s.max}`);
        return;
      case "double":
      case "float":
        if (typeof value !== "number") throw wrongType(path, "a number", value);
        return;
      case "boolean":
        if (typeof value !== "boolean") throw wrongType(path, "a boolean", value);
        return;
      case "timestamp":
        if (typeof value !== "number" && typeof value !== "string") throw wrongType(path, "a timestamp", value);
        return;
      case "blob":
        if (typeof value !== "string") throw wrongType(path, "a base64 string", value);
        return;
    }
  }

  private structure(s: Shape, value: unknown, path: string, depth: number) {
    if (!isObject(value)) throw wrongType(path || "the request body", "an object", value);
    const members = s.members ?? {};
    for (const r of s.required ?? []) {
      const v = value[r];
      if (v === undefined || v === null) this.problems.push(`Value null at '${join(path, r)}' failed to satisfy constraint: Member must not be null`);
    }
    for (const [name, ref] of Object.entries(members)) {
      const v = value[name];
      if (v === undefined || v === null) continue;
      this.walk(shapeOf(this.service, ref.shape), v, join(path, name), depth + 1, ref.shape);
    }
  }

  private length(s: Shape, value: string, path: string) {
    if (s.min === undefined && s.max === undefined) return;
    // Code points never exceed UTF-16 units, so the exact count is needed only near the limits.
    const n = s.max !== undefined && value.length > s.max ? charLength(value) : value.length;
    if (s.min !== undefined && n < s.min) this.problems.push(`Value '${clip(value)}' at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${s.min}`);
    if (s.max !== undefined && n > s.max) this.problems.push(`Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${s.max}`);
  }

  private size(s: Shape, n: number, path: string, _v: unknown) {
    if (s.min !== undefined && n < s.min) this.problems.push(`Value at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${s.min}`);
    if (s.max !== undefined && n > s.max) this.problems.push(`Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${s.max}`);
  }
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);
const clip = (s: string) => (s.length > 64 ? `${s.slice(0, 61)}...` : s);

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  return typeof v === "object" ? "object" : typeof v;
}

function wrongType(path: string, expected: string, got: unknown) {
  return new SerializationException(`Unexpected JSON type at '${path}': expected ${expected}, got ${jsonType(got)}`);
}
