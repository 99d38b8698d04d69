// Bundles the CLI with esbuild into dist/cli-bundle/ (ESM, code-split so the AWS SDK, the --query interpreter and yaml stay in
// chunks that load only on the paths that need them). bin/connect-chat prefers this bundle over dist/cli/.
// Run: node scripts/cli-build.mjs
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { readFile } from "node:fs/promises";

// The SDK's schema modules (schemas_0.js: every shape and operation of the service) defeat tree-shaking: esbuild
// keeps any declaration whose initializer it cannot prove pure, and these use computed keys (`{ [_h]: ... }`,
// where _h is a module constant) and bit-ors of literals (`64 | 0`). Spelling those as the literals they are
// lets esbuild drop the ~400 Connect operations the CLI does not call (schemas 386 KB → 10 KB in the bundle).
const pureSchemas = {
  name: "pure-sdk-schemas",
  setup(b) {
    b.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ }, async (args) => {
      const src = await readFile(args.path, "utf8");
      const consts = new Map([...src.matchAll(/^const (_\w+) = ("[^"\\]*");$/gm)].map((m) => [m[1], m[2]]));
      const contents = src
        .replace(/\[(_\w+)\]:/g, (all, k) => (consts.has(k) ? `${consts.get(k)}:` : all))
        .replace(/\b(\d+) \| (\d+)\b/g, (_, x, y) => String(Number(x) | Number(y)));
      return { contents, loader: "js" };
    });
  },
};

// The CLI reads the service models only for the operations it declares (src/cli/declared.json): the bundle
// gets those operations and the shapes they reach, not the server's whole model (84 KB of JSON parsed at start).
const declared = JSON.parse(await readFile(new URL("../src/cli/declared.json", import.meta.url), "utf8"));
const modelPath = (service) => new URL(`../src/api/model/${service}.json`, import.meta.url);
/** The shapes reachable from the given roots (all of each shape's members, lists, maps). */
function reachable(model, roots) {
  const shapes = {};
  const reach = (name) => {
    if (!name || shapes[name]) return;
    const s = (shapes[name] = model.shapes[name]);
    for (const ref of [...Object.values(s.members ?? {}), s.member, s.key, s.value]) reach(ref?.shape);
  };
  roots.forEach(reach);
  return shapes;
}
// What every command line parses at start: the service's metadata, no operations. Each declared operation (its
// shapes and documentation) is a lazy chunk of src/cli/model-rest.ts, loaded once the command line names it.
const startupModel = (model) => ({ ...model, operations: {}, shapes: {} });
function restOf(model, operation) {
  const op = model.operations[operation];
  const shapes = reachable(model, [op.input?.shape, op.output?.shape, ...(op.errors ?? []).map((e) => e.shape)]);
  return { operations: { [operation]: op }, shapes };
}
const cliModels = {
  name: "cli-models",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]api[\\/]model[\\/]\w+\.json$/ }, async (args) => {
      const model = JSON.parse(await readFile(args.path, "utf8"));
      return { contents: JSON.stringify(startupModel(model)), loader: "json" };
    });
    b.onLoad({ filter: /[\\/]src[\\/]cli[\\/]model-rest\.ts$/ }, async (args) => {
      const src = await readFile(args.path, "utf8");
      const table = Object.entries(declared).map(([service, ops]) =>
        `${JSON.stringify(service)}: {${ops.map((o) => `${JSON.stringify(o)}: () => import("cli-model-rest:${service}/${o}")`).join(", ")}}`);
      return { contents: src.replace(/= \{\};/, `= {${table.join(", ")}};`), loader: "ts" };
    });
    b.onResolve({ filter: /^cli-model-rest:/ }, (args) => ({ path: args.path.slice("cli-model-rest:".length), namespace: "cli-model-rest" }));
    b.onLoad({ filter: /.*/, namespace: "cli-model-rest" }, async (args) => {
      const [service, operation] = args.path.split("/");
      const model = JSON.parse(await readFile(modelPath(service), "utf8"));
      return { contents: JSON.stringify(restOf(model, operation)), loader: "json" };
    });
  },
};

const outdir = new URL("../dist/cli-bundle/", import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });
const started = Date.now();
await build({
  entryPoints: [new URL("../src/cli/main.ts", import.meta.url).pathname],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  mainFields: ["module", "main"], // the SDK's ES builds: smaller after tree-shaking
  target: "node20",
  minify: process.env.CLI_BUILD_DEBUG ? false : true,
  sourcemap: false,
  legalComments: "none",
  // Some SDK dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning",
  plugins: [pureSchemas, cliModels],
});
console.log(`bundled the CLI into ${outdir} in ${Date.now() - started} ms`);
