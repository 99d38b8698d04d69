// The HTTP layer under the SDK client: NodeHttpHandler with the CLI's timeouts, TLS and proxy settings,
// wrapped so that the raw answer (status, headers, body) is kept for botocore-style error parsing and
// transport failures become the AWS CLI's messages (connect refused, timeouts, proxy, SSL).
import type { HttpHandler, HttpRequest, HttpResponse } from "@smithy/protocol-http";
import { RuntimeCliError } from "./errors.js";
import { insecureRequestWarning, insecureWarningIgnored } from "./pywarn.js";
import type { Debug, OperationInfo } from "./debug.js";

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface TransportOptions {
  endpoint: string;
  /** Full URL of the operation, for error messages. */
  url: string;
  verify: boolean;
  caBundle?: string;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  noSign: boolean;
  env: NodeJS.ProcessEnv;
  debug: Debug;
  op: OperationInfo;
  /** Where urllib3's InsecureRequestWarning goes (stderr) when verify is off. */
  warn?: (text: string) => void;
}

/** A failure below HTTP; `retryable` as botocore's legacy handler treats it. */
export class TransportError extends RuntimeCliError {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
  }
}

/** The proxy URL for `url` from HTTP(S)_PROXY/NO_PROXY (lower case wins, as in urllib), or undefined. */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): string | undefined {
  const get = (n: string) => env[n.toLowerCase()] ?? env[n.toUpperCase()];
  const noProxy = (get("no_proxy") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (noProxy.some((np) => np === "*" || host === np.replace(/^\./, "") || host.endsWith("." + np.replace(/^\./, "")))) return undefined;
  const p = url.protocol === "https:" ? get("https_proxy") : get("http_proxy");
  return p ? (p.includes("://") ? p : `http://${p}`) : undefined;
}

/** Named exports of a CommonJS module, whether they arrive as such or under `default` (esbuild bundle). */
const interop = (m: any): Record<string, any> => (m && m.default && typeof m.default === "object" && Object.keys(m).length <= 2 ? m.default : m);

const SSL_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed certificate",
  SELF_SIGNED_CERT_IN_CHAIN: "self-signed certificate in certificate chain",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "unable to get local issuer certificate",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "unable to get local issuer certificate",
  CERT_HAS_EXPIRED: "certificate has expired",
};

/** A failed request the SDK made for credentials (STS through this handler): its Query-protocol action. */
export interface ForeignFailure {
  action: string;
}

