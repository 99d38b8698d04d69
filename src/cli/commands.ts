// The CLI's command table, derived from the service model: declaring an operation here is all it takes to get
// its options (PascalCase members → --kebab-case as botocore's xform_name), shorthand, skeleton and validation.
import { models, type OperationModel, type ServiceModel, type Shape } from "../api/model.js";
import declared from "./declared.json" with { type: "json" };
import { completeModel } from "./model-rest.js";
import type { PaginatorConfig } from "./paginate.js";
import paginators from "./paginators.json" with { type: "json" };

/**
 * Operations the CLI offers, by service (the connect model of src/api/model holds their shapes). A JSON file so
 * that scripts/cli-build.mjs can bundle only the model shapes these operations reach.
 */
const DECLARED: { connect: readonly string[] } = declared;

export interface ArgDef {
  /** CLI name without dashes (`source-id`). */
  name: string;
  /** Input member (absent for the CLI's own arguments). */
  member?: string;
  shape?: Shape;
  required: boolean;
  documentation?: string;
  kind: "value" | "flag" | "list" | "skeleton";
  /** awscli's paging arguments (--starting-token, --page-size, --max-items): PaginationConfig, not input. */
  paging?: "StartingToken" | "PageSize" | "MaxItems";
  /** Python type the paging argument converts to (argparse `type=`). */
  pagingType?: "string" | "integer" | "long";
}

export interface CommandDef {
  service: keyof typeof DECLARED;
  cliName: string;
  operation: OperationModel;
  model: ServiceModel;
  args: ArgDef[];
  /** botocore's paginator for the operation (src/cli/paginators.json, from its paginators-1.json). */
  paginator?: PaginatorConfig;
  /** Paging arguments that replaced a same-named model argument (put back under --no-paginate). */
  shadowed?: ArgDef[];
}

const firstCap = /(.)([A-Z][a-z]+)/g;
const endCap = /([a-z0-9])([A-Z])/g;
const specialCase = /[A-Z]{2,}s$/;

/** botocore.xform_name(name, sep) (without its cache of a few hand-made special cases from other services). */
export function xformName(name: string, sep = "-"): string {
  if (name.includes(sep)) return name;
  const special = specialCase.exec(name);
  if (special) name = `${name.slice(0, -special[0].length)}${sep}${special[0].toLowerCase()}`;
  return name
    .replace(firstCap, `$1${sep}$2`)
    .replace(endCap, `$1${sep}$2`)
    .toLowerCase();
}

function argsOf(model: ServiceModel, op: OperationModel): ArgDef[] {
  const out: ArgDef[] = [];
  const input = op.input ? model.shapes[op.input.shape] : undefined;
  for (const [member, ref] of Object.entries(input?.members ?? {})) {
    const shape = model.shapes[ref.shape];
    // awscli's ListArgument: every list (of scalars or of structures) takes one or more tokens (nargs='*').
    const kind = shape.type === "boolean" ? "flag" : shape.type === "list" ? "list" : "value";
    out.push({ name: xformName(member), member, shape, required: input?.required?.includes(member) ?? false, documentation: ref.documentation, kind });
  }
  out.push({ name: "cli-input-json", required: false, kind: "value" });
  out.push({ name: "cli-input-yaml", required: false, kind: "value" });
  out.push({ name: "generate-cli-skeleton", required: false, kind: "skeleton" });
  return out;
}

/** awscli's unify_paging_params: the paging arguments, typed like the limit key, shadowing model arguments of the same name. */
function addPaging(model: ServiceModel, op: OperationModel, args: ArgDef[], cfg: PaginatorConfig): ArgDef[] {
  const shadowed: ArgDef[] = [];
  const input = op.input ? model.shapes[op.input.shape] : undefined;
  const limitType = cfg.limit_key ? (model.shapes[input!.members![cfg.limit_key].shape].type as "integer" | "long" | "string") : "integer";
  const add = (a: ArgDef) => {
    const i = args.findIndex((x) => x.name === a.name);
    if (i >= 0) shadowed.push(...args.splice(i, 1));
    args.push(a);
  };
  add({ name: "starting-token", required: false, kind: "value", paging: "StartingToken", pagingType: "string" });
  if (cfg.limit_key) add({ name: "page-size", required: false, kind: "value", paging: "PageSize", pagingType: limitType });
  add({ name: "max-items", required: false, kind: "value", paging: "MaxItems", pagingType: limitType });
  return shadowed;
}

/** CLI names of the input tokens and the limit key: giving one by hand turns automatic pagination off. */
export const manualPagingArgs = (cfg: PaginatorConfig): string[] =>
  [...(Array.isArray(cfg.input_token) ? cfg.input_token : [cfg.input_token]), ...(cfg.limit_key ? [cfg.limit_key] : [])].map((n) => xformName(n));


type Service = keyof typeof DECLARED;

function define(service: Service, name: string): CommandDef {
  const model = models[service];
  const operation = model.operations[name];
  if (!operation) throw new Error(`operation ${name} is not in the ${service} model`);
  const args = argsOf(model, operation);
  const paginator = (paginators as Record<string, Record<string, PaginatorConfig>>)[service]?.[name];
  const shadowed = paginator ? addPaging(model, operation, args, paginator) : undefined;
  return { service, cliName: xformName(name), operation, model, args, paginator, shadowed };
}

let names: Map<string, { service: Service; name: string }> | undefined;

/** CLI operation name → service and operation, from declared.json alone (no model needed to dispatch). */
export function commandNames(): Map<string, { service: Service; name: string }> {
  if (names) return names;
  names = new Map();
  for (const [service, ops] of Object.entries(DECLARED) as [Service, readonly string[]][]) {
    for (const name of ops) names.set(xformName(name), { service, name });
  }
  return names;
}

/**
 * One declared command, its part of the model loaded first: in the bundle each operation's shapes and
 * documentation are a chunk of their own (src/cli/model-rest.ts), so declaring more operations costs a
 * command line nothing until it names them.
 */
export async function loadCommand(cliName: string): Promise<CommandDef> {
  const { service, name } = commandNames().get(cliName)!;
  await completeModel(service, name);
  return define(service, name);
}

let table: Map<string, CommandDef> | undefined;

/** CLI operation name → definition, for every declared operation (unbundled: the whole model is loaded). */
export function commandTable(): Map<string, CommandDef> {
  if (table) return table;
  table = new Map();
  for (const [cliName, { service, name }] of commandNames()) table.set(cliName, define(service, name));
  return table;
}
