// Shared by the recorder (scripts/cli-record.mjs, real `aws`) and golden.test.ts (our CLI): the scratch
// directory, files and environment of one golden case, with placeholders filled in. A case that names no
// endpoint gets proxies at a closed loopback port, so nothing can reach AWS.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { GoldenCase } from "./cases.js";

export interface Prepared {
  argv: string[];
  env: Record<string, string>;
  dir: string;
}

export interface Recorded {
  id: string;
  exitCode: number;
  stdout: string;
  stderr: string;
  requests: { method: string; path: string; body: unknown; auth: string | null; token: boolean }[];
}

const namesEndpoint = (c: GoldenCase) =>
  c.argv.some((a) => a.startsWith("--endpoint-url") || a.includes("{ep}")) ||
  Object.entries(c.env ?? {}).some(([k, v]) => k.startsWith("AWS_ENDPOINT_URL") && v !== null) ||
  Object.values(c.files ?? {}).some((f) => f.includes("endpoint_url"));

export function prepare(c: GoldenCase, stubUrl: string, root = mkdtempSync(join(tmpdir(), "cc-golden-"))): Prepared {
  const dir = join(root, c.id);
  mkdirSync(join(dir, "home"), { recursive: true });
  const fill = (s: string) =>
    s.replaceAll("{ep}", `${stubUrl}/c/${c.id}/${c.scenario ?? "ok"}`).replaceAll("{stub}", stubUrl).replaceAll("{dir}", dir);
  for (const [name, text] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), fill(text));
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    LANG: "C.UTF-8",
    HOME: join(dir, "home"),
    AWS_CONFIG_FILE: join(dir, "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "secretexample",
    AWS_DEFAULT_REGION: "us-east-1",
  };
  if (!namesEndpoint(c)) Object.assign(env, { HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9", NO_PROXY: "" });
  for (const [k, v] of Object.entries(c.env ?? {})) {
    if (v === null) delete env[k];
    else env[k] = fill(v);
  }
  return { argv: c.argv.map(fill), env, dir };
}

/** The comparable form of a run: placeholders back in, random enum choices and volatile parts normalized. */
export function normalize(c: GoldenCase, r: Recorded, stubUrl: string, dir: string): Recorded {
  const back = (s: string) => s.replaceAll(stubUrl, "{stub}").replaceAll(dir, "{dir}");
  let stdout = back(r.stdout);
  // "all": every upper-case string value (any enum of the skeleton), not just the send event's Type.
  if (c.randomEnum === "all") stdout = stdout.replace(/"[A-Z][A-Z0-9_]+"/g, '"{ENUM}"');
  else if (c.randomEnum) stdout = stdout.replace(/"Type": "(DISCONNECT|MESSAGE|EVENT)"/g, '"Type": "{ENUM}"').replace(/\t(DISCONNECT|MESSAGE|EVENT)\t/g, "\t{ENUM}\t");
  // Python names the file that warned (urllib3's, wherever it is installed); ours names its own module.
  let stderr = back(r.stderr).replace(/^.*:\d+: InsecureRequestWarning: /gm, "{origin}: InsecureRequestWarning: ");
  if (c.stderr === "first") stderr = stderr.split("\n").find((l) => l.trim() !== "") ?? "";
  if (c.stderr === "nonempty") stderr = stderr ? "<non-empty>" : "";
  const requests = r.requests.map((q) => ({ ...q, path: back(q.path) }));
  return { id: r.id, exitCode: r.exitCode, stdout, stderr, requests };
}
