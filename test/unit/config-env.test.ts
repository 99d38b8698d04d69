// Configuration from the environment: ${NAME} references in the YAML's strings, CONNECT_CHAT_* variables over the
// file's keys, and errors that name the key and the variable without printing a secret.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { ConfigError, loadConfig, parseConfig } from "../../src/config.js";
import { testConfig } from "../support/server.js";

const dir = mkdtempSync(join(tmpdir(), "cc-config-env-"));
function file(text: string, name = "c.yaml") {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}
const base = () => testConfig() as any;
const configError = (re: RegExp) => (e: unknown) => e instanceof ConfigError && re.test(e.message);

test("${NAME} and ${NAME:-default} are replaced in string values after the YAML is parsed", () => {
  const c = base();
  c.storage = { url: "sqlite:${DATA_DIR}/chat.db" };
  c.server = { adminToken: "${ADMIN:-0123456789abcdef-default}", port: 8800 };
  c.accounts[0].credentials[0].secretAccessKey = "${KEY_SECRET}";
  c.accounts[0].credentials[0].accessKeyId = "literal-$${NOT_A_VAR}";
  const f = file(stringify(c));
  const got = loadConfig(f, { DATA_DIR: "/var/lib/cc", KEY_SECRET: "s3cr3t: {not: yaml}" });
  assert.equal(got.storage.url, "sqlite:/var/lib/cc/chat.db");
  assert.equal(got.server?.adminToken, "0123456789abcdef-default", "unset: the default");
  assert.equal(got.server?.port, 8800);
  assert.equal(got.accounts[0].credentials[0].secretAccessKey, "s3cr3t: {not: yaml}", "the value is text, never YAML");
  assert.equal(got.accounts[0].credentials[0].accessKeyId, "literal-${NOT_A_VAR}", "$${ is a literal ${");
  assert.equal(loadConfig(f, { DATA_DIR: "d", KEY_SECRET: "k", ADMIN: "" }).server?.adminToken, "0123456789abcdef-default", "empty: the default, as in sh");
  assert.equal(loadConfig(f, { DATA_DIR: "d", KEY_SECRET: "k", ADMIN: "an-admin-token-from-env" }).server?.adminToken, "an-admin-token-from-env");
});

test("a variable that is not set and has no default is an error naming the key and the variable", () => {
  const c = base();
  c.accounts[0].credentials[0].secretAccessKey = "${KEY_SECRET}";
  const f = file(stringify(c));
  assert.throws(() => loadConfig(f, {}), configError(/c\.yaml: invalid configuration\n {2}accounts\[0\]\.credentials\[0\]\.secretAccessKey: environment variable KEY_SECRET is not set/));
  c.accounts[0].credentials[0].secretAccessKey = "${KEY SECRET}";
  assert.throws(() => loadConfig(file(stringify(c)), {}), configError(/secretAccessKey: '\$\{KEY SECRET\}' is not a variable reference/));
  c.accounts[0].credentials[0].secretAccessKey = "x${KEY_SECRET";
  assert.throws(() => loadConfig(file(stringify(c)), { KEY_SECRET: "k" }), configError(/secretAccessKey: '\$\{KEY_SECRET' has no closing '\}'/));
});

test("only strings are expanded: keys and numbers are left alone, and a value from a variable is still validated", () => {
  const c = base();
  c.server = { port: "${PORT}" };
  // The port stays a string (strings only), so the schema refuses it and says where the value came from.
  assert.throws(() => loadConfig(file(stringify(c)), { PORT: "8800" }), configError(/server\.port \(from \$\{PORT\}\): Invalid input: expected number, received string/));
  const d = base();
  d.region = "${REGION}";
  assert.throws(() => loadConfig(file(stringify(d)), { REGION: "mars" }), configError(/region \(from \$\{REGION\}\): must be an AWS region/));
  const e = base();
  e.accounts[0]["${EXTRA}"] = 1;
  assert.throws(() => loadConfig(file(stringify(e)), { EXTRA: "x" }), configError(/Unrecognized key: "\$\{EXTRA\}"/));
});

test("CONNECT_CHAT_DATABASE_URL, CONNECT_CHAT_ADMIN_TOKEN and CONNECT_CHAT_LOG_LEVEL override the file", () => {
  const c = base();
  c.storage = { url: "sqlite:from-file.db" };
  c.server = { adminToken: "token-from-the-file-0000", logLevel: "warn", port: 8800 };
  const f = file(stringify(c));
  assert.equal(loadConfig(f, {}).storage.url, "sqlite:from-file.db");
  const env = { CONNECT_CHAT_DATABASE_URL: "postgres://u:p@127.0.0.1/db", CONNECT_CHAT_ADMIN_TOKEN: "token-from-the-environment", CONNECT_CHAT_LOG_LEVEL: "debug" };
  const got = loadConfig(f, env);
  assert.equal(got.storage.url, "postgres://u:p@127.0.0.1/db");
  assert.equal(got.server?.adminToken, "token-from-the-environment");
  assert.equal(got.server?.logLevel, "debug");
  assert.equal(got.server?.port, 8800, "the rest of server stays");
  // Without a file (serve with no --config) the variables apply too; an empty variable is unset.
  const none = parseConfig({ accounts: c.accounts }, "(no --config)", { CONNECT_CHAT_DATABASE_URL: "sqlite::memory:", CONNECT_CHAT_ADMIN_TOKEN: "" });
  assert.equal(none.storage.url, "sqlite::memory:");
  assert.equal(none.server, undefined);
  // Validated as the file's value would be, and the error says it came from the variable, not what it was.
  assert.throws(() => loadConfig(f, { CONNECT_CHAT_ADMIN_TOKEN: "short-secret" }), (e: unknown) =>
    e instanceof ConfigError && /server\.adminToken \(from CONNECT_CHAT_ADMIN_TOKEN\): must be at least 16 characters/.test(e.message) && !e.message.includes("short-secret"));
  assert.throws(() => loadConfig(f, { CONNECT_CHAT_LOG_LEVEL: "loud" }), configError(/server\.logLevel \(from CONNECT_CHAT_LOG_LEVEL\): Invalid option/));
});

test("webhook and SNS endpoint URLs must be http(s) URLs (zod's z.url)", () => {
  const withHook = (url: string) => {
    const c = base();
    c.accounts[0].instances[0].destinations[0].webhooks = [{ url, secret: "s" }];
    return c;
  };
  assert.equal(parseConfig(withHook("https://hooks.example.com/in?x=1")).accounts[0].instances[0].destinations[0].webhooks?.[0].url, "https://hooks.example.com/in?x=1");
  assert.throws(() => parseConfig(withHook("ftp://hooks.example.com/in")), configError(/webhooks\[0\]\.url: must be an http:\/\/ or https:\/\/ URL/));
  assert.throws(() => parseConfig(withHook("not a url")), configError(/webhooks\[0\]\.url: must be an http:\/\/ or https:\/\/ URL/));
  assert.throws(() => parseConfig({ ...base(), sns: { endpoint: "file:///etc/passwd" } }), configError(/sns\.endpoint: must be an http/));
  assert.equal(parseConfig({ ...base(), sns: { endpoint: "http://127.0.0.1:5000" } }).sns?.endpoint, "http://127.0.0.1:5000");
});
