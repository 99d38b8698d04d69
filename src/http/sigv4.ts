// SigV4 verification of a request exactly as received: the canonical request is built from the received method,
// raw path, query, the headers the client listed in SignedHeaders and the body hash (sigv4-canonical.ts: a
// single pass for the common case, @smithy/signature-v4 for the rest); the hashes and HMACs run on node:crypto
// with signing keys cached per (key, date, region, service) as KeyObjects; the result is compared in constant time.
import * as crypto from "node:crypto";
import { createHash, createHmac, createSecretKey, timingSafeEqual, type KeyObject } from "node:crypto";
import { InvalidSignatureException, MissingAuthenticationTokenException, UnrecognizedClientException } from "../api/errors.js";
import { canonicalRequest } from "./sigv4-canonical.js";

export interface SigningKeyOwner {
  accountId: string;
  secretAccessKey: string;
  /** Operations this key may call (an IAM-like allow list); all when absent. */
  allow?: ReadonlySet<string>;
}

export interface ReceivedRequest {
  method: string;
  /** Raw path as received, still percent-encoded, without the query. */
  path: string;
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const AUTH = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})\s*$/;
const MAX_SKEW_MS = 5 * 60_000;
/** One-shot SHA-256 in hex: crypto.hash (Node ≥ 20.12) spares a Hash object per call; createHash elsewhere. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Buffer, encoding: "hex") => string }).hash;
const sha256Hex = oneShot ? (data: string | Buffer) => oneShot("sha256", data, "hex") : (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const BAD_SIGNATURE =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

export class SigV4Verifier {
  private readonly signingKeys = new Map<string, KeyObject>();

  constructor(
    private readonly keys: ReadonlyMap<string, SigningKeyOwner>,
    private readonly region: string,
    private readonly service: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns the account that signed the request, or throws the AWS error a real endpoint gives. */
  async verify(req: ReceivedRequest): Promise<{ accountId: string; accessKeyId: string; allow?: ReadonlySet<string> }> {
    const authz = header(req.headers, "authorization");
    if (!authz) throw new MissingAuthenticationTokenException("Missing Authentication Token");
    const m = AUTH.exec(authz);
    if (!m) throw new InvalidSignatureException(`Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters of AWS4-HMAC-SHA256. Authorization=${authz.slice(0, 200)}`);
    const [, credential, signedList, signature] = m;
    const [accessKeyId, shortDate, region, service, terminator] = credential.split("/");
    const owner = this.keys.get(accessKeyId ?? "");
    if (!owner) throw new UnrecognizedClientException("The security token included in the request is invalid.");
    if (terminator !== "aws4_request" || !shortDate) throw new InvalidSignatureException("Credential should be scoped with a valid terminator: 'aws4_request'.");
    if (region !== this.region) throw new InvalidSignatureException(`Credential should be scoped to a valid region, not '${region}'.`);
    if (service !== this.service) throw new InvalidSignatureException(`Credential should be scoped to correct service: '${this.service}'.`);

    const amzDate = header(req.headers, "x-amz-date");
    const signed = signedList.split(";");
    if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate))
      throw new InvalidSignatureException("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    if (!signed.includes("host")) throw new InvalidSignatureException("'Host' must be a 'SignedHeader' in the AWS Authorization.");
    // The list is part of what was signed, as sent: a client signs it sorted, lower-case, without repeats.
    if (!isCanonicalList(signed)) throw new InvalidSignatureException(BAD_SIGNATURE);
    if (amzDate.slice(0, 8) !== shortDate)
      throw new InvalidSignatureException(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${shortDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
    const signingDate = parseAmzDate(amzDate); // its time, for the clock-skew check
    // An impossible date (month 13, February 30) must not parse to NaN: NaN skew would never count as expired.
    if (signingDate === undefined) throw new InvalidSignatureException(`Date must be in ISO-8601 'basic format'. Got '${amzDate}'.`);
    const now = this.now();
    if (Math.abs(now - signingDate) > MAX_SKEW_MS) {
      const fmt = (t: number) => new Date(t).toISOString().replace(/[-:]|\.\d{3}/g, "");
      const earlier = signingDate < now;
      throw new InvalidSignatureException(
        earlier
          ? `Signature expired: ${amzDate} is now earlier than ${fmt(now - MAX_SKEW_MS)} (${fmt(now)} - 5 min.)`
          : `Signature not yet current: ${amzDate} is still later than ${fmt(now + MAX_SKEW_MS)} (${fmt(now)} + 5 min.)`,
      );
    }

    // A declared payload hash must be the body's: otherwise an altered body could ride on a valid signature.
    const bodyHash = sha256Hex(req.body);
    const declared = header(req.headers, "x-amz-content-sha256");
    if (declared !== undefined && declared !== bodyHash) throw new InvalidSignatureException(BAD_SIGNATURE);

    const values: string[] = [];
    for (const name of signed) {
      const v = req.headers[name];
      if (v === undefined) throw new InvalidSignatureException(BAD_SIGNATURE);
      values.push(Array.isArray(v) ? v.join(",") : v);
    }
    const canonical = canonicalRequest({ method: req.method, path: req.path, rawQuery: req.rawQuery, signed, values, payloadHash: declared ?? bodyHash, parseQuery });
    const scope = `${shortDate}/${region}/${service}/aws4_request`;
    const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
    const expected = createHmac("sha256", this.signingKey(accessKeyId, owner.secretAccessKey, shortDate, region, service)).update(stringToSign).digest();
    const given = Buffer.from(signature, "hex");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidSignatureException(BAD_SIGNATURE);
    return { accountId: owner.accountId, accessKeyId, allow: owner.allow };
  }

  /** kSigning = HMAC chain over date, region, service and "aws4_request"; cached, it changes once a day. */
  private signingKey(accessKeyId: string, secret: string, date: string, region: string, service: string): KeyObject {
    const id = `${accessKeyId}/${date}/${region}/${service}`;
    let key = this.signingKeys.get(id);
    if (!key) {
      if (this.signingKeys.size > 1000) this.signingKeys.clear();
      // A KeyObject: createHmac on a raw Buffer key re-imports it on every call (about half of an HMAC's cost).
      key = createSecretKey([date, region, service, "aws4_request"].reduce<Buffer>((k, part) => createHmac("sha256", k).update(part).digest(), Buffer.from(`AWS4${secret}`)));
      this.signingKeys.set(id, key);
    }
    return key;
  }
}

export function header(headers: ReceivedRequest["headers"], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

/** The time of a yyyyMMddTHHmmssZ string (format already checked), or undefined when it names no real instant.
 * Requests signed in the same second share the string, so the last answer is kept (no regex or ISO round trip
 * per request: that was ~2% of the server's busy time). */
let lastAmzDate = "";
let lastAmzTime: number | undefined;
function parseAmzDate(s: string): number | undefined {
  if (s !== lastAmzDate) {
    const n = (from: number, to: number) => Number(s.slice(from, to));
    const [y, mo, d, h, mi, sec] = [n(0, 4), n(4, 6), n(6, 8), n(9, 11), n(11, 13), n(13, 15)];
    const back = new Date(0);
    back.setUTCFullYear(y, mo - 1, d); // not Date.UTC: it reads years 0–99 as 1900–1999
    back.setUTCHours(h, mi, sec, 0);
    // Round trip through the calendar: month 13 or February 30 would roll over into another date.
    const real = back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && back.getUTCHours() === h && back.getUTCMinutes() === mi && back.getUTCSeconds() === sec;
    lastAmzDate = s;
    lastAmzTime = real ? back.getTime() : undefined;
  }
  return lastAmzTime;
}

function isCanonicalList(names: string[]): boolean {
  for (let i = 0; i < names.length; i++) if (names[i] === "" || names[i] !== names[i].toLowerCase() || (i > 0 && names[i - 1] >= names[i])) return false;
  return true;
}

/** Query as the signer wants it: decoded names and values, repeated names as arrays. */
export function parseQuery(raw: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null); // names are the client's: no inherited ones
  if (!raw) return out;
  for (const part of raw.split("&")) {
    if (!part) continue;
    const i = part.indexOf("=");
    const k = safeDecode(i < 0 ? part : part.slice(0, i));
    const v = i < 0 ? "" : safeDecode(part.slice(i + 1));
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
