// Turns the operation's option strings into request parameters, argument by argument in model order, as
// awscli's unpack_argument/unpack_cli_arg do: paramfile loading, then shorthand or JSON for complex shapes,
// then the BackCompatVisitor fix-ups; finally --cli-input-json/--cli-input-yaml fill the keys still absent.
import type { ServiceModel, Shape } from "../api/model.js";
import type { ArgDef, CommandDef } from "./commands.js";
import { paramError, RuntimeCliError } from "./errors.js";
import { loadLocalParamfile, loadParamfile, ResourceLoadingError, type FileContext } from "./paramfile.js";
import { NO_DEBUG, type Debug } from "./debug.js";
import { isDict, PyFloat, pyRepr, type PyValue } from "./py.js";
import { PyJsonError, pyJsonLoads, setKey } from "./pyjson.js";
import { isPyWhitespace, parseShorthand, ShorthandError } from "./shorthand.js";

const pyStrip = (s: string) => {
  const cps = Array.from(s);
  let a = 0, b = cps.length;
  while (a < b && isPyWhitespace(cps[a])) a++;
  while (b > a && isPyWhitespace(cps[b - 1])) b--;
  return cps.slice(a, b).join("");
};

const isComplex = (s: Shape) => ["structure", "list", "map"].includes(s.type);

/** BackCompatVisitor: wrap a scalar given for a list, convert text written for numbers and booleans. */
function visit(model: ServiceModel, shape: Shape, parent: any, key: string | number, value: PyValue | undefined): void {
  if (value === undefined || value === null) return;
  if (shape.type === "structure") {
    if (!isDict(value)) return;
    for (const [m, ref] of Object.entries(shape.members ?? {})) visit(model, model.shapes[ref.shape], value, m, value[m]);
  } else if (shape.type === "list") {
    if (!Array.isArray(value)) parent[key] = [value];
    else value.forEach((el, i) => visit(model, model.shapes[shape.member!.shape], value, i, el));
  } else if (shape.type === "map") {
    if (!isDict(value)) return;
    for (const k of Object.keys(value)) visit(model, model.shapes[shape.value!.shape], value, k, value[k]);
  } else if (typeof value === "string") {
    if (shape.type === "integer" || shape.type === "long") parent[key] = pyInt(value);
    else if (shape.type === "float" || shape.type === "double") parent[key] = new PyFloat(Number(value));
    else if (shape.type === "boolean" && ["true", "false"].includes(value.toLowerCase())) parent[key] = value.toLowerCase() === "true";
  }
}

function pyInt(v: string): number {
  if (!/^\s*[-+]?\d+(_\d+)*\s*$/.test(v)) throw new RuntimeCliError(`invalid literal for int() with base 10: '${v}'`);
  return Number(v.replace(/_/g, ""));
}

function parseJson(cliName: string, text: string, ordered: boolean): PyValue {
  try {
    return pyJsonLoads(text, ordered);
  } catch (e) {
    if (e instanceof PyJsonError) throw paramError(cliName, `Invalid JSON: ${e.message}\nJSON received: ${text}`);
    throw e;
  }
}

function unpackValue(model: ServiceModel, arg: ArgDef, raw: PyValue, files: FileContext, debug: Debug): PyValue {
  const shape = arg.shape!;
  const cliName = `--${arg.name}`;
  if (!isComplex(shape)) {
    if (shape.type === "integer" || shape.type === "long") return typeof raw === "string" ? pyInt(raw) : raw;
    if (shape.type === "float" || shape.type === "double") return typeof raw === "string" ? new PyFloat(Number(raw)) : raw;
    return raw;
  }
  if (raw instanceof Uint8Array) throw new RuntimeCliError("'in <string>' requires string as left operand, not int");
  const text = raw as string;
  const stripped = pyStrip(text);
  const looksJson = stripped.startsWith("[") || stripped.startsWith("{");
  const shorthandOk = shape.type !== "list" || isComplex(model.shapes[shape.member!.shape]);
  if (!looksJson && shorthandOk) {
    debug.log("awscli.argprocess", `Parsing param ${cliName} as shorthand`);
    try {
      // The visitor may replace the value itself (a structure given for a list is wrapped): keep what it sets.
      const holder: Record<string, PyValue> = { v: parseShorthand(text, (v) => loadLocalParamfile(v, files)) };
      visit(model, shape, holder, "v", holder.v);
      return holder.v;
    } catch (e) {
      if (e instanceof ShorthandError) throw paramError(cliName, e.message);
      throw e;
    }
  }
  if (shape.type === "list") {
    if (stripped.startsWith("[")) return parseJson(cliName, text, true);
    return [text];
  }
  if (stripped.startsWith("{")) return parseJson(cliName, text, true);
  throw paramError(cliName, `Invalid JSON:\n${text}`);
}

