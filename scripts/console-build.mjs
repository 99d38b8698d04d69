// Builds the agent console (src/console, Preact + the AWS SDK + chatjs) with Vite into dist/console/, which
// `connect-chat serve` serves at /console/. Run: node scripts/console-build.mjs
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
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
// Precompressed twins (name.br, name.gz) of every text file, made once here at the highest levels rather than per
// request: src/http/static.ts serves the one the browser accepts, with Vary: Accept-Encoding.
const TEXT = /\.(js|mjs|css|html|svg|json|txt|map)$/;
const sizes = { raw: 0, br: 0, gz: 0 };
const walk = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
for (const file of walk(outDir).filter((f) => TEXT.test(f))) {
  const body = readFileSync(file);
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  const gz = gzipSync(body, { level: 9 });
  // A twin that is not smaller is not written: the file goes as it is.
  if (br.length < body.length) writeFileSync(`${file}.br`, br);
  if (gz.length < body.length) writeFileSync(`${file}.gz`, gz);
  sizes.raw += body.length;
  sizes.br += Math.min(br.length, body.length);
  sizes.gz += Math.min(gz.length, body.length);
}
const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
console.log(`built the console into ${outDir} in ${Date.now() - started} ms (${kb(sizes.raw)}; brotli ${kb(sizes.br)}, gzip ${kb(sizes.gz)})`);
