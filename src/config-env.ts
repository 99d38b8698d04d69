// Configuration from the environment, so no secret has to sit in a file or on a command line: `${NAME}` and
// `${NAME:-default}` inside the YAML's string values, and CONNECT_CHAT_* variables that override keys of the file.

/** Variables that set one key each; a command-line flag still wins over them (flag > environment > file). */
export const ENV_KEYS = {
  CONNECT_CHAT_DATABASE_URL: ["storage", "url"],
  CONNECT_CHAT_ADMIN_TOKEN: ["server", "adminToken"],
  CONNECT_CHAT_LOG_LEVEL: ["server", "logLevel"],
} as const;

/** Raised with the key's path and the problem; config.ts turns it into a ConfigError naming the file. */
export class EnvReferenceError extends Error {}

export type Env = Record<string, string | undefined>;

/** config key path (as config.ts prints it) → where its value came from, for error messages. */
export type Origins = Map<string, string>;

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces `${NAME}` (the variable, which must be set) and `${NAME:-default}` (the default when the variable is unset
 * or empty, as in sh) in every string value of the parsed YAML, keys and other types untouched; `$${` is a literal
 * `${`. Runs after YAML parsing, so a value cannot inject YAML structure.
 */
export function expandEnv(raw: unknown, env: Env, origins: Origins = new Map(), path: PropertyKey[] = []): unknown {
  if (typeof raw === "string") return raw.includes("${") ? expandString(raw, env, origins, path) : raw;
  if (Array.isArray(raw)) return raw.map((v, i) => expandEnv(v, env, origins, [...path, i]));
  if (raw !== null && typeof raw === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) out[k] = expandEnv(v, env, origins, [...path, k]);
    return out;
  }
  return raw;
}

function expandString(s: string, env: Env, origins: Origins, path: PropertyKey[]): string {
  const key = formatPath(path);
  let out = "";
  const used: string[] = [];
  let i = 0;
  for (;;) {
    const at = s.indexOf("${", i);
    if (at < 0) break;
    if (at > i && s[at - 1] === "$") {
      out += s.slice(i, at - 1) + "${"; // $${ is the escape for a literal ${
      i = at + 2;
      continue;
    }
    const end = s.indexOf("}", at);
    if (end < 0) throw new EnvReferenceError(`${key}: '${s.slice(at)}' has no closing '}' (write $\${ for a literal \${)`);
    const inner = s.slice(at + 2, end);
    const sep = inner.indexOf(":-");
    const name = sep < 0 ? inner : inner.slice(0, sep);
    if (!NAME.test(name)) throw new EnvReferenceError(`${key}: '\${${inner}}' is not a variable reference (\${NAME} or \${NAME:-default})`);
    const value = env[name];
    let text: string;
    if (sep >= 0) text = value === undefined || value === "" ? inner.slice(sep + 2) : value;
    else if (value === undefined) throw new EnvReferenceError(`${key}: environment variable ${name} is not set (write \${${name}:-default} for a default)`);
    else text = value;
    out += s.slice(i, at) + text;
    used.push(name);
    i = end + 1;
  }
  if (used.length) origins.set(key, `from \${${used.join("}, ${")}}`);
  return out + s.slice(i);
}

/** Sets the keys of ENV_KEYS whose variable is set (and not empty) on a copy of the parsed file. */
export function applyEnvKeys(raw: unknown, env: Env, origins: Origins = new Map()): unknown {
  if (raw !== undefined && raw !== null && (typeof raw !== "object" || Array.isArray(raw))) return raw; // the schema says what is wrong
  const out: Record<string, unknown> = { ...(raw as Record<string, unknown> | null) };
  for (const [variable, [section, key]] of Object.entries(ENV_KEYS)) {
    const value = env[variable];
    if (value === undefined || value === "") continue;
    const current = out[section];
    out[section] = { ...(current !== null && typeof current === "object" ? current : {}), [key]: value };
    origins.set(formatPath([section, key]), `from ${variable}`);
  }
  return out;
}
