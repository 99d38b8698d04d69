// The SigV4 canonical request of a received request. The common case (a plain path such as
// /chat-integration-event, no query, SignedHeaders sorted and lower-case as every SDK sends them) is built here
// in one pass over the signed headers; anything else goes to @smithy/signature-v4's builder, which does path
// normalization and double encoding, query canonicalization and header de-duplication. Both give the same
// string for the common case (test/unit/sigv4.test.ts compares them).
import { Hash } from "@smithy/hash-node";
import { getCanonicalHeaders, SignatureV4 } from "@smithy/signature-v4";
import type { HttpRequest } from "@smithy/types";

/** Exposes smithy's canonical-request builder (protected there) without signing anything. */
class Canonicalizer extends SignatureV4 {
  canonicalRequest(request: HttpRequest, headers: Record<string, string>, payloadHash: string): string {
    return this.createCanonicalRequest(request, headers, payloadHash);
  }
}

const canonicalizer = new Canonicalizer({ credentials: { accessKeyId: "", secretAccessKey: "" }, region: "", service: "", sha256: Hash.bind(null, "sha256") });

/** Segments of unreserved characters not starting with a dot: smithy's normalization and escaping keep them as they are. */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*\/?$/;
const HEADER_NAME = /^[a-z0-9-]+$/;
/** What smithy's header-value normalization would change. */
const UNNORMAL = /[\r\n\t]| {2}|^ | $/;

export interface CanonicalInput {
  method: string;
  /** Raw path as received, still percent-encoded. */
  path: string;
  rawQuery: string;
  /** The SignedHeaders list as sent, split on ";". */
  signed: readonly string[];
  /** The received value of each name in `signed` (defined for each). */
  values: readonly string[];
  payloadHash: string;
  parseQuery: (raw: string) => Record<string, string | string[]>;
}

export function canonicalRequest(r: CanonicalInput): string {
  if (r.rawQuery === "" && PLAIN_PATH.test(r.path) && sortedPlainNames(r.signed)) {
    let headers = "";
    for (let i = 0; i < r.signed.length; i++) headers += `${r.signed[i]}:${normalizeValue(r.values[i])}\n`;
    return `${r.method}\n${r.path}\n\n${headers}\n${r.signed.join(";")}\n${r.payloadHash}`;
  }
  return smithyCanonicalRequest(r);
}

export function smithyCanonicalRequest(r: CanonicalInput): string {
  const headers: Record<string, string> = Object.create(null); // signed names are the client's
  r.signed.forEach((name, i) => (headers[name] = r.values[i]));
  const request = { method: r.method, protocol: "http:", hostname: headers.host ?? "", path: r.path, query: r.parseQuery(r.rawQuery), headers } as HttpRequest;
  // Only the headers the client signed, each canonicalized the way smithy signs them (even ones it would skip).
  const canonicalHeaders = getCanonicalHeaders(request, undefined, new Set(r.signed));
  return canonicalizer.canonicalRequest(request, canonicalHeaders, r.payloadHash);
}

/** Strictly increasing lower-case token names: smithy's sort and de-duplication would leave them as they are. */
function sortedPlainNames(names: readonly string[]): boolean {
  for (let i = 0; i < names.length; i++) {
    if (!HEADER_NAME.test(names[i])) return false;
    if (i > 0 && !(names[i - 1] < names[i])) return false;
  }
  return true;
}

/** smithy's header-value canonicalization: CR/LF to spaces, runs of spaces and tabs to one, one edge space off. */
function normalizeValue(v: string): string {
  if (!UNNORMAL.test(v)) return v;
  return v
    .replace(/[\r\n]/g, " ")
    .replace(/[ \t]+/g, " ")
    .replace(/^ | $/g, "");
}