/** Builds the request parameters from the parsed option values (a Map of CLI name → string or string[]). */
export async function buildParams(cmd: CommandDef, values: Map<string, string | string[] | true>, files: FileContext, followUrls: boolean, debug: Debug = NO_DEBUG): Promise<Record<string, PyValue>> {
  const params: Record<string, PyValue> = {};
  for (const arg of cmd.args) {
    const given = values.get(arg.name);
    if (given === undefined || arg.kind === "skeleton") continue;
    if (arg.kind === "flag") {
      setKey(params, arg.member!, given === true);
      continue;
    }
    const single = Array.isArray(given) ? (given.length === 1 ? given[0] : null) : (given as string);
    let loaded: PyValue | null = null;
    if (single !== null) {
      try {
        loaded = await loadParamfile(single, files, followUrls);
      } catch (e) {
        if (e instanceof ResourceLoadingError) throw paramError(`--${arg.name}`, e.message);
        throw e;
      }
    }
    if (arg.paging) {
      // PageArgument.add_to_params: into PaginationConfig (argparse already checked that integers parse).
      const v = loaded ?? (given as string);
      const config = (params.PaginationConfig ?? {}) as Record<string, PyValue>;
      config[arg.paging] = arg.pagingType === "string" ? v : Number(String(v).trim().replace(/_/g, ""));
      params.PaginationConfig = config;
      continue;
    }
    if (!arg.member) continue; // --cli-input-json/yaml: loaded here (errors above), applied after
    const raw: PyValue = loaded ?? (Array.isArray(given) ? given : (given as string));
    // _unpack_complex_cli_arg: a list given as one token that is a JSON array is that list, not one member.
    const jsonList = Array.isArray(raw) && raw.length === 1 && typeof raw[0] === "string" && pyStrip(raw[0]).startsWith("[");
    const unpacked = jsonList
      ? unpackValue(cmd.model, arg, (raw as PyValue[])[0], files, debug)
      : Array.isArray(raw)
      ? raw.map((x) => unpackValue(cmd.model, { ...arg, shape: cmd.model.shapes[arg.shape!.member!.shape] }, x, files, debug))
      : unpackValue(cmd.model, arg, raw, files, debug);
    debug.log("awscli.arguments", `Unpacked value of ${pyRepr(given as PyValue)} for parameter "${arg.name.replaceAll("-", "_")}": ${pyRepr(unpacked)}`);
    setKey(params, arg.member, unpacked);
  }
  mergeInput(params, values, files);
  return params;
}

function mergeInput(params: Record<string, PyValue>, values: Map<string, string | string[] | true>, files: FileContext): void {
  const json = values.get("cli-input-json");
  const yaml = values.get("cli-input-yaml");
  let data: PyValue | undefined;
  if (typeof json === "string") {
    const text = loadLocalParamfile(json, files) ?? json;
    data = typeof text === "string" ? parseJson("cli-input-json", text, false) : parseJson("cli-input-json", new TextDecoder().decode(text as Uint8Array), false);
  } else if (typeof yaml === "string") {
    data = parseYaml(yaml, files);
  }
  if (data === undefined) return;
  if (!isDict(data)) {
    const t = Array.isArray(data) ? "list" : typeof data === "string" ? "str" : typeof data === "number" ? "int" : data === null ? "NoneType" : typeof data === "boolean" ? "bool" : "float";
    throw new RuntimeCliError(`'${t}' object has no attribute 'keys'`);
  }
  for (const [k, v] of Object.entries(data)) if (!Object.prototype.hasOwnProperty.call(params, k)) setKey(params, k, v);
}

function parseYaml(value: string, files: FileContext): PyValue {
  const text = loadLocalParamfile(value, files) ?? value;
  const source = typeof text === "string" ? text : new TextDecoder().decode(text as Uint8Array);
  try {
    return yamlParse(source) as PyValue;
  } catch (e) {
    throw paramError("cli-input-yaml", `Invalid YAML: ${(e as Error).message}\nYAML received: ${source}`);
  }
}

let yamlParse: (s: string) => unknown = () => {
  throw new Error("yaml not loaded");
};
/** The yaml package is loaded only when --cli-input-yaml or --output yaml is used. */
export async function loadYaml(): Promise<void> {
  const m: any = await import("yaml");
  // The bundle may wrap yaml as CommonJS (its exports then sit under `default`).
  const y: typeof import("yaml") = m.parse ? m : m.default;
  yamlParse = (s) => y.parse(s);
}
