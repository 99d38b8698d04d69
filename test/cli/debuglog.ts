// --debug comparison with `aws --debug`, shared by scripts/cli-record-debug.mjs (records the real aws) and
// debug.test.ts (runs ours): the command lines, and a log parsed into entries with the volatile parts
// (times, dates, signatures, ids, random backoffs) replaced. botocore internals we do not emulate are dropped.
import type { GoldenCase } from "./golden/cases.js";

const SRC = "+14155550100";
const base = () => ["connect", "send-chat-integration-event", "--endpoint-url", "{ep}", "--source-id", SRC, "--destination-id", "d-1", "--event", "Type=MESSAGE,ContentType=text/plain,Content=hi", "--debug"];

export const DEBUG_CASES: GoldenCase[] = [
  { id: "debug-ok", argv: base() },
  { id: "debug-throttle-once", scenario: "throttle-once", argv: base() },
  { id: "debug-notfound", scenario: "notfound", argv: base() },
  // retry_mode = standard logs from botocore.retries.standard: delay, "Max attempts of 3 reached.", "Not retrying request."
  { id: "debug-retry-standard", scenario: "internal", argv: base(), env: { AWS_RETRY_MODE: "standard" } },
  {
    id: "debug-profile",
    argv: [...base(), "--profile", "p2", "--subtype", "connect:sms"],
    files: { credentials: "[p2]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = s2\n" },
  },
  { id: "debug-config-creds", argv: base(), env: { AWS_ACCESS_KEY_ID: null, AWS_SECRET_ACCESS_KEY: null }, files: { config: "[default]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = s3\n" } },
  // Three pages over one connection: each page is an API call of its own ("Making request" each time).
  {
    id: "debug-search-pages",
    scenario: "search",
    argv: ["connect", "search-contacts", "--endpoint-url", "{ep}", "--instance-id", "i-1", "--time-range", "Type=INITIATION_TIMESTAMP,StartTime=1700000000,EndTime=1800000000", "--debug"],
  },
];

export interface Entry {
  logger: string;
  level: string;
  message: string;
}

/** Loggers and messages of aws's log that are botocore/awscli internals with no counterpart in our CLI. */
const NOT_EMULATED = (e: Entry) =>
  ["botocore.hooks", "botocore.loaders", "botocore.utils", "botocore.client"].includes(e.logger) ||
  (e.logger === "awscli.clidriver" && e.message.startsWith("OrderedDict(")) ||
  (e.logger === "botocore.endpoint" && e.message.startsWith("Setting connect timeout"));

const HEAD = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) - MainThread - (\S+) - (DEBUG|INFO|WARNING|ERROR) - (.*)$/;

/** Splits stderr into log entries (continuation lines belong to the entry above); the trailing error text is dropped. */
export function parseLog(stderr: string): Entry[] {
  const out: Entry[] = [];
  for (const line of stderr.split("\n")) {
    const m = HEAD.exec(line);
    if (m) out.push({ logger: m[2], level: m[3], message: m[4] });
    else if (out.length) out[out.length - 1].message += "\n" + line;
  }
  for (const e of out) {
    // awscli's main() logs a traceback under the exception line, and the error text follows the last entry.
    if (e.logger === "awscli.clidriver") e.message = e.message.split("\n")[0];
  }
  return out.filter((e) => !NOT_EMULATED(e));
}

/** Messages with the run-dependent parts replaced. */
export function normalizeMessage(m: string, stubUrl: string, dir: string): string {
  return m
    .replaceAll(stubUrl, "{stub}")
    .replaceAll(stubUrl.replace("http://", ""), "{stubhost}")
    .replaceAll(dir, "{dir}")
    .replace(/\b\d{8}T\d{6}Z\b/g, "{amzdate}")
    .replace(/\b\d{8}\/([a-z0-9-]+)\/connect\/aws4_request/g, "{date}/$1/connect/aws4_request")
    .replace(/\b[0-9a-f]{64}\b/g, "{hex}")
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, "{uuid}")
    .replace(/'[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT'/g, "'{httpdate}'")
    .replace(/(action of:|sleeping for|after delay of:) [0-9.e-]+/g, "$1 {seconds}");
}
