// rest-json decoding and encoding driven by the model: members bound to the URI, query and headers are
// lifted in; timestamps go out as epoch seconds; the rest is the JSON body.
import { SerializationException } from "../api/errors.js";
import { shape as shapeOf, type ServiceName, type Shape } from "../api/model.js";
import { isObject } from "../api/validate.js";

export function decodeInput(
  service: ServiceName,
  inputShape: string | undefined,
  body: Buffer,
  params: Record<string, string>,
  query: Record<string, string | string[]>,
  headers: Record<string, string | string[] | undefined>,
): Record<string, unknown> {
  let input: Record<string, unknown> = {};
  if (body.length > 0) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch (e) {
      throw new SerializationException(`The request body is not valid JSON: ${(e as Error).message}`);
    }
    if (!isObject(parsed)) throw new SerializationException("The request body must be a JSON object");
    input = parsed;
  }
  if (!inputShape) return input;
  for (const [name, ref] of locatedMembers(service, inputShape)) {
    const where = ref.locationName ?? name;
    if (ref.location === "uri") input[name] = params[where];
    else if (ref.location === "querystring") {
      const v = query[where];
      if (v !== undefined) input[name] = scalar(shapeOf(service, ref.shape), v, name);
    } else {
      const v = headers[where.toLowerCase()];
      if (v !== undefined) input[name] = scalar(shapeOf(service, ref.shape), Array.isArray(v) ? v.join(",") : v, name);
    }
  }
  return input;
}

type MemberRef = NonNullable<Shape["members"]>[string];
const located = new Map<string, [string, MemberRef][]>();

/** The input members bound to the URI, query or headers, listed once per shape (most inputs have none). */
function locatedMembers(service: ServiceName, inputShape: string): [string, MemberRef][] {
  const key = `${service}/${inputShape}`;
  let list = located.get(key);
  if (!list) {
    list = Object.entries(shapeOf(service, inputShape).members ?? {}).filter(([, ref]) => ref.location === "uri" || ref.location === "querystring" || ref.location === "header");
    located.set(key, list);
  }
  return list;
}

function scalar(s: Shape, v: string | string[], name: string): unknown {
  if (s.type === "list") return Array.isArray(v) ? v : [v];
  const one = Array.isArray(v) ? v[0] : v;
  if (s.type === "integer" || s.type === "long") {
    const n = Number(one);
    if (!Number.isInteger(n)) throw new SerializationException(`${name} must be an integer`);
    return n;
  }
  if (s.type === "boolean") return one === "true";
  return one;
}

/** The JSON body of an output: model members only, timestamps as epoch seconds, absent values dropped. */
export function encodeOutput(service: ServiceName, outputShape: string | undefined, output: unknown): string {
  if (!outputShape || !isObject(output)) return "{}";
  return JSON.stringify(encodeValue(service, shapeOf(service, outputShape), output) ?? {});
}

/** A structure's JSON-body members with their shapes, listed once per shape (not an Object.entries per answer). */
const bodyMemberCache = new WeakMap<Shape, [string, Shape][]>();
function bodyMembers(service: ServiceName, s: Shape): [string, Shape][] {
  let list = bodyMemberCache.get(s);
  if (!list) {
    list = Object.entries(s.members ?? {}).flatMap(([name, ref]) => (ref.location ? [] : [[name, shapeOf(service, ref.shape)] as [string, Shape]]));
    bodyMemberCache.set(s, list);
  }
  return list;
}

function encodeValue(service: ServiceName, s: Shape, v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  switch (s.type) {
    case "structure": {
      if (!isObject(v)) return undefined;
      const out: Record<string, unknown> = {};
      for (const [name, member] of bodyMembers(service, s)) {
        const e = encodeValue(service, member, v[name]);
        if (e !== undefined) out[name] = e;
      }
      return out;
    }
    case "list":
      return Array.isArray(v) ? v.map((x) => encodeValue(service, shapeOf(service, s.member!.shape), x)) : undefined;
    case "map": {
      if (!isObject(v)) return undefined;
      const vs = shapeOf(service, s.value!.shape);
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encodeValue(service, vs, x)]));
    }
    case "timestamp":
      return v instanceof Date ? v.getTime() / 1000 : v;
    default:
      return v;
  }
}
