// credential_process as botocore's ProcessProvider runs it: the command split like shlex.split (no shell), its
// stdout parsed as JSON (Python's error texts), Version 1 required, and its errors worded as botocore's.
import { spawnSync } from "node:child_process";
import type { CredentialSource } from "./config.js";
import { RuntimeCliError } from "./errors.js";
import { isDict, pyStr, strRepr, type PyValue } from "./py.js";
import { pyJsonLoads } from "./pyjson.js";

/** shlex.split(s) in POSIX mode: whitespace-separated words, '…' literal, "…" with \\ escapes, \\ outside quotes. */
export function shlexSplit(s: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) throw new RuntimeCliError("No closing quotation");
      word = (word ?? "") + s.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      word ??= "";
      for (i++; i < s.length && s[i] !== '"'; i++) {
        if (s[i] === "\\" && i + 1 < s.length && '\\"$`\n'.includes(s[i + 1])) i++;
        word += s[i];
      }
      if (i >= s.length) throw new RuntimeCliError("No closing quotation");
    } else if (c === "\\") {
      if (i + 1 >= s.length) throw new RuntimeCliError("No escaped character");
      word = (word ?? "") + s[++i];
    } else word = (word ?? "") + c;
  }
  if (word !== null) words.push(word);
  return words;
}

const retrieval = (msg: string) => new RuntimeCliError(`Error when retrieving credentials from custom-process: ${msg}`);

export function runCredentialProcess(command: string): CredentialSource {
  const [file, ...args] = shlexSplit(command);
  const r = spawnSync(file, args, { stdio: ["ignore", "pipe", "pipe"] });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new RuntimeCliError(`[Errno 2] No such file or directory: ${strRepr(file)}`);
    if (code === "EACCES") throw new RuntimeCliError(`[Errno 13] Permission denied: ${strRepr(file)}`);
    throw new RuntimeCliError(r.error.message);
  }
  if (r.status !== 0) throw retrieval(r.stderr.toString("utf8"));
  const parsed: PyValue = pyJsonLoads(r.stdout.toString("utf8"));
  if (!isDict(parsed)) throw new RuntimeCliError(`'${Array.isArray(parsed) ? "list" : "str"}' object has no attribute 'get'`);
  const version = parsed.Version ?? "<Version key not provided>";
  if (version !== 1) throw retrieval(`Unsupported version '${pyStr(version)}' for credential process provider, supported versions: 1`);
  for (const key of ["AccessKeyId", "SecretAccessKey"]) {
    if (parsed[key] === undefined) throw retrieval(`Missing required key in response: ${strRepr(key)}`);
  }
  const token = parsed.SessionToken;
  return {
    kind: "static",
    accessKeyId: pyStr(parsed.AccessKeyId),
    secretAccessKey: pyStr(parsed.SecretAccessKey),
    sessionToken: token === undefined || token === null ? undefined : pyStr(token),
  };
}
