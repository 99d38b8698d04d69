// The configured access keys (SigV4 signing-key owners, with an optional allow-list of operations) and each
// account's request rate limit.
import { operations } from "../api/operations.js";
import { ConfigError, type Config } from "../config.js";
import type { SigningKeyOwner } from "../http/sigv4.js";
import type { RateLimit } from "../http/throttle.js";

export function configuredKeys(config: Config) {
  const keys = new Map<string, SigningKeyOwner>();
  const limits = new Map<string, RateLimit>();
  for (const a of config.accounts) {
    for (const k of a.credentials) {
      const unknown = k.allow?.filter((op) => !(op in operations) || operations[op as keyof typeof operations].auth !== "sigv4");
      if (unknown?.length) throw new ConfigError(`accounts[].credentials[${k.accessKeyId}].allow: unknown Connect operation(s) ${unknown.join(", ")}`);
      keys.set(k.accessKeyId, { accountId: a.accountId, secretAccessKey: k.secretAccessKey, sessionToken: k.sessionToken, allow: k.allow && new Set(k.allow) });
    }
    if (a.rateLimit) limits.set(a.accountId, a.rateLimit);
  }
  return { keys, limits };
}

/** Webhook URL → its signing secret, over every destination of the config. */
export function webhookSecrets(config: Config) {
  const secrets = new Map<string, string>();
  for (const a of config.accounts) for (const i of a.instances) for (const d of i.destinations) for (const w of d.webhooks ?? []) secrets.set(w.url, w.secret);
  return secrets;
}
