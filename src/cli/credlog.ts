// --debug lines of botocore's credential chain: the providers it asks, in its order, up to the one that
// answers for the credential source config.ts resolved (and its INFO line when the keys are static).
import type { CredentialSource, Profiles } from "./config.js";
import { str } from "./config.js";

const CHAIN = [
  "env", "assume-role", "assume-role-with-web-identity", "sso", "shared-credentials-file", "login", "custom-process",
  "config-file", "ec2-credentials-file", "boto-config", "container-role", "iam-role",
] as const;
type Provider = (typeof CHAIN)[number];


function answering(env: NodeJS.ProcessEnv, p: Profiles, c: CredentialSource): [Provider, string?] | undefined {
  if (c.kind === "none") return undefined;
  if (c.kind === "static") {
    if (c.via === "env") return ["env", "Found credentials in environment variables."];
    if (c.via === "shared-credentials-file") return ["shared-credentials-file", `Found credentials in shared credentials file: ${p.credentialsFile}`];
    if (c.via === "custom-process") return ["custom-process"];
    return ["config-file", `Credentials found in config file: ${p.configFile}`];
  }
  if (str(p.config, "role_arn")) return ["assume-role"];
  if (str(p.config, "web_identity_token_file") || env.AWS_WEB_IDENTITY_TOKEN_FILE) return ["assume-role-with-web-identity"];
  if (str(p.config, "sso_start_url") || str(p.config, "sso_session")) return ["sso"];
  if (str(p.config, "credential_process")) return ["custom-process"];
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return ["container-role"];
  return ["iam-role"];
}

/** Logged when the session is created, before the arguments are processed. */
export const SKIPPING_ENV = "Skipping environment variable credential check because profile name was explicitly set.";

/** [level, message] pairs for the botocore.credentials logger. */
export function credentialLines(env: NodeJS.ProcessEnv, p: Profiles, c: CredentialSource): ["DEBUG" | "INFO", string][] {
  const out: ["DEBUG" | "INFO", string][] = [];
  const found = answering(env, p, c);
  for (const provider of CHAIN) {
    if (provider === "env" && p.explicit) continue;
    out.push(["DEBUG", `Looking for credentials via: ${provider}`]);
    if (found?.[0] === provider) {
      if (found[1]) out.push(["INFO", found[1]]);
      break;
    }
  }
  return out;
}
