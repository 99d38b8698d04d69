// SigV4 verification of a request exactly as received: the canonical request is built from the received method,
// raw path, query, the headers the client listed in SignedHeaders and the body hash (sigv4-canonical.ts: a
// single pass for the common case, @smithy/signature-v4 for the rest); the hashes and HMACs run on node:crypto
// with signing keys cached per (key, date, region, service) as KeyObjects; the result is compared in constant time.
// Presigned requests (X-Amz-* in the query, the SDK presigners) are verified the same way, within X-Amz-Expires.
import * as crypto from "node:crypto";
import { createHash, createHmac, createSecretKey, timingSafeEqual, type KeyObject } from "node:crypto";
import { IncompleteSignatureException, InvalidSignatureException, MissingAuthenticationTokenException, UnrecognizedClientException } from "../api/errors.js";
import { canonicalRequest } from "./sigv4-canonical.js";

export interface SigningKeyOwner {
  accountId: string;
  secretAccessKey: string;
  /** Temporary credentials: requests must carry this X-Amz-Security-Token; long-term keys (absent) must carry none. */
  sessionToken?: string;
  /** Operations this key may call (an IAM-like allow list); all when absent. */
  allow?: ReadonlySet<string>;
  /** A signed-in agent's session credentials: whose they are and what they may call (see http/scope.ts). */
  scope?: SessionScope;
}

/** The user and instance session credentials belong to, and their grants: operation → "any" | "self". */
export interface SessionScope {
  userId: string;
  instanceId: string;
  grants: Readonly<Record<string, "any" | "self">>;
}

/** What verify returns: the signer, with the key's allow list and, for session credentials, their scope. */
export interface VerifiedCaller {
  accountId: string;
  accessKeyId: string;
  allow?: ReadonlySet<string>;
  scope?: SessionScope;
}

