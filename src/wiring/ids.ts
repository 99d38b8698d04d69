// Ids and the clock of a running server: UUIDv7 ids for contacts, participants and items, tokens, the system clock.
import { randomBytes, randomFillSync } from "node:crypto";
import type { Clock, Ids } from "../domain/ports.js";

export const systemClock: Clock = { now: () => Date.now() };
/**
 * UUIDs in the version 7 layout (milliseconds first, then random bits): still UUIDs to every client, but new
 * ids sort after old ones, so the id indexes grow at their end instead of touching a random page per insert.
 * The random bits come from a pool refilled by one randomFillSync per 409 ids (a call per id cost ~4% of the
 * server's CPU under load), as node's own randomUUID does.
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const RANDOM_PER_ID = 10;
const pool = Buffer.allocUnsafe(RANDOM_PER_ID * 409);
let poolAt = pool.length;

export function uuidv7(now = Date.now()): string {
  if (poolAt + RANDOM_PER_ID > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const r = pool;
  const o = poolAt;
  poolAt += RANDOM_PER_ID;
  const t = now.toString(16).padStart(12, "0");
  return (
    `${t.slice(0, 8)}-${t.slice(8, 12)}-${HEX[(r[o] & 0x0f) | 0x70]}${HEX[r[o + 1]]}-${HEX[(r[o + 2] & 0x3f) | 0x80]}${HEX[r[o + 3]]}-` +
    `${HEX[r[o + 4]]}${HEX[r[o + 5]]}${HEX[r[o + 6]]}${HEX[r[o + 7]]}${HEX[r[o + 8]]}${HEX[r[o + 9]]}`
  );
}

export const uuidIds: Ids = {
  contactId: () => uuidv7(),
  participantId: () => uuidv7(),
  itemId: () => uuidv7(),
  token: () => randomBytes(32).toString("base64url"),
};

