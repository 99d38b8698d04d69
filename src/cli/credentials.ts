// botocore's credential chain as far as the CLI decides it itself: env, then assume-role (profile validation
// with botocore's errors), web identity, SSO (token cache checks), the credentials file, credential_process
// (run here, as botocore runs it), the config file, then container/instance sources. Token exchanges (STS,
// the SSO portal) are the SDK's: those sources come back as { kind: "sdk" }.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { expandHome, str, type CredentialSource, type Profiles, type Section } from "./config.js";
import { RuntimeCliError } from "./errors.js";
import { isDict, pyRepr, pyStr } from "./py.js";
import { pyJsonLoads } from "./pyjson.js";
import { runCredentialProcess } from "./credprocess.js";

const fail = (msg: string) => new RuntimeCliError(msg);
const partial = (where: string, missing: string) => fail(`Partial credentials found in ${where}, missing: ${missing}`);
const SOURCES = ["EcsContainer", "Ec2InstanceMetadata", "Environment"];

const hasStatic = (s: Section) => str(s, "aws_access_key_id") !== undefined || str(s, "aws_secret_access_key") !== undefined;
const isAssumeRole = (s: Section) => str(s, "role_arn") !== undefined && str(s, "web_identity_token_file") === undefined;

function staticFrom(where: string, s: Section): CredentialSource | undefined {
  const id = str(s, "aws_access_key_id");
  if (!id) return undefined;
  const secret = str(s, "aws_secret_access_key");
  if (!secret) throw partial(where, "aws_secret_access_key");
  const via = where === "config-file" ? "config-file" : "shared-credentials-file";
  return { kind: "static", accessKeyId: id, secretAccessKey: secret, sessionToken: str(s, "aws_session_token") || str(s, "aws_security_token") || undefined, via };
}

/** AssumeRoleProvider._get_role_config and the source checks it makes down the chain (no STS call). */
function checkRoleChain(env: NodeJS.ProcessEnv, p: Profiles, name: string, visited: string[]): void {
  const profile = p.all.get(name) ?? {};
  const source = str(profile, "source_profile");
  const credentialSource = str(profile, "credential_source");
  if (credentialSource !== undefined && source !== undefined) throw fail(`The profile "${name}" contains both source_profile and credential_source.`);
  if (credentialSource === undefined && source === undefined) throw partial("assume-role", "source_profile or credential_source");
  if (credentialSource !== undefined) {
    if (!SOURCES.includes(credentialSource)) throw fail(`The credential source "${credentialSource}" referenced in profile "${name}" is not valid.`);
    if (credentialSource === "Environment" && !(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY)) {
      throw fail(`Error when retrieving credentials from Environment: No credentials found in credential_source referenced in profile ${name}`);
    }
    return;
  }
  const src = p.all.get(source!);
  if (!src) throw fail(`The source_profile "${source}" referenced in the profile "${name}" does not exist.`);
  if (visited.includes(source!) && (source !== name || !hasStatic(src))) {
    throw fail(`Infinite loop in credential configuration detected. Attempting to load from profile ${source} which has already been visited. Visited profiles: ${pyRepr(visited)}`);
  }
  visited.push(source!);
  if (hasStatic(src) || !isAssumeRole(src)) {
    const usable = hasStatic(src) || str(src, "credential_process") || str(src, "web_identity_token_file") || str(src, "sso_start_url") || str(src, "sso_session");
    if (!usable) throw fail(`The source profile "${source}" must have credentials.`);
    return;
  }
  checkRoleChain(env, p, source!, visited);
}

function checkWebIdentityToken(path: string): void {
  if (!existsSync(path)) throw fail(`[Errno 2] No such file or directory: ${pyRepr(path)}`);
}

/** SSOCredentialFetcher's token-cache reads: ~/.aws/sso/cache/<sha1 of the session name or start URL>.json. */
function checkSsoToken(env: NodeJS.ProcessEnv, p: Profiles, profile: Section): void {
  const session = str(profile, "sso_session");
  const sessionConfig = session !== undefined ? p.ssoSessions.get(session) : undefined;
  if (session !== undefined && !sessionConfig) throw fail(`The specified sso-session does not exist: "${session}"`);
  const startUrl = str(sessionConfig ?? {}, "sso_start_url") ?? str(profile, "sso_start_url") ?? "";
  const key = createHash("sha1").update(session ?? startUrl).digest("hex");
  const file = `${expandHome("~/.aws/sso/cache", env)}/${key}.json`;
  let token: unknown;
  try {
    token = pyJsonLoads(readFileSync(file, "utf8"));
  } catch {
    throw fail(`Error loading SSO Token: Token for ${session ?? startUrl} does not exist`);
  }
  if (!isDict(token) || token.accessToken === undefined || token.expiresAt === undefined) throw fail(`Error loading SSO Token: Token for ${startUrl} is invalid`);
  if (!(Date.parse(pyStr(token.expiresAt)) > Date.now())) {
    throw fail("The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.");
  }
}

export function resolveCredentials(env: NodeJS.ProcessEnv, p: Profiles): CredentialSource {
  if (!p.explicit && env.AWS_ACCESS_KEY_ID) {
    if (!env.AWS_SECRET_ACCESS_KEY) throw partial("env", "AWS_SECRET_ACCESS_KEY");
    return { kind: "static", accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN || env.AWS_SECURITY_TOKEN || undefined, via: "env" };
  }
  const profile = p.all.get(p.name) ?? {};
  const sdk: CredentialSource = { kind: "sdk", profile: p.name };
  if (isAssumeRole(profile)) {
    checkRoleChain(env, p, p.name, [p.name]);
    return sdk;
  }
  const tokenFile = str(profile, "web_identity_token_file") ?? env.AWS_WEB_IDENTITY_TOKEN_FILE;
  if (tokenFile && (str(profile, "role_arn") ?? env.AWS_ROLE_ARN)) {
    checkWebIdentityToken(tokenFile);
    return sdk;
  }
  if (str(profile, "sso_start_url") || str(profile, "sso_session")) {
    checkSsoToken(env, p, profile);
    return sdk;
  }
  const fromCredsFile = staticFrom("shared-credentials-file", p.credentials);
  if (fromCredsFile) return fromCredsFile;
  const process = str(profile, "credential_process");
  if (process) return { ...runCredentialProcess(process), via: "custom-process" } as CredentialSource;
  const fromConfig = staticFrom("config-file", p.config);
  if (fromConfig) return fromConfig;
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return sdk;
  if ((env.AWS_EC2_METADATA_DISABLED ?? "").toLowerCase() !== "true") return sdk;
  return { kind: "none" };
}
