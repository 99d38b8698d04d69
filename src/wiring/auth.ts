// Wiring of agent sign-in (src/auth) into the server: the sign-in service, the session lookup the SigV4 pipeline
// calls for ASIA… keys, and the /auth/* endpoint.
import type { IncomingMessage, ServerResponse } from "node:http";
import { operations } from "../api/operations.js";
import type { Config } from "../config.js";
import type { Clock, Logger, Store } from "../domain/ports.js";
import { authPathOf, serveAuth } from "../http/auth-endpoint.js";
import type { SigningKeyOwner } from "../http/sigv4.js";
import { FailureLimiter, LIMITER_DEFAULTS } from "../auth/limiter.js";
import { DEFAULT_SESSION_MINUTES, SignIn } from "../auth/sign-in.js";
import type { PasswordHasher } from "../routing/ports.js";

export interface AuthWiring {
  /** The pipeline's sessionOwner: the live session of an ASIA… key presenting its token, as a signing key owner. */
  sessionOwner(accessKeyId: string, sessionToken: string): Promise<SigningKeyOwner | undefined>;
  /** Serves the request if it is one of /auth/*; false otherwise. */
  route(req: IncomingMessage, res: ServerResponse, url: string): boolean;
}

export function authWiring(config: Config, store: Store, clock: Clock, passwords: PasswordHasher, log: Logger): AuthWiring {
  const accounts = new Map<string, string>();
  for (const a of config.accounts) for (const i of a.instances) accounts.set(i.instanceId, a.accountId);
  const connectOps = Object.values(operations).filter((o) => o.service === "connect" && o.auth === "sigv4").map((o) => o.name);
  const minutes = (m: number | undefined, d: number) => (m ?? d) * 60_000;
  const signIn = new SignIn({
    store,
    passwords,
    clock,
    region: config.region,
    accountOf: (id) => accounts.get(id),
    instances: [...accounts.keys()],
    operations: connectOps,
    sessionMs: minutes(config.auth?.sessionMinutes, DEFAULT_SESSION_MINUTES),
    limiter: new FailureLimiter(
      { ...LIMITER_DEFAULTS, limit: config.auth?.maxFailures ?? LIMITER_DEFAULTS.limit, windowMs: minutes(config.auth?.failureWindowMinutes, LIMITER_DEFAULTS.windowMs / 60_000) },
      () => clock.now(),
    ),
  });
  return {
    async sessionOwner(accessKeyId, sessionToken) {
      // Expiry by the domain's clock, the one sessions were stamped with at sign-in.
      const s = await store.session(accessKeyId, sessionToken, clock.now());
      return s && { accountId: s.accountId, secretAccessKey: s.secretAccessKey, sessionToken: s.sessionToken, scope: { userId: s.userId, instanceId: s.instanceId, grants: s.grants } };
    },
    route(req, res, url) {
      const path = authPathOf(url);
      if (!path) return false;
      void serveAuth(req, res, path, (p, body, address) => (p === "/auth/sign-in" ? signIn.signIn(body, address) : signIn.signOut(body)), (line) => log.error(line, "sign-in failed"));
      return true;
    },
  };
}
