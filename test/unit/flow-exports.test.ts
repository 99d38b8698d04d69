// Every real Amazon Connect export in test/fixtures/flows/ (public repositories, see SOURCES.md there) loads: the
// Flow language ones validate, the legacy designer's `modules` export is refused as legacy.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { validateFlow } from "../../src/flows/validate.js";

const dir = new URL("../fixtures/flows/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

test("the fixtures directory holds the real exports and their provenance", () => {
  assert.ok(files.length >= 8, `found ${files.length}`);
  const sources = readFileSync(new URL("SOURCES.md", dir), "utf8");
  for (const f of files) assert.ok(sources.includes(f), `${f} is listed in SOURCES.md`);
});

for (const f of files) {
  const content = readFileSync(new URL(f, dir), "utf8");
  const legacy = "modules" in JSON.parse(content);
  test(`real export ${f} ${legacy ? "is refused as the legacy format" : "validates"}`, () => {
    const r = validateFlow(content);
    if (legacy) {
      assert.equal(r.ok, false);
      assert.match((r as { problems: { message: string }[] }).problems[0].message, /^Legacy flow format\./);
    } else {
      assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
      assert.equal(r.flow.Actions.length, JSON.parse(content).Actions.length);
    }
  });
}
