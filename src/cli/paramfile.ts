// Parameter values loaded from `file://`, `fileb://` and (as AWS CLI v1 still does) `http(s)://`,
// with Python's text-mode reading (universal newlines, strict UTF-8) and its OSError wording.
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { resolve } from "node:path";
import type { PyValue } from "./py.js";
import { strRepr } from "./py.js";

/** awscli's ResourceLoadingError: printed as is (or inside "Error parsing parameter"). */
export class ResourceLoadingError extends Error {}

const ERRNO: Record<string, [number, string]> = {
  ENOENT: [2, "No such file or directory"],
  EACCES: [13, "Permission denied"],
  EISDIR: [21, "Is a directory"],
  ENOTDIR: [20, "Not a directory"],
  ELOOP: [40, "Too many levels of symbolic links"],
  ENAMETOOLONG: [36, "File name too long"],
};

/** Python's OSError str(): `[Errno 2] No such file or directory: 'x'`. */
export function osErrorText(err: unknown, path: string): string {
  const code = (err as { code?: string }).code ?? "";
  const [no, text] = ERRNO[code] ?? [5, "Input/output error"];
  return `[Errno ${no}] ${text}: ${strRepr(path)}`;
}

/** os.path.expanduser(os.path.expandvars(p)) with the given environment. */
export function expandPath(p: string, env: NodeJS.ProcessEnv): string {
  const vars = p.replace(/\$(\w+|\{[^}]*\})/g, (m, name: string) => {
    const key = name.startsWith("{") ? name.slice(1, -1) : name;
    return env[key] ?? m;
  });
  if (vars === "~" || vars.startsWith("~/")) return (env.HOME ?? homedir()) + vars.slice(1);
  return vars;
}

export interface FileContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
}

function readLocal(prefix: string, value: string, ctx: FileContext): PyValue {
  const path = expandPath(value.slice(prefix.length), ctx.env);
  let data: Buffer;
  try {
    data = readFileSync(resolve(ctx.cwd, path));
  } catch (e) {
    throw new ResourceLoadingError(`Unable to load paramfile ${value}: ${osErrorText(e, path)}`);
  }
  if (prefix === "fileb://") return new Uint8Array(data);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(data);
  } catch {
    throw new ResourceLoadingError(
      `Unable to load paramfile (${path}), text contents could not be decoded.  If this is a binary file, ` +
        "please use the fileb:// prefix instead of the file:// prefix.",
    );
  }
  return text.replace(/\r\n?/g, "\n"); // Python's text mode: universal newlines
}

/** The local prefixes only (shorthand `key@=` values and --cli-input-json's own second look). */
export function loadLocalParamfile(value: string, ctx: FileContext): PyValue | null {
  for (const prefix of ["file://", "fileb://"]) if (value.startsWith(prefix)) return readLocal(prefix, value, ctx);
  return null;
}

/** Every prefix the CLI resolves for an operation argument; null when the value is not a reference. */
export async function loadParamfile(value: string, ctx: FileContext, followUrls: boolean): Promise<PyValue | null> {
  const local = loadLocalParamfile(value, ctx);
  if (local !== null) return local;
  if (followUrls && (value.startsWith("http://") || value.startsWith("https://"))) return fetchText(value);
  return null;
}

async function fetchText(url: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { redirect: "manual" });
  } catch {
    throw new ResourceLoadingError(`Unable to retrieve ${url}: Could not connect to the endpoint URL: "${url}"`);
  }
  if (res.status !== 200) {
    throw new ResourceLoadingError(`Unable to retrieve ${url}: received non 200 status code of ${res.status}`);
  }
  return res.text();
}