export interface ReceivedRequest {
  method: string;
  /** Raw path as received, still percent-encoded, without the query. */
  path: string;
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** What a request claims to be signed with: from its Authorization header, or from a presigned URL's query. */
interface Claim {
  credential: string;
  signedList: string;
  signature: string;
  amzDate: string | undefined;
  token: string | undefined;
  /** A declared payload hash (x-amz-content-sha256 header, or its query parameter when presigned). */
  declared: string | undefined;
  /** Presigned: the X-Amz-Expires lifetime in seconds (undefined: none given, the 5-minute window applies). */
  presigned?: { expires: number | undefined };
}

const AUTH = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})\s*$/;
const MAX_SKEW_MS = 5 * 60_000;
/** SigV4's longest presigned lifetime: 7 days. */
const MAX_EXPIRES_S = 604_800;
const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
/** The query parameters a presigned request needs, in the order AWS's front end names missing ones. */
const QUERY_AUTH = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"] as const;
/** One-shot SHA-256 in hex: crypto.hash (Node ≥ 20.12) spares a Hash object per call; createHash elsewhere. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Buffer, encoding: "hex") => string }).hash;
const sha256Hex = oneShot ? (data: string | Buffer) => oneShot("sha256", data, "hex") : (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const BAD_SIGNATURE =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const BAD_TOKEN = "The security token included in the request is invalid.";
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export class SigV4Verifier {
  private readonly signingKeys = new Map<string, KeyObject>();

  constructor(
    private readonly keys: ReadonlyMap<string, SigningKeyOwner>,
    private readonly region: string,
    private readonly service: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Returns the account that signed the request, or throws the AWS error a real endpoint gives. `resolved`: the
   * owner of a key that is not configured (session credentials, looked up by the caller before the body was read).
   */
  async verify(req: ReceivedRequest, resolved?: { accessKeyId: string; owner: SigningKeyOwner }): Promise<VerifiedCaller> {
    const authz = header(req.headers, "authorization");
    // Query authentication is chosen by X-Amz-Algorithm in the query, as AWS's front end does (the SDK presigners).
    const query = req.rawQuery === "" ? undefined : parseQuery(req.rawQuery);
    const presigned = query !== undefined && hasOwn(query, "X-Amz-Algorithm");
    if (authz && presigned) throw new InvalidSignatureException("Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
    const claim = presigned ? queryClaim(query, req.headers) : headerClaim(authz, req.headers);
    const { credential, signedList, signature } = claim;
    const [accessKeyId, shortDate, region, service, terminator] = credential.split("/");
    const owner = resolved ? (resolved.accessKeyId === accessKeyId ? resolved.owner : undefined) : this.keys.get(accessKeyId ?? "");
    if (!owner) throw new UnrecognizedClientException(BAD_TOKEN);
    if (terminator !== "aws4_request" || !shortDate) throw new InvalidSignatureException("Credential should be scoped with a valid terminator: 'aws4_request'.");
    if (region !== this.region) throw new InvalidSignatureException(`Credential should be scoped to a valid region, not '${region}'.`);
    if (service !== this.service) throw new InvalidSignatureException(`Credential should be scoped to correct service: '${this.service}'.`);

    const amzDate = claim.amzDate;
    const signed = signedList.split(";");
    if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
      if (claim.presigned) throw new IncompleteSignatureException(`Date must be in ISO-8601 'basic format'. Got '${amzDate ?? ""}'. See http://en.wikipedia.org/wiki/ISO_8601`);
      throw new InvalidSignatureException("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    if (!signed.includes("host")) throw new InvalidSignatureException("'Host' must be a 'SignedHeader' in the AWS Authorization.");
    // The list is part of what was signed, as sent: a client signs it sorted, lower-case, without repeats.
    if (!isCanonicalList(signed)) throw new InvalidSignatureException(BAD_SIGNATURE);
    if (amzDate.slice(0, 8) !== shortDate)
      throw new InvalidSignatureException(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${shortDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
    const signingDate = parseAmzDate(amzDate); // its time, for the clock-skew check
    // An impossible date (month 13, February 30) must not parse to NaN: NaN skew would never count as expired.
    if (signingDate === undefined) throw new InvalidSignatureException(`Date must be in ISO-8601 'basic format'. Got '${amzDate}'.`);
    checkTime(amzDate, signingDate, this.now(), claim.presigned?.expires);

    // A declared payload hash must be the body's (or, presigned, UNSIGNED-PAYLOAD): otherwise an altered body
    // could ride on a valid signature.
    const bodyHash = sha256Hex(req.body);
    const declared = claim.declared;
    if (declared !== undefined && declared !== bodyHash && !(claim.presigned && declared === UNSIGNED_PAYLOAD)) throw new InvalidSignatureException(BAD_SIGNATURE);

    const values: string[] = [];
    for (const name of signed) {
      const v = req.headers[name];
      if (v === undefined) throw new InvalidSignatureException(BAD_SIGNATURE);
      values.push(Array.isArray(v) ? v.join(",") : v);
    }
    const scope = `${shortDate}/${region}/${service}/aws4_request`;
    const key = this.signingKey(accessKeyId, owner.secretAccessKey, shortDate, region, service);
    const given = Buffer.from(signature, "hex");
    // smithy's canonical query leaves X-Amz-Signature out, as SigV4 requires of a presigned request.
    const matches = (payloadHash: string) => {
      const canonical = canonicalRequest({ method: req.method, path: req.path, rawQuery: req.rawQuery, signed, values, payloadHash, parseQuery });
      const expected = createHmac("sha256", key).update(`AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`).digest();
      return given.length === expected.length && timingSafeEqual(given, expected);
    };
    // A presigned URL without a declared hash was signed over the body (botocore, smithy) or over
    // UNSIGNED-PAYLOAD (the S3-style presigners): either is accepted.
    const ok = matches(declared ?? bodyHash) || (claim.presigned !== undefined && declared === undefined && matches(UNSIGNED_PAYLOAD));
    if (!ok) throw new InvalidSignatureException(BAD_SIGNATURE);
    // Checked after the signature, as AWS does: long-term keys carry no token; temporary ones carry theirs.
    if (!sameToken(claim.token, owner.sessionToken)) throw new UnrecognizedClientException(BAD_TOKEN);
    return { accountId: owner.accountId, accessKeyId, allow: owner.allow, scope: owner.scope };
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

/** The claim of an Authorization header (AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…). */
function headerClaim(authz: string | undefined, headers: ReceivedRequest["headers"]): Claim {
  if (!authz) throw new MissingAuthenticationTokenException("Missing Authentication Token");
  const m = AUTH.exec(authz);
  if (!m) throw new InvalidSignatureException(`Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters of AWS4-HMAC-SHA256. Authorization=${authz.slice(0, 200)}`);
  return { credential: m[1], signedList: m[2], signature: m[3], amzDate: header(headers, "x-amz-date"), token: header(headers, "x-amz-security-token"), declared: header(headers, "x-amz-content-sha256") };
}

/** The claim of a presigned request: the X-Amz-* query parameters (names as SigV4 spells them). */
function queryClaim(query: Record<string, string | string[]>, headers: ReceivedRequest["headers"]): Claim {
  const one = (name: string) => {
    const v = query[name];
    return Array.isArray(v) ? undefined : v; // a repeated parameter names no single value
  };
  let missing = "";
  for (const name of QUERY_AUTH) if (!one(name)) missing += `AWS query-string parameters must include '${name}'. `;
  if (missing) throw new IncompleteSignatureException(`${missing}Re-examine the query-string parameters.`);
  const algorithm = one("X-Amz-Algorithm")!;
  if (algorithm !== "AWS4-HMAC-SHA256") throw new IncompleteSignatureException(`Unsupported AWS 'algorithm': '${algorithm}' (only AWS4-HMAC-SHA256 for now). `);
  const signature = one("X-Amz-Signature")!;
  if (!/^[0-9a-f]{64}$/.test(signature)) throw new InvalidSignatureException(BAD_SIGNATURE);
  let expires: number | undefined;
  if (hasOwn(query, "X-Amz-Expires")) {
    const text = one("X-Amz-Expires") ?? "";
    expires = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
    if (!(expires >= 1 && expires <= MAX_EXPIRES_S)) throw new IncompleteSignatureException(`X-Amz-Expires must be a whole number of seconds from 1 to ${MAX_EXPIRES_S} (7 days); got '${text}'.`);
  }
  // The SDKs hoist x-amz-* headers into the query when presigning, keeping the name's case.
  const declaredKey = Object.keys(query).find((k) => k.toLowerCase() === "x-amz-content-sha256");
  return {
    credential: one("X-Amz-Credential")!,
    signedList: one("X-Amz-SignedHeaders")!,
    signature,
    amzDate: one("X-Amz-Date"),
    token: one("X-Amz-Security-Token") ?? header(headers, "x-amz-security-token"),
    declared: header(headers, "x-amz-content-sha256") ?? (declaredKey ? one(declaredKey) : undefined),
    presigned: { expires },
  };
}

/** A signature is current within 5 minutes of its date, or, presigned with X-Amz-Expires, from 5 minutes before
 * its date until its date plus that lifetime. */
function checkTime(amzDate: string, signingDate: number, now: number, expires: number | undefined): void {
  const fmt = (t: number) => new Date(t).toISOString().replace(/[-:]|\.\d{3}/g, "");
  if (signingDate - now > MAX_SKEW_MS)
    throw new InvalidSignatureException(`Signature not yet current: ${amzDate} is still later than ${fmt(now + MAX_SKEW_MS)} (${fmt(now)} + 5 min.)`);
  if (expires === undefined) {
    if (now - signingDate > MAX_SKEW_MS) throw new InvalidSignatureException(`Signature expired: ${amzDate} is now earlier than ${fmt(now - MAX_SKEW_MS)} (${fmt(now)} - 5 min.)`);
  } else if (now - signingDate > expires * 1000) {
    throw new InvalidSignatureException(`Signature expired: ${amzDate} is now earlier than ${fmt(now - expires * 1000)} (${fmt(now)} - ${expires} sec.)`);
  }
}

/** Constant-time comparison of the received token with the configured one; both absent is a match. */
function sameToken(given: string | undefined, configured: string | undefined): boolean {
  if (given === undefined || configured === undefined) return given === configured;
  const a = Buffer.from(given);
  const b = Buffer.from(configured);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The access key a request names (Authorization header or presigned X-Amz-Credential), without verifying
 * anything: for refusing unknown keys before reading a body. */
export function claimedAccessKey(headers: ReceivedRequest["headers"], rawQuery: string): string | undefined {
  const authz = header(headers, "authorization");
  const credential = authz ? /Credential=([^/,\s]+)/.exec(authz)?.[1] : rawQuery.includes("X-Amz-Credential") ? parseQuery(rawQuery)["X-Amz-Credential"] : undefined;
  return typeof credential === "string" ? credential.split("/")[0] : undefined;
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
