// Agents' passwords: scrypt (node:crypto, run on libuv's pool, off the event loop) with a per-user random salt,
// stored as scrypt$N$r$p$salt$hash (base64url) so parameters can grow without breaking stored hashes. Also
// `connect-chat hash-password`: reads a password on stdin, prints the hash for the YAML's `passwordHash`.
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import type { PasswordHasher } from "./routing/ports.js";

/** N = 2^15, r = 8, p = 1: 32 MiB and some tens of milliseconds per hash (the cost is the point). */
export const SCRYPT = { N: 32768, r: 8, p: 1, keyLength: 32, saltLength: 16 };

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  return new Promise((ok, fail) =>
    scrypt(password.normalize("NFC"), salt, keyLength, { N, r, p, maxmem: 256 * N * r * p }, (e, key) => (e ? fail(e) : ok(key))),
  );
}

/** The scrypt cost an operator may set (config `auth.passwordHashCost`, log2 of N): 2^10 (1 MiB) to 2^20 (1 GiB). */
export const COST_RANGE = { min: 10, max: 20, default: Math.log2(SCRYPT.N) };

/**
 * A hasher whose new hashes cost 2^costLog2 (verification always takes the cost stored in the hash, so hashes
 * made at another cost keep verifying). Lower costs are for small machines and test runs that create many users.
 */
export function scryptHasher(costLog2: number = COST_RANGE.default): PasswordHasher {
  if (!Number.isInteger(costLog2) || costLog2 < COST_RANGE.min || costLog2 > COST_RANGE.max) throw new RangeError(`scrypt cost 2^${costLog2} is outside 2^${COST_RANGE.min}..2^${COST_RANGE.max}`);
  return { hash: (password) => hashAt(password, 2 ** costLog2), verify: scryptPasswords.verify };
}

async function hashAt(password: string, N: number): Promise<string> {
  const { r, p, keyLength, saltLength } = SCRYPT;
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, N, r, p, keyLength);
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export const scryptPasswords: PasswordHasher = {
  hash: (password) => hashAt(password, SCRYPT.N),
  async verify(password, stored) {
    const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
    if (!m) return false;
    const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
    // Parameters from the stored hash, bounded: a hand-edited hash must not make a sign-in allocate gigabytes.
    if (N > 1 << 20 || r > 32 || p > 16) return false;
    const want = Buffer.from(m[5], "base64url");
    const got = await derive(password, Buffer.from(m[4], "base64url"), N, r, p, want.length);
    return want.length > 0 && timingSafeEqual(got, want);
  },
};

/** `connect-chat hash-password`: the password from stdin (first line), never from the command line (shell history). */
export async function main(_argv: string[]): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const password = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0];
  if (!password) {
    process.stderr.write("usage: connect-chat hash-password < file-with-the-password (or: printf '%s' \"$PW\" | connect-chat hash-password)\n");
    return 2;
  }
  process.stdout.write(`${await scryptPasswords.hash(password)}\n`);
  return 0;
}
