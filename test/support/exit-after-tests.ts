// Loaded into every test file's process by scripts/run-tests.mjs: once the file's tests and hooks are done, a
// handle a test left open (a socket, a timer) may not keep the process, and so `npm test`, alive. Node's
// --test-force-exit is meant for this, but on Node 24.21 it ended files before all their tests had run
// (test/cli/query-eval.test.ts: 277 of 305 reported), so the run would pass with tests silently missing.
import { after } from "node:test";

after(() => {
  // unref: a process that ends by itself is not held 3 s longer. process.exit() keeps the runner's exit code.
  setTimeout(() => process.exit(), 3000).unref();
});
