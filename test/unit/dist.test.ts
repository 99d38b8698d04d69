// What `npm run build` ships holds no test code: no *.test files, no storage contract suite, no scratch-database helper (tests import those
// from src/ through tsx).
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { test } from "node:test";

test("dist/ holds no test-only code", () => {
  const dist = new URL("../../dist/", import.meta.url).pathname;
  const files = readdirSync(dist, { recursive: true }) as string[];
  assert.ok(files.some((f) => f.endsWith("app.js")), "dist/ is built (npm test builds first)");
  assert.deepEqual(files.filter((f) => /\.test\.|(^|\/)contract(\/|$)|(^|\/)test(\/|$)|scratch\./.test(f)), []);
});
