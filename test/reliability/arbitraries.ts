// fast-check arbitraries for hostile request bodies, assembled as bytes so invalid UTF-8 and broken JSON are
// possible. Every body built by `poisoned` carries one member of a wrong JSON type (a guaranteed refusal);
// the rest is noise: huge and odd strings, duplicate keys (the real value last, as JSON.parse keeps the last),
// unknown members, deep nesting.
import fc from "fast-check";
import { shape as shapeOf, type ServiceName, type Shape } from "../../src/api/model.js";

export type Path = (string | number)[];
export interface MemberPath {
  path: Path;
  type: Shape["type"];
  /** Every step is a required member: null there is a refusal, elsewhere null means "absent". */
  required: boolean;
}

/** The body members of an input shape, through lists (index 0) and maps (key "k1"), to a bounded depth. */
export function memberPaths(service: ServiceName, shapeName: string, maxDepth = 4): MemberPath[] {
  const out: MemberPath[] = [];
  const walk = (s: Shape, path: Path, required: boolean, depth: number) => {
    if (path.length) out.push({ path, type: s.type, required });
    if (depth >= maxDepth) return;
    if (s.type === "structure")
      for (const [name, ref] of Object.entries(s.members ?? {})) {
        if (ref.location) continue;
        walk(shapeOf(service, ref.shape), [...path, name], required && (s.required ?? []).includes(name), depth + 1);
      }
    else if (s.type === "list") walk(shapeOf(service, s.member!.shape), [...path, 0], false, depth + 1);
    else if (s.type === "map") walk(shapeOf(service, s.value!.shape), [...path, "k1"], false, depth + 1);
  };
  walk(shapeOf(service, shapeName), [], true, 0);
  return out;
}

const b = (s: string) => Buffer.from(s, "utf8");
const deepArray = (d: number) => b("[".repeat(d) + "]".repeat(d));
const deepObject = (d: number) => b('{"a":'.repeat(d) + "1" + "}".repeat(d));
const depth = fc.oneof(fc.integer({ min: 2, max: 64 }), fc.constantFrom(1000, 100_000));

/** JSON text of a value the member's type does not accept. */
export function wrongType(m: MemberPath): fc.Arbitrary<Buffer> {
  const num = fc.constantFrom("0", "-1", "1.5", "1e999", "-0", "12345678901234567890").map(b);
  const bool = fc.constantFrom("true", "false").map(b);
  const str = fc.constantFrom('"x"', '""', '"60"', '"true"', '"[]"').map(b);
  const arr = fc.oneof(fc.constantFrom("[]", '["x"]', "[1,2]", "[{}]").map(b), depth.map(deepArray));
  const obj = fc.oneof(fc.constantFrom("{}", '{"a":"b"}', '{"__proto__":{"x":1}}').map(b), depth.map(deepObject));
  const nul = m.required ? [fc.constant(b("null"))] : [];
  switch (m.type) {
    case "string":
      return fc.oneof(num, bool, arr, obj, ...nul);
    case "structure":
    case "map":
      return fc.oneof(num, bool, str, arr, ...nul);
    case "list":
      return fc.oneof(num, bool, str, obj, ...nul);
    case "integer":
    case "long":
      return fc.oneof(fc.constantFrom('"60"', "60.5", "1e999").map(b), bool, arr, obj, ...nul);
    case "boolean":
      return fc.oneof(fc.constantFrom('"true"', "1", "0").map(b), arr, obj, ...nul);
    default:
      return fc.oneof(bool, arr, obj, ...nul);
  }
}

/** Odd but well-typed string contents, as JSON string text (quotes included). */
export const oddString: fc.Arbitrary<Buffer> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }).map((s) => b(JSON.stringify(s))),
  fc.string({ unit: "grapheme", maxLength: 40 }).map((s) => b(JSON.stringify(s))),
  fc.constantFrom(
    '"\\u0000"', '"a\\u0000b"', '"\\ud800"', '"\\udfff\\ud800"', '"\\ufeff"', '"\\u202e"', '"\\u2028\\u2029"', '"\\uffff\\ufffe"',
    '"🙂"', '"e\\u0301"', '"\\\\"', '"%00"', '"../../etc/passwd"', '"\' OR 1=1 --"', '"${x}"', '"__proto__"',
  ).map(b),
  // Invalid UTF-8 inside a string: lone continuation, truncated sequence, overlong NUL, encoded surrogate.
  fc.constantFrom([0x80], [0xc3], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xff, 0xfe]).map((bytes) =>
    Buffer.concat([b('"a'), Buffer.from(bytes), b('b"')]),
  ),
  // Huge: around the model and per-type limits, and past the 1 MiB body limit.
  fc.constantFrom(1025, 16_385, 40_000, 1_100_000).map((n) => b(`"${"x".repeat(n)}"`)),
  fc.constantFrom(1025, 9000).map((n) => b(JSON.stringify("🙂".repeat(n)))),
);

