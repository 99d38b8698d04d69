// SearchContacts' NextToken: the keyset (sort value, contact id) of a page's last contact, with a check value over
// it and the query it belongs to. Not signed (the domain holds no secret): a forged token still reads only the
// caller's own instance, but a corrupted one, or one sent with different criteria, is refused.
import { InvalidRequestException } from "../api/errors.js";

export interface Keyset {
  value: number;
  id: string;
}

const invalid = () => new InvalidRequestException("NextToken is not valid for this request (it must come from the previous page of the same search)");

export function encodeCursor(k: Keyset, fingerprint: string): string {
  const body = { v: 1, k: k.value, i: k.id };
  return toBase64Url(JSON.stringify({ ...body, h: check(body.k, body.i, fingerprint) }));
}

export function decodeCursor(token: string, fingerprint: string): Keyset {
  let c: { v?: unknown; k?: unknown; i?: unknown; h?: unknown };
  try {
    c = JSON.parse(fromBase64Url(token)) as typeof c;
  } catch {
    throw invalid();
  }
  if (c === null || typeof c !== "object" || c.v !== 1 || !Number.isSafeInteger(c.k) || typeof c.i !== "string" || typeof c.h !== "string") throw invalid();
  if (c.h !== check(c.k as number, c.i, fingerprint)) throw invalid();
  return { value: c.k as number, id: c.i };
}

function check(value: number, id: string, fingerprint: string): string {
  const s = `${value}\u0000${id}\u0000${fingerprint}`;
  return hash53(s, 0x9e3779b9).toString(36) + hash53(s, 0x85ebca6b).toString(36);
}

/** cyrb53: a fast 53-bit string hash (public domain); two seeds give a ~106-bit check value. */
function hash53(s: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function toBase64Url(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(t: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(t)) throw new Error("not base64url");
  const bin = atob(t.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
}
