// The CLI's service model, loaded per operation when a command line names it. Unbundled (tsc's dist/cli) the model
// is whole and this table is empty; the bundle (scripts/cli-build.mjs) starts with a model of no operations and
// replaces this table by one lazy chunk per declared operation (the operation, every shape it reaches, their
// documentation), so declaring more operations does not grow what each command line parses at start.
import { models, type ServiceModel } from "../api/model.js";

type Rest = { operations: ServiceModel["operations"]; shapes: ServiceModel["shapes"] };
export const REST: Record<string, Record<string, () => Promise<{ default: Rest }>>> = {};

const done = new Set<string>();

/** Completes the service model with one operation's output shapes and documentation. */
export async function completeModel(service: string, operation: string): Promise<void> {
  const key = `${service}.${operation}`;
  const load = REST[service]?.[operation];
  if (done.has(key) || !load) return;
  done.add(key);
  const rest = (await load()).default;
  const model = models[service as keyof typeof models];
  for (const [name, op] of Object.entries(rest.operations)) model.operations[name] = Object.assign(model.operations[name] ?? {}, op);
  // In place: the command table's argument definitions hold these shape objects.
  for (const [name, shape] of Object.entries(rest.shapes)) model.shapes[name] = Object.assign(model.shapes[name] ?? {}, shape);
}
