// --debug: log lines on stderr in the AWS CLI's Python logging format
// ("2024-01-01 12:00:00,123 - MainThread - awscli.clidriver - DEBUG - ..."), with the lines of `aws --debug`
// a user debugs with, under the same loggers and wording: version and argv, unpacked parameters, the credential
// provider chain, endpoint resolution, the request (params, SigV4 canonical request, prepared request), the
// connection and status line, response headers and body, retry decisions, the request id, the exit. The event
// hook and file-loading lines (botocore internals with no counterpart here) are left out.
import { createHash } from "node:crypto";
import type { HttpRequest } from "@smithy/protocol-http";
import { bytesRepr, pyRepr, strRepr, type PyValue } from "./py.js";
import type { RawResponse } from "./transport.js";

export interface OperationInfo {
  name: string;
  requestUri: string;
  region: string;
}

export interface Debug {
  enabled: boolean;
  log(logger: string, message: string, level?: "DEBUG" | "INFO"): void;
  /** A client call begins (botocore's _make_api_call): its first request logs "Making request", retries do not. */
  call(): void;
  request(req: HttpRequest, op: OperationInfo): void;
  response(req: HttpRequest, res: RawResponse): void;
  requestId(id: string | undefined): void;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const stamp = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())},${pad(d.getMilliseconds(), 3)}`;

export const NO_DEBUG: Debug = { enabled: false, log: () => {}, call: () => {}, request: () => {}, response: () => {}, requestId: () => {} };

const bodyBytes = (req: HttpRequest): Uint8Array => {
  const b = req.body as unknown;
  if (typeof b === "string") return new TextEncoder().encode(b);
  // A view, not the SDK's body object itself (its string-compatibility shim warns on string methods).
  if (b instanceof Uint8Array) return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return new Uint8Array();
};
const query = (req: HttpRequest) =>
  Object.entries(req.query ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}=${x ?? ""}`)).join("&");
const hostPort = (req: HttpRequest) => `${req.hostname}:${req.port ?? (req.protocol === "https:" ? 443 : 80)}`;
/** Python repr of a dict of str → str (or → bytes, as botocore's prepared request holds header values). */
const headerRepr = (h: Record<string, string>, asBytes: boolean) =>
  `{${Object.entries(h).map(([k, v]) => `${strRepr(k)}: ${asBytes && k !== "content-length" ? bytesRepr(new TextEncoder().encode(v)) : strRepr(v)}`).join(", ")}}`;
const sha256 = (s: string | Uint8Array) => createHash("sha256").update(s).digest("hex");

/** botocore.auth's three lines, rebuilt from the request the SDK signed (canonical request per SigV4). */
function signingLines(req: HttpRequest, body: Uint8Array): string[] | undefined {
  const auth = /^AWS4-HMAC-SHA256 Credential=[^/]+\/([^,]+), SignedHeaders=([^,]+), Signature=(\w+)/.exec(req.headers.authorization ?? "");
  if (!auth) return undefined;
  const signed = auth[2].split(";");
  const lower = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalQuery = query(req).split("&").filter(Boolean).sort().join("&");
  const canonical = [
    req.method, req.path, canonicalQuery,
    ...signed.map((h) => `${h}:${String(lower[h] ?? "").trim().replace(/\s+/g, " ")}`), "",
    auth[2], lower["x-amz-content-sha256"] ?? sha256(body),
  ].join("\n");
  const toSign = ["AWS4-HMAC-SHA256", lower["x-amz-date"] ?? "", auth[1], sha256(canonical)].join("\n");
  return ["Calculating signature using v4 auth.", `CanonicalRequest:\n${canonical}`, `StringToSign:\n${toSign}`, `Signature:\n${auth[3]}`];
}

export function createDebug(write: (s: string) => void): Debug {
  const log = (logger: string, message: string, level = "DEBUG") =>
    write(`${stamp(new Date())} - MainThread - ${logger} - ${level} - ${message}\n`);
  let attempt = 0; // of the current call
  let connected = false; // the calls of one command share urllib3's connection: one "Starting new" line
  return {
    enabled: true,
    log,
    call() {
      attempt = 0;
    },
    request(req, op) {
      const qs = query(req);
      const url = `${req.protocol}//${req.hostname}${req.port ? `:${req.port}` : ""}${req.path}${qs ? `?${qs}` : ""}`;
      const body = bodyBytes(req);
      if (req.path.endsWith(op.requestUri) && ++attempt === 1) {
        const params: Record<string, PyValue> = {
          url_path: op.requestUri, query_string: {}, method: req.method,
          headers: { "Content-Type": req.headers["content-type"] ?? "", "User-Agent": req.headers["user-agent"] ?? "" },
        };
        const context = `{'client_region': ${strRepr(op.region)}, 'has_streaming_input': False, 'auth_type': None, 'unsigned_payload': None, 'auth_options': ['aws.auth#sigv4']}`;
        log("botocore.endpoint", `Making request for OperationModel(name=${op.name}) with params: ${pyRepr(params).slice(0, -1)}, 'body': ${bytesRepr(body)}, 'url': ${strRepr(url)}, 'context': ${context}}`);
      }
      for (const line of signingLines(req, body) ?? []) log("botocore.auth", line);
      log("botocore.endpoint", `Sending http request: <AWSPreparedRequest stream_output=False, method=${req.method}, url=${url}, headers=${headerRepr(req.headers, true)}>`);
      if (attempt === 1 && !connected) {
        connected = true;
        log("urllib3.connectionpool", `Starting new ${req.protocol === "https:" ? "HTTPS" : "HTTP"} connection (1): ${hostPort(req)}`);
      }
    },
    response(req, res) {
      const qs = query(req);
      const length = res.headers["content-length"] ?? "None";
      log("urllib3.connectionpool", `${req.protocol}//${hostPort(req)} "${req.method} ${req.path}${qs ? `?${qs}` : ""} HTTP/1.1" ${res.status} ${length}`);
      // botocore parses an error answer twice (error shape, then the modeled exception), logging both times.
      for (let i = res.status >= 300 ? 2 : 1; i > 0; i--) {
        log("botocore.parsers", `Response headers: ${headerRepr(res.headers, false)}`);
        log("botocore.parsers", `Response body:\n${bytesRepr(res.body)}`);
      }
    },
    requestId(id) {
      if (id) log("awscli.formatter", `RequestId: ${id}`);
    },
  };
}
