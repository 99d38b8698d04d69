// POST /auth/sign-in and /auth/sign-out: a username and password (and instance) become short-lived SigV4
// credentials scoped to that user, as Connect's federation hands the CCP a session. Wrong username or password is
// one answer whatever was wrong, after the same slow hash (an unknown user is checked against a decoy hash); a
// (username, address) pair that keeps failing is locked for a while (limiter.ts). The session is stored durably
// (both stores; only a token hash and the sealed secret at rest), so any node verifies it and any node ends it.
import { randomBytes } from "node:crypto";
import { AwsError, InvalidParameterException } from "../api/errors.js";
import type { Clock, Store } from "../domain/ports.js";
import type { AgentSession } from "../domain/sessions.js";
import type { PasswordHasher } from "../routing/ports.js";
import type { FailureLimiter } from "./limiter.js";
import { grantsOf } from "./permissions.js";

/** Connect's default longest session (an authentication profile's MaxSessionDuration: 720 minutes). */
export const DEFAULT_SESSION_MINUTES = 720;

export interface SignInDeps {
  store: Store;
  passwords: PasswordHasher;
  clock: Clock;
  region: string;
  /** The account of a configured instance. */
  accountOf(instanceId: string): string | undefined;
  /** Every configured instance id (one alone may be left out of a sign-in). */
  instances: readonly string[];
  /** The Connect operations served (what Admin's `*` opens). */
  operations: readonly string[];
  sessionMs: number;
  limiter: FailureLimiter;
}

export interface SignInResult {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string };
  InstanceId: string;
  Region: string;
  User: { Id: string; Arn: string; Username: string; FirstName?: string; LastName?: string };
  RoutingProfile: { Id: string; Name?: string };
  SecurityProfiles: string[];
  /** The agent's status now (new users are Offline; setting Offline again ends the session). */
  Status?: { Id: string; Name: string; Type: string };
  /** Operation → "any" | "self": what these credentials may call (the console hides what they may not). */
  Permissions: AgentSession["grants"];
}

const BAD_CREDENTIALS = () => new AwsError("NotAuthorizedException", 401, "Incorrect username or password.");
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/** ASIA + 16 base-32 characters: the shape of an AWS temporary access key id (what tells SigV4 to look it up). */
const newAccessKeyId = () => `ASIA${[...randomBytes(16)].map((b) => BASE32[b & 31]).join("")}`;

function field(body: Record<string, unknown>, name: string, max: number, required = true): string | undefined {
  const v = body[name];
  if (v === undefined && !required) return undefined;
  if (typeof v !== "string" || v.length === 0 || v.length > max) throw new InvalidParameterException(`${name} must be a string of 1 to ${max} characters`);
  return v;
}

export class SignIn {
  private decoy?: Promise<string>;
  constructor(private readonly deps: SignInDeps) {}

  /** A hash of a random password, made once with the same parameters: unknown users cost what known ones do. */
  private decoyHash(): Promise<string> {
    return (this.decoy ??= this.deps.passwords.hash(randomBytes(24).toString("base64url")));
  }

  async signIn(body: Record<string, unknown>, address: string): Promise<SignInResult> {
    const username = field(body, "Username", 100)!;
    const password = field(body, "Password", 256)!;
    const instanceId = field(body, "InstanceId", 100, false) ?? (this.deps.instances.length === 1 ? this.deps.instances[0] : undefined);
    if (instanceId === undefined) throw new InvalidParameterException("InstanceId is required: this server has several instances");
    const accountId = this.deps.accountOf(instanceId);
    if (accountId === undefined) throw new AwsError("ResourceNotFoundException", 404, `Instance '${instanceId}' not found`);
    const limiter = this.deps.limiter;
    if (limiter.locked(username, address))
      throw new AwsError("TooManyRequestsException", 429, "Too many failed sign-ins for this username from this address; try again later.");

    const user = await this.deps.store.tx((tx) => tx.routing.byName("user", accountId, instanceId, username));
    const ok = await this.deps.passwords.verify(password, user?.passwordHash ?? (await this.decoyHash()));
    if (!user?.passwordHash || !ok) {
      limiter.failed(username, address);
      throw BAD_CREDENTIALS();
    }
    limiter.succeeded(username, address);

    const now = this.deps.clock.now();
    const session: AgentSession = {
      accessKeyId: newAccessKeyId(),
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: randomBytes(96).toString("base64"),
      accountId,
      instanceId,
      userId: user.id,
      grants: {},
      createdAt: now,
      expiresAt: now + this.deps.sessionMs,
    };
    const { profile, securityProfiles, status } = await this.deps.store.tx(async (tx) => {
      // Read again inside the writing transaction: a user deleted since the password check gets no session.
      const current = await tx.routing.get("user", accountId, instanceId, user.id);
      if (!current) throw BAD_CREDENTIALS();
      const profiles = [];
      for (const id of current.securityProfileIds) {
        const p = await tx.routing.get("securityProfile", accountId, instanceId, id);
        if (p) profiles.push(p);
      }
      session.grants = grantsOf(profiles.map((p) => p.permissions), this.deps.operations);
      await tx.sessions.insertSession(session);
      return {
        profile: await tx.routing.get("routingProfile", accountId, instanceId, current.routingProfileId),
        securityProfiles: profiles,
        status: await tx.routing.userStatus(current.id),
      };
    });
    return {
      Credentials: {
        AccessKeyId: session.accessKeyId,
        SecretAccessKey: session.secretAccessKey,
        SessionToken: session.sessionToken,
        Expiration: new Date(session.expiresAt).toISOString(),
      },
      InstanceId: instanceId,
      Region: this.deps.region,
      User: {
        Id: user.id,
        Arn: `arn:aws:connect:${this.deps.region}:${accountId}:instance/${instanceId}/agent/${user.id}`,
        Username: user.name,
        ...(user.identityInfo?.firstName ? { FirstName: user.identityInfo.firstName } : {}),
        ...(user.identityInfo?.lastName ? { LastName: user.identityInfo.lastName } : {}),
      },
      RoutingProfile: { Id: user.routingProfileId, ...(profile ? { Name: profile.name } : {}) },
      SecurityProfiles: securityProfiles.map((p) => p.name),
      ...(status ? { Status: { Id: status.statusId, Name: status.statusName, Type: status.statusType } } : {}),
      Permissions: session.grants,
    };
  }

  /** Ends the session these credentials belong to (the token proves it); no error when it already ended. */
  async signOut(body: Record<string, unknown>): Promise<Record<string, never>> {
    const accessKeyId = field(body, "AccessKeyId", 128)!;
    const token = field(body, "SessionToken", 4096)!;
    await this.deps.store.tx((tx) => tx.sessions.deleteSession(accessKeyId, token));
    return {};
  }
}
