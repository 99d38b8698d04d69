// Configuration as AWS CLI v1 (botocore) resolves it: the shared config and credentials files, the profile
// (--profile > AWS_DEFAULT_PROFILE > AWS_PROFILE > default), region (AWS_REGION is NOT read by v1), the
// credential sources it can see without the SDK, endpoint overrides and the CLI's own config keys.
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { RuntimeCliError } from "./errors.js";

export type Section = Record<string, string | Record<string, string>>;
export type Ini = Map<string, Section>;

/** Python RawConfigParser as botocore uses it: lower-cased keys, `=`/`:` separators, indented sub-sections. */
export function parseIni(text: string): Ini {
  const out: Ini = new Map();
  let section: Section | undefined;
  let lastKey: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*([#;].*)?$/.test(raw)) continue;
    const header = /^\[([^\]]+)\]/.exec(raw);
    if (header) {
      section = out.get(header[1].trim()) ?? {};
      out.set(header[1].trim(), section);
      lastKey = undefined;
      continue;
    }
    if (!section) continue;
    if (/^\s/.test(raw) && lastKey !== undefined) {
      // A continuation line: botocore reads "key =\n  sub = v" as a nested dict.
      const m = /^\s*([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
      const prev = section[lastKey];
      const nested = typeof prev === "object" ? prev : {};
      if (m) nested[m[1].trim().toLowerCase()] = m[2].trim();
      section[lastKey] = nested;
      continue;
    }
    const m = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!m) continue;
    lastKey = m[1].trim().toLowerCase();
    section[lastKey] = m[2].trim();
  }
  return out;
}

function readIni(path: string): Ini {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return new Map();
  }
  return parseIni(text);
}

export const expandHome = (p: string, env: NodeJS.ProcessEnv) => (p.startsWith("~") ? (env.HOME ?? homedir()) + p.slice(1) : p);

export interface Profiles {
  name: string;
  explicit: boolean;
  /** The profile's keys from the config file (and nested sections). */
  config: Section;
  /** The profile's keys from the credentials file. */
  credentials: Section;
  exists: boolean;
  services: Map<string, Section>;
  /** Every profile as botocore merges them (config file, then the credentials file's keys over them). */
  all: Map<string, Section>;
  ssoSessions: Map<string, Section>;
  configFile: string;
  credentialsFile: string;
}

/** Loads the config and credentials files and selects the profile. */
export function loadProfiles(env: NodeJS.ProcessEnv, cliProfile: string | undefined): Profiles {
  const configFile = expandHome(env.AWS_CONFIG_FILE ?? "~/.aws/config", env);
  const credentialsFile = expandHome(env.AWS_SHARED_CREDENTIALS_FILE ?? "~/.aws/credentials", env);
  const configIni = readIni(configFile);
  const credIni = readIni(credentialsFile);
  const explicit = cliProfile !== undefined && cliProfile !== "";
  const name = explicit ? cliProfile! : (env.AWS_DEFAULT_PROFILE ?? env.AWS_PROFILE ?? "default");
  const profiles = new Map<string, Section>();
  const services = new Map<string, Section>();
  const ssoSessions = new Map<string, Section>();
  for (const [header, sec] of configIni) {
    const parts = header.split(/\s+/);
    if (header === "default") profiles.set("default", { ...profiles.get("default"), ...sec });
    else if (parts[0] === "profile" && parts.length === 2) profiles.set(parts[1], { ...sec });
    else if (parts[0] === "services" && parts.length === 2) services.set(parts[1], sec);
    else if (parts[0] === "sso-session" && parts.length === 2) ssoSessions.set(parts[1], sec);
  }
  const all = new Map(profiles);
  for (const [name, sec] of credIni) all.set(name, { ...all.get(name), ...sec });
  return {
    all,
    ssoSessions,
    configFile,
    credentialsFile,
    name,
    explicit,
    config: profiles.get(name) ?? {},
    credentials: credIni.get(name) ?? {},
    exists: profiles.has(name) || credIni.has(name),
    services,
  };
}

export const str = (s: Section, key: string): string | undefined => (typeof s[key] === "string" ? (s[key] as string) : undefined);

/** Raised at client creation, as botocore does, when the selected profile is in neither file. */
export function checkProfile(p: Profiles): void {
  if (!p.exists && p.name !== "default") throw new RuntimeCliError(`The config profile (${p.name}) could not be found`);
}

export function resolveRegion(env: NodeJS.ProcessEnv, cliRegion: string | undefined, p: Profiles): string {
  const region = cliRegion ?? env.AWS_DEFAULT_REGION ?? str(p.config, "region");
  if (region === undefined) {
    throw new RuntimeCliError('You must specify a region. You can also configure your region by running "aws configure".', true);
  }
  if (region !== "" && !/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/.test(region)) {
    throw new RuntimeCliError(`Provided region_name '${region}' doesn't match a supported format.`);
  }
  return region;
}

export type CredentialSource =
  | { kind: "static"; accessKeyId: string; secretAccessKey: string; sessionToken?: string; via?: "env" | "shared-credentials-file" | "custom-process" | "config-file" }
  | { kind: "sdk"; profile: string }
  | { kind: "none" };

/** --endpoint-url > AWS_ENDPOINT_URL_<SERVICE> > AWS_ENDPOINT_URL > [services] section > profile endpoint_url. */
export function resolveEndpoint(env: NodeJS.ProcessEnv, cliEndpoint: string | undefined, p: Profiles, serviceId: string, region: string): string {
  if (cliEndpoint !== undefined) return cliEndpoint;
  const ignore = (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? str(p.config, "ignore_configured_endpoint_urls") ?? "").toLowerCase() === "true";
  const key = serviceId.replace(/ /g, "_").toLowerCase();
  if (!ignore) {
    const fromEnv = env[`AWS_ENDPOINT_URL_${key.toUpperCase()}`] ?? env.AWS_ENDPOINT_URL;
    if (fromEnv) return fromEnv;
    const servicesName = str(p.config, "services");
    if (servicesName) {
      const sec = p.services.get(servicesName);
      if (!sec) {
        throw new RuntimeCliError(`The profile is configured to use the services section but the "${servicesName}" services configuration does not exist.`);
      }
      const nested = sec[key];
      if (typeof nested === "object" && nested.endpoint_url) return nested.endpoint_url;
    }
    const fromProfile = str(p.config, "endpoint_url");
    if (fromProfile) return fromProfile;
  }
  if (region === "") throw new RuntimeCliError("Invalid endpoint: https://connect..amazonaws.com");
  return `https://${key}.${region}.amazonaws.com`;
}
