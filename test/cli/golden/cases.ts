// The golden command lines: each runs once under the real `aws` (scripts/cli-record.mjs records the result in
// recorded.json) and once under our CLI (golden.test.ts compares). Placeholders: {ep} = the stub endpoint of
// this case (`<stub>/c/<id>/<scenario>`), {stub} = the stub's root URL, {dir} = the case's scratch directory.

import { CRED_CASES } from "./credcases.js";
import { OP_CASES } from "./opcases.js";

export interface GoldenCase {
  id: string;
  argv: string[];
  scenario?: string;
  /** Environment overrides; null removes a default. */
  env?: Record<string, string | null>;
  /** Files written into {dir} before the run (values may use the placeholders). */
  files?: Record<string, string>;
  /** How stderr is compared: whole text (default), first non-empty line, or only "is it non-empty". */
  stderr?: "full" | "first" | "nonempty";
  /** Run against the HTTPS stub (self-signed certificate) instead of the HTTP one. */
  tls?: boolean;
  /** Output with a random enum choice (botocore's skeleton) is normalized before comparing. */
  randomEnum?: boolean | "all";
}

const SRC = "+14155550100";
const DST = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-1";
const MSG = "Type=MESSAGE,ContentType=text/plain,Content=hello";
const base = ["connect", "send-chat-integration-event", "--endpoint-url", "{ep}", "--source-id", SRC, "--destination-id", DST];
const send = (...more: string[]) => [...base, ...more];
const msg = (...more: string[]) => send("--event", MSG, ...more);
const bare = (...more: string[]) => ["connect", "send-chat-integration-event", "--source-id", SRC, "--destination-id", DST, "--event", MSG, ...more];
const QUERY_EXAMPLE = '{a: InitialContactId, b: [NewChatCreated, InitialContactId], c: {d: NewChatCreated, e: [{x: `1`, y: `"two"`},{x: `3`, z: `null`}]}}';
const NSD = "SupportedMessagingContentTypes=text/plain,text/markdown,ParticipantDetails={DisplayName=Jane Doe},Attributes={a=1,b=two},StreamingConfiguration={StreamingEndpointArn=arn:aws:sns:us-east-1:123456789012:t}";
const INPUT_JSON = JSON.stringify({ SourceId: SRC, DestinationId: DST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "from json" } }, null, 2);

