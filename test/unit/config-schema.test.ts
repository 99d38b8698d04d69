// The published JSON Schema of the config file stays what the zod schema generates, config/demo.yaml points editors
// at it, and `connect-chat config check FILE` validates a file without starting a server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { stringify } from "yaml";
import { LOG_LEVELS } from "../../src/config.js";
import { configJsonSchema, configJsonSchemaText, SCHEMA_PATH } from "../../src/config-schema.js";
import { testConfig } from "../support/server.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const BIN = join(ROOT, "bin/connect-chat");
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CONNECT_CHAT_")));

test("the committed config/connect-chat.schema.json is what the zod schema generates (npm run config-schema)", () => {
  assert.equal(readFileSync(join(ROOT, SCHEMA_PATH), "utf8"), configJsonSchemaText(), "stale: run npm run config-schema");
  const schema = configJsonSchema() as any;
  assert.equal(schema.$schema, "http://json-schema.org/draft-07/schema#");
  assert.equal(schema.additionalProperties, false, "unknown keys are flagged in the editor as at start-up");
  assert.deepEqual(schema.required, ["accounts"]);
  assert.deepEqual(schema.properties.server.properties.logLevel.enum, [...LOG_LEVELS]);
  assert.match(schema.properties.server.properties.adminToken.description, /CONNECT_CHAT_ADMIN_TOKEN/);
});

test("config/demo.yaml names the schema for yaml-language-server, at a path that exists", () => {
  const demo = join(ROOT, "config/demo.yaml");
  const first = readFileSync(demo, "utf8").split("\n")[0];
  const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
  assert.ok(m, first);
  assert.equal(resolve(dirname(demo), m[1]), join(ROOT, SCHEMA_PATH));
});

const check = (file: string, env: Record<string, string> = {}) => spawnSync(process.execPath, [BIN, "config", "check", file], { encoding: "utf8", env: { ...CLEAN_ENV, ...env } });

test("config check: exit 0 and a summary for a good file, touching no storage", () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-config-check-"));
  const r = check(join(ROOT, "config/demo.yaml"));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^ok: .*demo\.yaml: region us-east-1, 1 account, 1 instance, 1 destination \(0 streaming to SNS, 0 with webhooks\), storage sqlite:\.\/data\/connect-chat\.db, admin token not set, log level info\n$/);
  const c = { ...testConfig(), storage: { url: `sqlite:${join(dir, "never.db")}` }, server: { adminToken: "${TOKEN}" } };
  const file = join(dir, "c.yaml");
  writeFileSync(file, stringify(c));
  const ok = check(file, { TOKEN: "an-admin-token-from-the-environment", CONNECT_CHAT_DATABASE_URL: "postgres://chat:hunter2@127.0.0.1:5432/chat" });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /2 accounts, 2 instances, 3 destinations .* storage postgres:\/\/chat:\*\*\*@127\.0\.0\.1:5432\/chat, admin token set/);
  assert.ok(!ok.stdout.includes("hunter2") && !ok.stdout.includes("an-admin-token"), "no secret in the summary");
  assert.ok(!existsSync(join(dir, "never.db")), "no database opened");
});

test("config check: exit 1 with each bad key and its problem", () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-config-check-"));
  const c = testConfig() as any;
  c.accounts[0].instances[0].destinations[1].chatDurationMinutes = 5;
  c.server = { prot: 8700 };
  const bad = join(dir, "bad.yaml");
  writeFileSync(bad, stringify(c));
  const r = check(bad);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /bad\.yaml: invalid configuration/);
  assert.match(r.stderr, /accounts\[0\]\.instances\[0\]\.destinations\[1\]\.chatDurationMinutes: Too small: expected number to be >=60/);
  assert.match(r.stderr, /server: Unrecognized key: "prot"/);
  // What createApp refuses beyond the schema: an allow list naming no SigV4 Connect operation.
  const d = testConfig() as any;
  d.accounts[0].credentials[0].allow = ["SendChatIntegrationEvent", "SendMessage", "Nope"];
  const allow = join(dir, "allow.yaml");
  writeFileSync(allow, stringify(d));
  const a = check(allow);
  assert.equal(a.status, 1);
  assert.match(a.stderr, /accounts\[0\]\.credentials\[0\]\.allow: unknown Connect operation\(s\) SendMessage, Nope/);
  // A reference to a variable that is not set, as serve would see it.
  const e = { ...testConfig(), server: { adminToken: "${TOKEN}" } };
  const env = join(dir, "env.yaml");
  writeFileSync(env, stringify(e));
  const m = check(env);
  assert.equal(m.status, 1);
  assert.match(m.stderr, /server\.adminToken: environment variable TOKEN is not set/);
  // Not YAML, and no file.
  writeFileSync(join(dir, "broken.yaml"), "accounts: [\n");
  assert.match(check(join(dir, "broken.yaml")).stderr, /broken\.yaml: not valid YAML/);
  assert.equal(check(join(dir, "none.yaml")).status, 1);
  // Usage errors are 2, as everywhere in the CLI.
  const usage = spawnSync(process.execPath, [BIN, "config", "lint", "x"], { encoding: "utf8" });
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /usage: connect-chat config check FILE/);
});
