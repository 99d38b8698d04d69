// What the CLI's start-up model leaves out, loaded per operation when it is needed (send, output skeleton, help).
// Unbundled (tsc's dist/cli) the model is whole and this table is empty; the bundle (scripts/cli-build.mjs)
// replaces this module by one lazy chunk per declared operation holding its documentation and the shapes only
// its output and errors reach, so adding operations does not grow what every command line parses at start.
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
  for (const [name, op] of Object.entries(rest.operations)) Object.assign(model.operations[name], op);
  // In place: the command table's argument definitions hold these shape objects.
  for (const [name, shape] of Object.entries(rest.shapes)) model.shapes[name] = Object.assign(model.shapes[name] ?? {}, shape);
}
