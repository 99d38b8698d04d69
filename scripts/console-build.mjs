// Builds the agent console (src/console, Preact + the AWS SDK + chatjs) with Vite into dist/console/, which
// `connect-chat serve` serves at /console/. Run: node scripts/console-build.mjs
import { build } from "vite";

const root = new URL("../src/console/", import.meta.url).pathname;
const outDir = new URL("../dist/console/", import.meta.url).pathname;
const started = Date.now();
await build({
  configFile: false,
  root,
  base: "/console/",
  logLevel: "warn",
  publicDir: false,
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir,
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // The AWS SDK and chatjs make one ≈0.5 MB script (≈150 kB gzipped); it is cached immutably.
    chunkSizeWarningLimit: 1500,
  },
});
console.log(`built the console into ${outDir} in ${Date.now() - started} ms`);
