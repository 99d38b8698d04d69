// Runs every test file (src/**/*.test.ts, test/**/*.test.ts) with node's test runner through tsx.
// Node 20's --test takes no globs, so the files are listed here. Extra args narrow the set by substring.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
const found = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith(".test.ts")) found.push(relative(root, p));
  }
};
for (const d of ["src", "test"]) walk(join(root, d));
const filters = process.argv.slice(2);
// RUN_TESTS_FILES (comma-separated paths) replaces discovery: the runner's own test runs a fixture through it.
// The slowest files start first (test/support/slow-files.json, longest first, as measured file by file): started
// last, one of them would run on alone at the end while the other slot sits idle.
const slow = JSON.parse(readFileSync(join(root, "test/support/slow-files.json"), "utf8"));
const rank = (f) => (slow.includes(f) ? slow.indexOf(f) : slow.length);
const matched = found.sort().filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
const files = process.env.RUN_TESTS_FILES ? process.env.RUN_TESTS_FILES.split(",") : matched.sort((a, b) => rank(a) - rank(b));
if (files.length === 0) {
  console.error("no test files matched");
  process.exit(1);
}
// A per-test timeout, and test/support/exit-after-tests.ts in every file's process: one test that waits forever
// (a chatjs socket that never opens, a server that never answers) fails on its own instead of hanging the whole
// run, and handles it leaves open do not keep its process alive. (Not --test-force-exit: on Node 24 it cut files
// short, reporting fewer tests than they have.) The slowest test takes ~7 s here; 120 s leaves room.
const timeout = process.env.TEST_TIMEOUT_MS ?? "120000";
const args = ["--import", "tsx", "--import", "./test/support/exit-after-tests.ts", "--test", "--test-reporter=spec", `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`, `--test-timeout=${timeout}`, ...files];
const r = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...process.env, NODE_ENV: "test" } });
process.exit(r.status ?? 1);