export async function createTransport(o: TransportOptions): Promise<{ handler: HttpHandler; last: () => RawResponse | undefined; foreign: () => ForeignFailure | undefined }> {
  const { NodeHttpHandler } = interop(await import("@smithy/node-http-handler"));
  const https = await import("node:https");
  const http = await import("node:http");
  const { readFileSync } = await import("node:fs");
  const target = new URL(o.endpoint);
  const proxy = proxyFor(target, o.env);
  let ca: Buffer | undefined;
  if (o.verify && o.caBundle && target.protocol === "https:") {
    try {
      ca = readFileSync(o.caBundle);
    } catch {
      throw new RuntimeCliError(`SSL validation failed for ${o.url} [Errno 2] No such file or directory`);
    }
  }
  const tls = { rejectUnauthorized: o.verify, ...(ca ? { ca } : {}), keepAlive: true };
  let httpAgent: import("node:http").Agent = new http.Agent({ keepAlive: true });
  let httpsAgent: import("node:https").Agent = new https.Agent(tls);
  if (proxy) {
    const { HttpProxyAgent } = interop(await import("http-proxy-agent"));
    const { HttpsProxyAgent } = interop(await import("https-proxy-agent"));
    httpAgent = new HttpProxyAgent(proxy);
    httpsAgent = new HttpsProxyAgent(proxy, tls);
  }
  const inner = new NodeHttpHandler({ httpAgent, httpsAgent, connectionTimeout: o.connectTimeoutMs, socketTimeout: o.readTimeoutMs });
  /** urllib3 warns on every request over HTTPS that it does not verify (botocore's verify=False). */
  const insecure = (request: HttpRequest) => {
    if (o.verify || !o.warn || request.protocol !== "https:") return;
    const host = request.hostname.replace(/^\[|\]$/g, "");
    if (!insecureWarningIgnored(o.env.PYTHONWARNINGS, host)) o.warn(insecureRequestWarning(host));
  };
  let last: RawResponse | undefined;
  let foreign: ForeignFailure | undefined;
  const handler = {
    metadata: inner.metadata,
    destroy: () => inner.destroy(),
    updateHttpClientConfig: (k: any, v: any) => inner.updateHttpClientConfig(k, v),
    httpHandlerConfigs: () => inner.httpHandlerConfigs(),
    async handle(request: HttpRequest, options?: any): Promise<{ response: HttpResponse }> {
      if (o.noSign) {
        for (const h of Object.keys(request.headers)) {
          if (/^(authorization|x-amz-date|x-amz-security-token|x-amz-content-sha256)$/i.test(h)) delete request.headers[h];
        }
      }
      o.debug.request(request, o.op);
      let res: { response: HttpResponse };
      try {
        res = await inner.handle(request, options);
      } catch (e) {
        last = undefined;
        const failure = classify(e, o.url, proxy);
        // urllib3 warns once it holds a connection: not when none could be opened.
        if (!/^(Could not connect|Failed to connect to proxy|Connect timeout)/.test(failure.message)) insecure(request);
        throw failure;
      }
      insecure(request);
      const body = await collect(res.response.body);
      const raw = { status: res.response.statusCode, headers: res.response.headers as Record<string, string>, body };
      o.debug.response(request, raw);
      // Requests of the SDK's nested clients (STS for assume-role) pass through here too; only the operation's
      // answer is the one send.ts reads.
      if (request.path.endsWith(o.op.requestUri)) last = raw;
      else if (raw.status >= 300) foreign = { action: new URLSearchParams(typeof request.body === "string" ? request.body : "").get("Action") ?? "AssumeRole" };
      res.response.body = body;
      return res;
    },
  };
  return { handler: handler as unknown as HttpHandler, last: () => last, foreign: () => foreign };
}

async function collect(body: unknown): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  const chunks: Buffer[] = [];
  for await (const c of body as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
  return new Uint8Array(Buffer.concat(chunks));
}

function classify(e: unknown, url: string, proxy: string | undefined): TransportError {
  const err = e as { code?: string; name?: string; message?: string };
  const code = err.code ?? "";
  const msg = err.message ?? "";
  if (proxy && ["ECONNREFUSED", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"].includes(code) && sameHost(msg, proxy)) {
    return new TransportError(`Failed to connect to proxy URL: "${proxy}"`, true);
  }
  if (SSL_REASONS[code] || code.startsWith("ERR_TLS") || code.includes("CERT")) {
    const reason = SSL_REASONS[code] ?? msg;
    return new TransportError(`SSL validation failed for ${url} [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${reason} (_ssl.c:1006)`, true);
  }
  if (err.name === "TimeoutError" || code === "ETIMEDOUT") {
    const connect = /establishing a connection|connect ETIMEDOUT/i.test(msg);
    return new TransportError(`${connect ? "Connect" : "Read"} timeout on endpoint URL: "${url}"`, true);
  }
  if (["ECONNRESET", "EPIPE", "ECONNABORTED"].includes(code)) {
    return new TransportError(`Connection was closed before we received a valid response from endpoint URL: "${url}".`, true);
  }
  return new TransportError(`Could not connect to the endpoint URL: "${url}"`, true);
}

const sameHost = (msg: string, proxy: string) => {
  const u = new URL(proxy);
  return msg.includes(`${u.hostname}:${u.port || (u.protocol === "https:" ? 443 : 80)}`);
};
