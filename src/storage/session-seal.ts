// Sessions at rest without their secrets (the pattern of sealed.ts): the row keeps SHA-256 of the session token,
// and the secret access key AES-256-GCM-sealed under a key derived from the token itself, which is never stored.
// A request carries its token (X-Amz-Security-Token) on every call, so the verifying node can open the secret it
// needs for the SigV4 check; a copy of the database alone can neither sign requests nor present a token.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { AgentSession, Grant } from "../domain/sessions.js";

export interface SessionRow {
  access_key_id: string;
  token_hash: string;
  sealed_secret: string;
  account_id: string;
  instance_id: string;
  user_id: string;
  grants: string;
  created_at: number | string;
  expires_at: number | string;
}

const VERSION = "v1:";
export const sessionTokenHash = (token: string): string => createHash("sha256").update(token).digest("hex");
const keyOf = (token: string) => createHmac("sha256", token).update("connect-chat session secret").digest();
/** Authenticated with the secret: a row's secret cannot be moved to another key or user. */
const aadOf = (r: Pick<SessionRow, "access_key_id" | "user_id" | "instance_id">) => Buffer.from(JSON.stringify([r.access_key_id, r.user_id, r.instance_id]));

/** Column values in table order: access_key_id, token_hash, sealed_secret, account_id, instance_id, user_id, grants, created_at, expires_at. */
export function sealSession(s: AgentSession): unknown[] {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(s.sessionToken), iv);
  cipher.setAAD(aadOf({ access_key_id: s.accessKeyId, user_id: s.userId, instance_id: s.instanceId }));
  const body = Buffer.concat([cipher.update(s.secretAccessKey, "utf8"), cipher.final()]);
  const sealed = VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
  return [s.accessKeyId, sessionTokenHash(s.sessionToken), sealed, s.accountId, s.instanceId, s.userId, JSON.stringify(s.grants), s.createdAt, s.expiresAt];
}

/** The session of a row, opened with the token a request presented; undefined if the token is not the row's. */
export function openSession(row: SessionRow, token: string): AgentSession | undefined {
  const want = Buffer.from(row.token_hash, "hex");
  const got = Buffer.from(sessionTokenHash(token), "hex");
  if (want.length !== got.length || !timingSafeEqual(want, got) || !row.sealed_secret.startsWith(VERSION)) return undefined;
  const raw = Buffer.from(row.sealed_secret.slice(VERSION.length), "base64");
  if (raw.length < 28) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyOf(token), raw.subarray(0, 12));
    decipher.setAAD(aadOf(row));
    decipher.setAuthTag(raw.subarray(12, 28));
    const secretAccessKey = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    return {
      accessKeyId: row.access_key_id,
      secretAccessKey,
      sessionToken: token,
      accountId: row.account_id,
      instanceId: row.instance_id,
      userId: row.user_id,
      grants: JSON.parse(row.grants) as Record<string, Grant>,
      createdAt: Number(row.created_at),
      expiresAt: Number(row.expires_at),
    };
  } catch {
    return undefined;
  }
}

/** Portable SQL (? placeholders; the PostgreSQL adapter numbers them). */
export const SESSION_SQL = {
  insert:
    "INSERT INTO agent_sessions (access_key_id, token_hash, sealed_secret, account_id, instance_id, user_id, grants, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  get: "SELECT * FROM agent_sessions WHERE access_key_id = ? AND expires_at > ?",
  delete: "DELETE FROM agent_sessions WHERE access_key_id = ? AND token_hash = ?",
  deleteUser: "DELETE FROM agent_sessions WHERE user_id = ?",
  purge: "DELETE FROM agent_sessions WHERE expires_at <= ?",
};