/** Noise that is not a well-formed member value of any kind. */
export const noiseValue: fc.Arbitrary<Buffer> = fc.oneof(oddString, depth.map(deepArray), depth.map(deepObject), fc.constantFrom("1", "null", "true", "[]").map(b));

export interface Plan {
  poison: MemberPath;
  value: Buffer;
  /** Well-typed odd strings put at other string paths first (the poison wins where they meet). */
  strings: { at: number; text: Buffer }[];
  duplicateKeys: boolean;
  extras: { name: string; value: Buffer }[];
}

export function planFor(paths: MemberPath[]): fc.Arbitrary<Plan> {
  const strings = paths.filter((p) => p.type === "string");
  return fc.constantFrom(...paths).chain((poison) =>
    fc.record({
      poison: fc.constant(poison),
      value: wrongType(poison),
      strings: fc.array(fc.record({ at: fc.nat({ max: Math.max(0, strings.length - 1) }), text: oddString }), { maxLength: 3 }),
      duplicateKeys: fc.boolean(),
      extras: fc.array(fc.record({ name: fc.constantFrom("Unknown", "__proto__", "constructor", "sourceid", ""), value: noiseValue }), { maxLength: 2 }),
    }),
  );
}

/** Serializes `base` with the plan applied. Values are JSON text so wrong types and raw bytes survive. */
export function poisoned(base: Record<string, unknown>, paths: MemberPath[], plan: Plan): Buffer {
  const tree = toTree(base);
  const strings = paths.filter((p) => p.type === "string");
  for (const s of plan.strings) if (strings[s.at]) setAt(tree, strings[s.at].path, s.text);
  setAt(tree, plan.poison.path, plan.value);
  return serialize(tree, plan);
}

type Tree = Buffer | { kind: "obj"; entries: [string, Tree][] } | { kind: "arr"; items: Tree[] };

function toTree(v: unknown): Tree {
  if (Array.isArray(v)) return { kind: "arr", items: v.map(toTree) };
  if (v !== null && typeof v === "object") return { kind: "obj", entries: Object.entries(v).map(([k, x]) => [k, toTree(x)]) };
  return b(JSON.stringify(v));
}

function setAt(tree: Tree, path: Path, value: Buffer): void {
  let node = tree;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const last = i === path.length - 1;
    const next = (): Tree => (last ? value : typeof path[i + 1] === "number" ? { kind: "arr", items: [] } : { kind: "obj", entries: [] });
    if (typeof key === "number") {
      if (Buffer.isBuffer(node) || node.kind !== "arr") return;
      if (last || node.items[key] === undefined || Buffer.isBuffer(node.items[key])) node.items[key] = next();
      node = node.items[key];
    } else {
      if (Buffer.isBuffer(node) || node.kind !== "obj") return;
      let e = node.entries.find(([k]) => k === key);
      if (!e) node.entries.push((e = [key, next()]));
      else if (last || Buffer.isBuffer(e[1])) e[1] = next();
      node = e[1];
    }
  }
}

function serialize(t: Tree, plan: Plan, top = true): Buffer {
  if (Buffer.isBuffer(t)) return t;
  if (t.kind === "arr") return Buffer.concat([b("["), ...t.items.flatMap((x, i) => (i ? [b(","), serialize(x, plan, false)] : [serialize(x, plan, false)])), b("]")]);
  const parts: Buffer[] = [];
  if (top) for (const e of plan.extras) parts.push(Buffer.concat([b(JSON.stringify(e.name) + ":"), e.value]));
  for (const [k, v] of t.entries) {
    // A duplicate before the real member: JSON.parse keeps the last one, so the plan's value decides.
    if (plan.duplicateKeys) parts.push(b(`${JSON.stringify(k)}:"duplicate"`));
    parts.push(Buffer.concat([b(JSON.stringify(k) + ":"), serialize(v, plan, false)]));
  }
  return Buffer.concat([b("{"), ...parts.flatMap((p, i) => (i ? [b(","), p] : [p])), b("}")]);
}
