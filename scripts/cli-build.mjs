// Bundles the CLI with esbuild into dist/cli-bundle/ (ESM, code-split so the AWS SDK, the --query interpreter and yaml stay in
// chunks that load only on the paths that need them). bin/connect-chat prefers this bundle over dist/cli/.
// Run: node scripts/cli-build.mjs
import { build } from "esbuild";
import { rmSync } from "node:fs";

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
});
console.log(`bundled the CLI into ${outdir} in ${Date.now() - started} ms`);