export const CASES: GoldenCase[] = [
  // Output formats and answers.
  { id: "ok-json", argv: msg() },
  { id: "ok-text", argv: msg("--output", "text") },
  { id: "ok-table", argv: msg("--output", "table") },
  { id: "ok-table-color-on", argv: msg("--output", "table", "--color", "on") },
  { id: "ok-table-color-off", argv: msg("--output", "table", "--color", "off") },
  { id: "nochat-json", scenario: "nochat", argv: send("--event", "Type=DISCONNECT") },
  { id: "nochat-text", scenario: "nochat", argv: send("--event", "Type=DISCONNECT", "--output", "text") },
  { id: "nochat-table", scenario: "nochat", argv: send("--event", "Type=DISCONNECT", "--output", "table") },
  { id: "reordered-json", scenario: "reordered", argv: msg() },
  { id: "reordered-text", scenario: "reordered", argv: msg("--output", "text") },
  { id: "unicode-json", scenario: "unicode", argv: msg() },
  { id: "unicode-text", scenario: "unicode", argv: msg("--output", "text") },
  { id: "unicode-table", scenario: "unicode", argv: msg("--output", "table") },
  { id: "long-table-vertical", scenario: "long", argv: msg("--output", "table") },
  { id: "empty-body", scenario: "empty", argv: msg() },
  { id: "no-content-204", scenario: "nocontent", argv: msg("--output", "table") },
  { id: "env-default-output", argv: msg(), env: { AWS_DEFAULT_OUTPUT: "text" } },
  { id: "profile-output", argv: msg(), files: { config: "[default]\noutput = table\n" } },
  // --query.
  { id: "query-scalar", argv: msg("--query", "InitialContactId") },
  { id: "query-scalar-text", argv: msg("--query", "InitialContactId", "--output", "text") },
  { id: "query-scalar-table", argv: msg("--query", "InitialContactId", "--output", "table") },
  { id: "query-example-text", argv: msg("--query", QUERY_EXAMPLE, "--output", "text") },
  { id: "query-example-table", argv: msg("--query", QUERY_EXAMPLE, "--output", "table") },
  { id: "query-example-json", argv: msg("--query", QUERY_EXAMPLE) },
  { id: "query-false-table", scenario: "nochat", argv: msg("--query", "NewChatCreated", "--output", "table") },
  { id: "query-null-json", argv: msg("--query", "Missing") },
  { id: "query-list-table", argv: msg("--query", "[InitialContactId, NewChatCreated]", "--output", "table") },
  { id: "query-list-text", argv: msg("--query", "[[InitialContactId], [NewChatCreated]]", "--output", "text") },
  { id: "query-bad", argv: msg("--query", "[?") },
  { id: "query-bad-incomplete", argv: msg("--query", "foo[") },
  { id: "query-bad-trailing-dot", argv: msg("--query", "a.b.") },
  { id: "query-bad-unclosed-literal", argv: msg("--query", "a[?b==`1]") },
  { id: "query-bad-current", argv: msg("--query", "@@") },
  { id: "query-bad-rbracket", argv: msg("--query", "a[0]]") },
  { id: "query-bad-empty", argv: msg("--query", "") },
  { id: "query-fallback-literal", argv: msg("--query", "[InitialContactId, `{]`]") },
  // --query evaluation errors and Python-only values (exception text on stderr, exit 255; partial json.dump output).
  { id: "query-eval-arity", argv: msg("--query", "length(InitialContactId, NewChatCreated)") },
  { id: "query-eval-type", argv: msg("--query", "abs(InitialContactId)") },
  { id: "query-eval-mixed-compare", argv: msg("--query", "InitialContactId < `1`") },
  { id: "query-eval-unknown-fn", argv: msg("--query", "nope(@)") },
  { id: "query-eval-slice-step-zero", argv: msg("--query", "`[1, 2]`[::0]") },
  { id: "query-eval-nan", argv: msg("--query", "[`NaN`, `-Infinity`, `[NaN]` == `[NaN]`, ceil(`1e20`)]") },
  { id: "query-eval-nan-text", argv: msg("--query", "[`NaN`, `1.0`, to_number('1e3')]", "--output", "text") },
  { id: "query-eval-expref-json", argv: msg("--query", "[InitialContactId, &a]") },
  // Python's recursion limit while evaluating left-nested chains (the parser does not recurse on them).
  { id: "query-eval-deep-pipe-492", argv: msg("--query", "@|".repeat(492) + "NewChatCreated") },
  { id: "query-eval-deep-pipe-493", argv: msg("--query", "@|".repeat(493) + "NewChatCreated") },
  { id: "query-eval-deep-or-493", argv: msg("--query", "Missing||".repeat(493) + "NewChatCreated") },
  { id: "query-eval-deep-cmp-492", argv: msg("--query", "NewChatCreated==".repeat(492) + "NewChatCreated") },
  { id: "query-eval-deep-cmp-493", argv: msg("--query", "NewChatCreated==".repeat(493) + "NewChatCreated") },
  { id: "query-eval-deep-fn-490", argv: msg("--query", "to_array(@)" + "|@".repeat(490)) },
  { id: "query-eval-deep-fn-491", argv: msg("--query", "to_array(@)" + "|@".repeat(491)) },
  { id: "query-eval-sort-by", argv: msg("--query", "sort_by(`[{\"a\": 2}, {\"a\": 1}, {\"a\": \"x\"}]`, &a)") },
  // Values: shorthand, JSON, files.
  { id: "sh-quoted-commas", argv: send("--event", 'Type=MESSAGE,ContentType=text/plain,Content="hello, world = ok"') },
  { id: "sh-equals-in-value", argv: send("--event", "Type=MESSAGE,ContentType=text/plain,Content=x=1&y=2") },
  { id: "sh-emoji-quoted", argv: send("--event", "Type=MESSAGE,ContentType=text/plain,Content='hi 😀 \\'there\\''") },
  { id: "sh-unicode-unquoted", argv: send("--event", "Type=MESSAGE,ContentType=text/plain,Content=héllo wörld 中文") },
  { id: "sh-spaces", argv: send("--event", "Type = MESSAGE , ContentType=text/plain ,Content= spaced out  ") },
  { id: "sh-escaped-comma", argv: send("--event", "Type=MESSAGE,ContentType=text/plain,Content=a\\,b") },
  { id: "nsd-shorthand", argv: msg("--new-session-details", NSD) },
  { id: "nsd-single-list", argv: msg("--new-session-details", "SupportedMessagingContentTypes=text/plain,ParticipantDetails={DisplayName=x}") },
  { id: "nsd-explicit-list", argv: msg("--new-session-details", "SupportedMessagingContentTypes=[text/plain, \"application/json\"],Attributes={}") },
  { id: "nsd-json", argv: msg("--new-session-details", '{"SupportedMessagingContentTypes": ["text/plain"], "Attributes": {"k": "v", "k2": ""}, "ParticipantDetails": {"DisplayName": "J\\u00e9"}}') },
  { id: "event-json", argv: send("--event", '  {"Type": "MESSAGE", "ContentType": "text/plain", "Content": "caf\\u00e9 \\ud83d\\ude00"}') },
  { id: "event-file-json", argv: send("--event", "file://event.json"), files: { "event.json": '{"Type": "EVENT", "ContentType": "application/vnd.amazonaws.connect.event.typing"}\n' } },
  { id: "event-file-shorthand", argv: send("--event", "file://event.txt"), files: { "event.txt": "Type=MESSAGE,ContentType=text/plain,Content=from file\n" } },
  { id: "source-file-newline", argv: [...base.slice(0, 4), "--source-id", "file://src.txt", "--destination-id", DST, "--event", MSG], files: { "src.txt": `${SRC}\n` } },
  { id: "source-fileb", argv: [...base.slice(0, 4), "--source-id", "fileb://src.txt", "--destination-id", DST, "--event", MSG], files: { "src.txt": SRC } },
  { id: "event-file-missing", argv: send("--event", "file://missing.json") },
  { id: "source-http", argv: [...base.slice(0, 4), "--source-id", "{stub}/param/%2B14155550123", "--destination-id", DST, "--event", MSG] },
  { id: "source-http-404", argv: [...base.slice(0, 4), "--source-id", "{stub}/param/missing", "--destination-id", DST, "--event", MSG] },
  { id: "sh-at-file", argv: send("--event", "Type=MESSAGE,ContentType=text/plain,Content@=file://content.txt"), files: { "content.txt": "line one\r\nline two\n" } },
  { id: "sh-file-literal", argv: send("--event", "Type=MESSAGE,ContentType=text/plain,Content=file://content.txt"), files: { "content.txt": "x" } },
  { id: "cli-input-json-file", argv: ["connect", "send-chat-integration-event", "--endpoint-url", "{ep}", "--cli-input-json", "file://in.json"], files: { "in.json": INPUT_JSON } },
  { id: "cli-input-json-override", argv: ["connect", "send-chat-integration-event", "--endpoint-url", "{ep}", "--cli-input-json", INPUT_JSON, "--event", "Type=DISCONNECT", "--source-id", "+15550001111"] },
  { id: "cli-input-json-invalid", argv: ["connect", "send-chat-integration-event", "--endpoint-url", "{ep}", "--cli-input-json", '{"SourceId": "x",}'] },
  { id: "cli-input-json-missing", argv: ["connect", "send-chat-integration-event", "--endpoint-url", "{ep}", "--cli-input-json", "file://nope.json"] },
  { id: "cli-input-json-unknown", argv: ["connect", "send-chat-integration-event", "--endpoint-url", "{ep}", "--cli-input-json", '{"SourceId": "x", "Bogus": 1, "Event": {"Type": "EVENT"}}'] },
  { id: "cli-input-json-equals-not-lifted", argv: ["connect", "send-chat-integration-event", "--endpoint-url", "{ep}", `--cli-input-json=${INPUT_JSON}`] },
  // Argument parsing.
  { id: "opt-equals-value", argv: [...base.slice(0, 4), `--source-id=${SRC}`, `--destination-id=${DST}`, `--event=${MSG}`] },
  { id: "last-repeat-wins", argv: msg("--subtype", "a", "--subtype", "connect:sms") },
  { id: "globals-first", argv: ["--output", "text", "--region", "eu-west-2", ...msg()] },
  { id: "prefix-abbrev", argv: ["connect", "send-chat-integration-event", "--endpoint-url", "{ep}", "--source", SRC, "--dest", DST, "--ev", MSG, "--out", "text"] },
  { id: "ambiguous-prefix", argv: msg("--cli", "5") },
  { id: "missing-required-all", argv: ["connect", "send-chat-integration-event", "--endpoint-url", "{ep}"] },
  { id: "missing-required-event", argv: send() },
  { id: "missing-value", argv: msg("--subtype") },
  { id: "unknown-options", argv: msg("--bogus", "x", "--also") },
  { id: "invalid-output", argv: msg("--output", "xml") },
  { id: "invalid-color", argv: msg("--color", "blue") },
  { id: "flag-with-value", argv: msg("--debug=yes") },
  { id: "no-command", argv: [] },
  { id: "no-operation", argv: ["connect"] },
  { id: "operation-typo", argv: ["connect", "send-chat-integration-evnt"] },
  { id: "no-paginate-ignored", argv: msg("--no-paginate") },
  // Skeletons.
  { id: "skeleton-input", argv: ["connect", "send-chat-integration-event", "--generate-cli-skeleton"], randomEnum: true },
  { id: "skeleton-input-explicit", argv: ["connect", "send-chat-integration-event", "--generate-cli-skeleton", "input", "--output", "text"], randomEnum: true },
  { id: "skeleton-input-bad-shorthand", argv: ["connect", "send-chat-integration-event", "--generate-cli-skeleton", "--event", "Type"] },
  { id: "skeleton-output", argv: msg("--generate-cli-skeleton", "output") },
  { id: "skeleton-output-query-text", argv: msg("--generate-cli-skeleton", "output", "--query", "InitialContactId", "--output", "text") },
  { id: "skeleton-output-no-region", argv: msg("--generate-cli-skeleton", "output"), env: { AWS_DEFAULT_REGION: null } },
  { id: "skeleton-output-missing-required", argv: ["connect", "send-chat-integration-event", "--generate-cli-skeleton", "output"] },
  { id: "skeleton-bad-choice", argv: msg("--generate-cli-skeleton", "both") },
  // Client-side validation and parse errors.
  { id: "val-empty-source", argv: [...base.slice(0, 4), "--source-id", "", "--destination-id", DST, "--event", MSG] },
  { id: "val-unknown-key", argv: send("--event", "Type=MESSAGE,Bogus=1") },
  { id: "val-missing-type", argv: send("--event", "ContentType=text/plain") },
  { id: "val-json-types", argv: send("--event", '{"Type": 5, "Content": null, "ContentType": 1.50}') },
  { id: "val-many", argv: msg("--new-session-details", '{"ParticipantDetails": {}, "Attributes": {"k": 1}, "SupportedMessagingContentTypes": "text/plain", "StreamingConfiguration": []}') },
  { id: "val-enum-not-checked", argv: send("--event", "Type=TYPING") },
  { id: "val-list-for-string", argv: send("--event", "Type=MESSAGE,Content=a,b") },
  { id: "sh-apostrophe", argv: send("--event", "Type=MESSAGE,Content=it's") },
  { id: "sh-duplicate-key", argv: send("--event", "Type=MESSAGE,Type=EVENT") },
  { id: "sh-emoji-unquoted", argv: send("--event", "Type=MESSAGE,Content=hi😀") },
  { id: "sh-leading-space", argv: send("--event", " Type=MESSAGE") },
  { id: "sh-trailing-comma", argv: send("--event", "Type=MESSAGE,") },
  { id: "sh-empty", argv: send("--event", "") },
  { id: "json-delimiter", argv: send("--event", '{"Type": "MESSAGE" "Content": "x"}') },
  { id: "json-array-for-struct", argv: send("--event", "[1]") },
  { id: "json-unterminated", argv: send("--event", '{"Type": "MESS') },
  // Service errors and retries.
  { id: "err-invalid", scenario: "invalid", argv: msg() },
  { id: "err-notfound", scenario: "notfound", argv: msg("--output", "table") },
  { id: "err-denied", scenario: "denied", argv: msg() },
  { id: "err-internal-retries", scenario: "internal", argv: msg(), env: { AWS_MAX_ATTEMPTS: "2" } },
  { id: "err-throttled-no-retry", scenario: "throttled", argv: msg(), env: { AWS_MAX_ATTEMPTS: "1" } },
  { id: "throttle-once-succeeds", scenario: "throttle-once", argv: msg() },
  { id: "throttle-400-succeeds", scenario: "throttle-400", argv: msg("--output", "text") },
  { id: "err-html-503", scenario: "html-503", argv: msg(), env: { AWS_MAX_ATTEMPTS: "1" } },
  { id: "err-text-500", scenario: "text-500", argv: msg(), env: { AWS_MAX_ATTEMPTS: "1" } },
  { id: "err-type-in-body", scenario: "type-in-body", argv: msg() },
  { id: "err-code-in-body", scenario: "code-in-body", argv: msg() },
  { id: "err-no-message", scenario: "no-message", argv: msg() },
  { id: "err-redirect-302", scenario: "redirect-302", argv: msg() },
  { id: "conn-refused", argv: [...bare(), "--endpoint-url", "http://127.0.0.1:1"], env: { AWS_MAX_ATTEMPTS: "1" } },
  { id: "read-timeout", scenario: "slow", argv: msg("--cli-read-timeout", "1"), env: { AWS_MAX_ATTEMPTS: "1" } },
  { id: "timeout-not-int", argv: msg("--cli-connect-timeout", "abc") },
  { id: "endpoint-no-scheme", argv: [...bare(), "--endpoint-url", "127.0.0.1:1"] },
  // An endpoint URL with a path: botocore drops one trailing slash before appending the operation's path.
  { id: "endpoint-path-trailing-slash", argv: [...bare(), "--endpoint-url", "{ep}/"] },
  { id: "endpoint-path-two-slashes", argv: [...bare(), "--endpoint-url", "{ep}//"] },
  // Retry modes: legacy (the default) makes 5 attempts, standard and adaptive 3; max_attempts counts them all.
  { id: "retry-standard-env", scenario: "internal", argv: msg(), env: { AWS_RETRY_MODE: "standard" } },
  { id: "retry-standard-config", scenario: "internal", argv: msg(), files: { config: "[default]\nretry_mode = standard\n" } },
  { id: "retry-adaptive-max-attempts", scenario: "internal", argv: msg(), env: { AWS_RETRY_MODE: "adaptive", AWS_MAX_ATTEMPTS: "2" } },
  { id: "retry-standard-throttle-once", scenario: "throttle-once", argv: msg(), env: { AWS_RETRY_MODE: "standard" } },
  { id: "retry-standard-400-one-attempt", scenario: "invalid", argv: msg(), env: { AWS_RETRY_MODE: "standard", AWS_MAX_ATTEMPTS: "1" } },
  { id: "retry-legacy-max-attempts-config", scenario: "internal", argv: msg(), files: { config: "[default]\nretry_mode = legacy\nmax_attempts = 2\n" } },
  { id: "retry-mode-invalid", argv: msg(), env: { AWS_RETRY_MODE: "bogus" } },
  { id: "retry-max-attempts-zero", argv: msg(), env: { AWS_MAX_ATTEMPTS: "0" } },
  { id: "retry-max-attempts-before-endpoint", argv: bare(), env: { AWS_MAX_ATTEMPTS: "0", AWS_DEFAULT_REGION: "" } },
  { id: "retry-max-attempts-not-int", argv: msg(), env: { AWS_MAX_ATTEMPTS: "abc", AWS_RETRY_MODE: "bogus" } },
  { id: "retry-max-attempts-beats-mode", argv: msg(), files: { config: "[default]\nmax_attempts = -1\nretry_mode = bogus\n" } },
  { id: "retry-max-attempts-env-beats-config", scenario: "internal", argv: msg(), env: { AWS_MAX_ATTEMPTS: " +2 ", AWS_RETRY_MODE: "standard" }, files: { config: "[default]\nmax_attempts = 4\n" } },
  // Configuration.
  { id: "cfg-no-region", argv: msg(), env: { AWS_DEFAULT_REGION: null } },
  { id: "cfg-aws-region-ignored", argv: msg(), env: { AWS_DEFAULT_REGION: null, AWS_REGION: "us-west-2" } },
  { id: "cfg-region-flag", argv: msg("--region", "ap-southeast-2") },
  { id: "cfg-region-profile", argv: msg(), env: { AWS_DEFAULT_REGION: null }, files: { config: "[default]\nregion = eu-central-1\n" } },
  { id: "cfg-env-region-beats-profile", argv: msg("--profile", "dev"), files: { config: "[profile dev]\nregion = eu-central-1\n", credentials: "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devsecret\n" } },
  { id: "cfg-unknown-profile", argv: msg("--profile", "nope") },
  { id: "cfg-profile-creds", argv: msg("--profile", "dev"), files: { credentials: "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devsecret\n" } },
  { id: "cfg-aws-profile-env", argv: msg(), env: { AWS_PROFILE: "dev", AWS_ACCESS_KEY_ID: null, AWS_SECRET_ACCESS_KEY: null }, files: { credentials: "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devsecret\n" } },
  { id: "cfg-default-profile-wins", argv: msg(), env: { AWS_PROFILE: "dev", AWS_DEFAULT_PROFILE: "ops", AWS_ACCESS_KEY_ID: null, AWS_SECRET_ACCESS_KEY: null }, files: { credentials: "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devsecret\n[ops]\naws_access_key_id = AKIDOPS\naws_secret_access_key = opssecret\n" } },
  { id: "cfg-config-file-creds", argv: msg(), env: { AWS_ACCESS_KEY_ID: null, AWS_SECRET_ACCESS_KEY: null }, files: { config: "[default]\naws_access_key_id = AKIDCFG\naws_secret_access_key = cfgsecret\n" } },
  { id: "cfg-no-credentials", argv: msg(), env: { AWS_ACCESS_KEY_ID: null, AWS_SECRET_ACCESS_KEY: null } },
  { id: "cfg-no-credentials-and-invalid", argv: send("--event", "Type=MESSAGE,Bogus=1"), env: { AWS_ACCESS_KEY_ID: null, AWS_SECRET_ACCESS_KEY: null } },
  { id: "cfg-partial-env", argv: msg(), env: { AWS_SECRET_ACCESS_KEY: null } },
  { id: "cfg-partial-file", argv: msg("--profile", "dev"), files: { credentials: "[dev]\naws_access_key_id = AKIDDEV\n" } },
  { id: "cfg-no-sign-request", argv: msg("--no-sign-request"), env: { AWS_ACCESS_KEY_ID: null, AWS_SECRET_ACCESS_KEY: null } },
  { id: "cfg-session-token", argv: msg(), env: { AWS_SESSION_TOKEN: "token123" } },
  { id: "cfg-endpoint-env", argv: bare(), env: { AWS_ENDPOINT_URL: "{ep}" } },
  { id: "cfg-endpoint-env-connect", argv: bare(), env: { AWS_ENDPOINT_URL: "http://127.0.0.1:1", AWS_ENDPOINT_URL_CONNECT: "{ep}" } },
  { id: "cfg-endpoint-profile", argv: bare(), files: { config: "[default]\nendpoint_url = {ep}\n" } },
  { id: "cfg-endpoint-services", argv: bare(), files: { config: "[default]\nservices = local\n[services local]\nconnect =\n  endpoint_url = {ep}\n" } },
  { id: "cfg-endpoint-services-missing", argv: bare(), files: { config: "[default]\nservices = other\n" } },
  { id: "cfg-no-endpoint-proxy", argv: bare(), env: { AWS_MAX_ATTEMPTS: "1" } },
  { id: "cfg-validation-off", argv: send("--event", "Type=MESSAGE,Bogus=1"), files: { config: "[default]\nparameter_validation = false\n" } },
  { id: "cfg-max-attempts-profile", scenario: "internal", argv: msg(), files: { config: "[default]\nmax_attempts = 1\n" } },
  { id: "tls-flags-on-http", argv: msg("--no-verify-ssl", "--ca-bundle", "/nonexistent/ca.pem") },
  // --no-verify-ssl over HTTPS: urllib3's InsecureRequestWarning on stderr for every request, unless PYTHONWARNINGS ignores it.
  { id: "tls-no-verify-warning", tls: true, argv: msg("--no-verify-ssl") },
  { id: "tls-no-verify-warning-each-attempt", tls: true, scenario: "internal", argv: msg("--no-verify-ssl"), env: { AWS_MAX_ATTEMPTS: "2" } },
  { id: "tls-no-verify-pythonwarnings-ignore", tls: true, argv: msg("--no-verify-ssl"), env: { PYTHONWARNINGS: "ignore" } },
  { id: "tls-no-verify-pythonwarnings-message", tls: true, argv: msg("--no-verify-ssl"), env: { PYTHONWARNINGS: "ignore:Unverified HTTPS request" } },
  { id: "tls-no-verify-pythonwarnings-other", tls: true, argv: msg("--no-verify-ssl"), env: { PYTHONWARNINGS: "ignore::DeprecationWarning" } },
  { id: "tls-no-verify-refused", argv: [...bare(), "--endpoint-url", "https://127.0.0.1:1", "--no-verify-ssl"], env: { AWS_MAX_ATTEMPTS: "1" } },
  { id: "tls-verify-self-signed", tls: true, argv: msg(), env: { AWS_MAX_ATTEMPTS: "1" } },
  { id: "debug-stdout-same", argv: msg("--debug"), stderr: "nonempty" },
  ...CRED_CASES,
  ...OP_CASES,
];
