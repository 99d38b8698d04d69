// SigV4 verification of a request exactly as received: the expected signature is computed with
// @smithy/signature-v4 over the received method, raw path, query, the headers the client listed in
// SignedHeaders and the body hash, then compared in constant time.
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { createHash, timingSafeEqual } from "node:crypto";
import { InvalidSignatureException, MissingAuthenticationTokenException, UnrecognizedClientException } from "../api/errors.js";

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
const Sha256 = Hash.bind(null, "sha256");
const BAD_SIGNATURE =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

export class SigV4Verifier {
  private readonly signers = new Map<string, SignatureV4>();

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
    if (amzDate.slice(0, 8) !== shortDate)
      throw new InvalidSignatureException(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${shortDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
    const signingDate = parseAmzDate(amzDate);
    const now = this.now();
    if (Math.abs(now - signingDate.getTime()) > MAX_SKEW_MS) {
      const fmt = (t: number) => new Date(t).toISOString().replace(/[-:]|\.\d{3}/g, "");
      const earlier = signingDate.getTime() < now;
      throw new InvalidSignatureException(
        earlier
          ? `Signature expired: ${amzDate} is now earlier than ${fmt(now - MAX_SKEW_MS)} (${fmt(now)} - 5 min.)`
          : `Signature not yet current: ${amzDate} is still later than ${fmt(now + MAX_SKEW_MS)} (${fmt(now)} + 5 min.)`,
      );
    }

    // A declared payload hash must be the body's: otherwise an altered body could ride on a valid signature.
    const bodyHash = createHash("sha256").update(req.body).digest("hex");
    const declared = header(req.headers, "x-amz-content-sha256");
    if (declared !== undefined && declared !== bodyHash) throw new InvalidSignatureException(BAD_SIGNATURE);

    const headers: Record<string, string> = {};
    for (const name of signed) {
      if (name === "x-amz-date") continue; // the signer writes it from signingDate
      const v = req.headers[name];
      if (v === undefined) throw new InvalidSignatureException(BAD_SIGNATURE);
      headers[name] = Array.isArray(v) ? v.join(",") : v;
    }
    const expected = await this.signer(accessKeyId, owner.secretAccessKey).sign(
      { method: req.method, protocol: "http:", hostname: headers.host ?? "", path: req.path, query: parseQuery(req.rawQuery), headers, body: req.body },
      {
        signingDate,
        signingRegion: region,
        signingService: service,
        signableHeaders: new Set(signed),
      },
    );
    const got = /Signature=([0-9a-f]{64})/.exec(String(expected.headers.authorization ?? expected.headers.Authorization))?.[1] ?? "";
    const a = Buffer.from(got, "utf8");
    const b = Buffer.from(signature, "utf8");
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new InvalidSignatureException(BAD_SIGNATURE);
    return { accountId: owner.accountId, accessKeyId, allow: owner.allow };
  }

  private signer(accessKeyId: string, secretAccessKey: string): SignatureV4 {
    let s = this.signers.get(accessKeyId);
    if (!s) {
      s = new SignatureV4({ credentials: { accessKeyId, secretAccessKey }, region: this.region, service: this.service, sha256: Sha256, applyChecksum: false });
      this.signers.set(accessKeyId, s);
    }
    return s;
  }
}

export function header(headers: ReceivedRequest["headers"], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

function parseAmzDate(s: string): Date {
  return new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`);
}

/** Query as the signer wants it: decoded names and values, repeated names as arrays. */
export function parseQuery(raw: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
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
