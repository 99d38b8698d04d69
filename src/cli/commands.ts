// The CLI's command table, derived from the service model: declaring an operation here is all it takes to get
// its options (PascalCase members → --kebab-case as botocore's xform_name), shorthand, skeleton and validation.
import { models, type OperationModel, type ServiceModel, type Shape } from "../api/model.js";
import declared from "./declared.json" with { type: "json" };
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
    const kind = shape.type === "boolean" ? "flag" : shape.type === "list" && !isComplex(model, shape.member!.shape) ? "list" : "value";
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

const isComplex = (model: ServiceModel, shapeName: string) =>
  ["structure", "list", "map"].includes(model.shapes[shapeName].type);

let table: Map<string, CommandDef> | undefined;

/** CLI operation name → definition, for one service. */
export function commandTable(): Map<string, CommandDef> {
  if (table) return table;
  table = new Map();
  for (const [service, names] of Object.entries(DECLARED) as [keyof typeof DECLARED, readonly string[]][]) {
    const model = models[service];
    for (const name of names) {
      const operation = model.operations[name];
      if (!operation) throw new Error(`operation ${name} is not in the ${service} model`);
      const args = argsOf(model, operation);
      const paginator = (paginators as Record<string, Record<string, PaginatorConfig>>)[service]?.[name];
      const shadowed = paginator ? addPaging(model, operation, args, paginator) : undefined;
      table.set(xformName(name), { service, cliName: xformName(name), operation, model, args, paginator, shadowed });
    }
  }
  return table;
}
