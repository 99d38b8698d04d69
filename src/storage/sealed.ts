// Idempotency records at rest without secrets. A replayed answer (StartChatContact, CreateParticipant,
// CreateParticipantConnection) carries bearer tokens, which the tokens table keeps only as hashes; so the record's key
// column holds HMAC(server secret, the client's token) and its result is AES-256-GCM ciphertext under a key derived
// from the client's token itself, which is never stored. Only the retrier who presents the same token (and the same
// account and operation) can open it; a copy of the database alone, server secret included, cannot.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import type { IdempotencyRecord } from "../domain/ports.js";

/** The meta row holding the server secret: 32 random bytes, hex, written once by the first process to start. */
export const SECRET_NAME = "idempotency_secret";
export const newSecret = (): string => randomBytes(32).toString("hex");

const VERSION = "v1:";

function derive(secret: string, purpose: "lookup" | "seal", r: Pick<IdempotencyRecord, "accountId" | "operation" | "key">): Buffer {
  // JSON framing: no two (account, operation, key) triples share an input, whatever characters they hold.
  return createHmac("sha256", Buffer.from(secret, "hex")).update(JSON.stringify([purpose, r.accountId, r.operation, r.key])).digest();
}

/** The key column for a client token: what lookups and the primary key use. */
export function lookupKey(secret: string, accountId: string, operation: string, key: string): string {
  return derive(secret, "lookup", { accountId, operation, key }).toString("hex");
}

/** The record as stored: key replaced by its lookup HMAC, result encrypted (the fingerprint is authenticated too). */
export function seal(secret: string, rec: IdempotencyRecord): IdempotencyRecord {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derive(secret, "seal", rec), iv);
  cipher.setAAD(Buffer.from(rec.fingerprint));
  const body = Buffer.concat([cipher.update(rec.result, "utf8"), cipher.final()]);
  const result = VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
  return { ...rec, key: lookupKey(secret, rec.accountId, rec.operation, rec.key), result };
}

/**
 * The stored record read with the client's own token; undefined when it cannot be opened (written under another
 * secret, or altered): the request then runs as a new one.
 */
export function unseal(secret: string, stored: IdempotencyRecord, key: string): IdempotencyRecord | undefined {
  if (!stored.result.startsWith(VERSION)) return undefined;
  const raw = Buffer.from(stored.result.slice(VERSION.length), "base64");
  if (raw.length < 28) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", derive(secret, "seal", { ...stored, key }), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(stored.fingerprint));
    decipher.setAuthTag(raw.subarray(12, 28));
    const result = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    return { ...stored, key, result };
  } catch {
    return undefined;
  }
}
