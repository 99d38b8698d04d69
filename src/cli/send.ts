// Sends one operation through @aws-sdk/client-connect (serialization, SigV4, credential chain, retry loop are
// the SDK's) with botocore's retry rules (retry.ts), then reads the answer as botocore does: modeled members in
// model order, and errors as "An error occurred (Code) when calling the Op operation: message".
import type { ServiceModel, Shape } from "../api/model.js";
import type { CommandDef } from "./commands.js";
import type { CredentialSource } from "./config.js";
import type { Debug } from "./debug.js";
import { RuntimeCliError } from "./errors.js";
import { isDict, pyStr, type PyValue } from "./py.js";
import { pyJsonLoads } from "./pyjson.js";
import { parseTimestamp, wholeSeconds } from "./timestamp.js";
import { retryStrategy, type RetryMode } from "./retry.js";
import { createTransport, TransportError, type RawResponse } from "./transport.js";

export interface SendOptions {
  cmd: CommandDef;
  params: Record<string, PyValue>;
  region: string;
  endpoint: string;
  credentials: CredentialSource;
  noSign: boolean;
  verify: boolean;
  caBundle?: string;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /** Total attempts, the first included (botocore's total_max_attempts). */
  maxAttempts: number;
  retryMode: RetryMode;
  env: NodeJS.ProcessEnv;
  debug: Debug;
  /** stderr, for the warnings `aws` prints there (urllib3's InsecureRequestWarning). */
  stderr?: (text: string) => void;
  /** One page of a paginated command: awscli's formatter then logs no RequestId (the full result has none). */
  paged?: boolean;
  /** Backoff before retry n (1-based), in ms; default: the retry mode's (retry.ts). */
  backoff?: (n: number) => number;
}


const UNABLE_TO_LOCATE = 'Unable to locate credentials. You can configure credentials by running "aws configure".';

/** botocore's error code and message for an answer of status >= 301. */
export function parseError(raw: RawResponse): { code: string; message: string } {
  const text = Buffer.from(raw.body).toString("utf8");
  if (raw.status >= 500 && (text.trim() === "" || text.trim().startsWith("<html>"))) {
    return { code: String(raw.status), message: REASONS[raw.status] ?? "" };
  }
  let body: Record<string, PyValue> = {};
  if (text) {
    try {
      const parsed = pyJsonLoads(text, false, true);
      body = isDict(parsed) ? parsed : {};
    } catch {
      body = { message: text };
    }
  }
  const message = body.message !== undefined ? pyStr(body.message) : body.Message !== undefined ? pyStr(body.Message) : "";
  let code = body.__type !== undefined ? pyStr(body.__type) : String(raw.status);
  if (code.includes(":")) code = code.split(":")[0];
  if (code.includes("#")) code = code.slice(code.lastIndexOf("#") + 1);
  const header = raw.headers["x-amzn-errortype"];
  const fromBody = body.code ?? body.Code;
  if (header !== undefined || fromBody !== undefined) {
    const c = header ?? pyStr(fromBody);
    code = c.split(":")[0];
    code = code.slice(code.lastIndexOf("#") + 1);
  }
  return { code, message };
}

const REASONS: Record<number, string> = { 500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout", 505: "HTTP Version Not Supported", 509: "" };

/** The output members botocore keeps: modeled ones, in model order, nulls dropped. */
export function parseOutput(model: ServiceModel, shapeName: string | undefined, raw: RawResponse): Record<string, PyValue> {
  if (!shapeName) return {};
  let body: PyValue = {};
  try {
    body = pyJsonLoads(Buffer.from(raw.body).toString("utf8") || "{}", false, true);
  } catch {
    body = {};
  }
  return (pick(model, model.shapes[shapeName], body) as Record<string, PyValue>) ?? {};
}

function pick(model: ServiceModel, shape: Shape, v: PyValue): PyValue {
  if (shape.type === "structure" && isDict(v)) {
    const out: Record<string, PyValue> = {};
    for (const [m, ref] of Object.entries(shape.members ?? {})) {
      if (ref.location) continue;
      const x = v[ref.locationName ?? m];
      if (x !== undefined && x !== null) out[m] = pick(model, model.shapes[ref.shape], x);
    }
    return out;
  }
  if (shape.type === "list" && Array.isArray(v)) return v.map((x) => pick(model, model.shapes[shape.member!.shape], x));
  if (shape.type === "map" && isDict(v)) {
    const out: Record<string, PyValue> = {};
    for (const [k, x] of Object.entries(v)) out[k] = pick(model, model.shapes[shape.value!.shape], x);
    return out;
  }
  return v;
}

/** botocore's _render_uri_template: path labels percent-encoded (safe "-._~", plus "/" for greedy `{X+}`). */
export function renderUri(template: string, params: Record<string, PyValue>): string {
  const enc = (v: string, greedy: boolean) =>
    encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(greedy ? /%2F/g : /(?!)/g, "/");
  return template.split("?")[0].replace(/\{([^}]+?)(\+?)\}/g, (_, name: string, plus: string) => enc(pyStr(params[name] ?? ""), plus === "+"));
}

/** Plain JS values for the SDK (PyFloat unwrapped, timestamps as Dates of whole seconds), following the shapes. */
function toSdk(model: ServiceModel, shape: Shape | undefined, v: PyValue): unknown {
  if (v !== null && typeof v === "object" && "value" in v && !Array.isArray(v) && !isDict(v)) v = v.value as PyValue;
  if (shape?.type === "timestamp") {
    const ms = parseTimestamp(v);
    return ms === undefined ? v : wholeSeconds(ms);
  }
  const sub = (ref: { shape: string } | undefined) => (ref ? model.shapes[ref.shape] : undefined);
  if (Array.isArray(v)) return v.map((x) => toSdk(model, sub(shape?.member), x));
  if (isDict(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toSdk(model, shape?.type === "map" ? sub(shape.value) : sub(shape?.members?.[k]), x)]));
  return v;
}

export async function send(o: SendOptions): Promise<Record<string, PyValue>> {
  const opName = o.cmd.operation.name;
  const path = renderUri(o.cmd.operation.http.requestUri, o.params);
  // botocore's _urljoin: one trailing slash of the endpoint's path goes, then the operation's path is appended
  // (`http://h/base/` → /base/chat-integration-event). The SDK would append it to the path as given (/base//…).
  const base = o.endpoint.replace(/\/$/, "");
  const url = base + path;
  const op = { name: opName, requestUri: path, region: o.region };
  const transport = await createTransport({ endpoint: o.endpoint, url, verify: o.verify, caBundle: o.caBundle, connectTimeoutMs: o.connectTimeoutMs, readTimeoutMs: o.readTimeoutMs, noSign: o.noSign, env: o.env, debug: o.debug, op, warn: o.stderr });
  const sdk = cjsInterop(await import("./sdk.js"));
  const retry = retryStrategy({ mode: o.retryMode, maxAttempts: o.maxAttempts, debug: o.debug, last: () => transport.last(), errorCode: (raw) => parseError(raw).code, backoff: o.backoff });
  const credentials =
    o.noSign ? { accessKeyId: "unsigned", secretAccessKey: "unsigned" }
    : o.credentials.kind === "static" ? o.credentials
    : undefined;
  // The SDK warns on stderr that it will need Node 22 from 2027; the AWS CLI prints nothing like it.
  // The SDK warns on stderr that it will need Node 22 from 2027; the AWS CLI prints nothing like it. The SDK's own
  // switch turns that one warning off (a user who set the variable either way keeps their choice).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  // The SDK's nested clients (STS, SSO) resolve config-file settings such as a `services` section endpoint from
  // AWS_PROFILE only; botocore's use the session's profile, which is this one.
  if (o.credentials.kind === "sdk") process.env.AWS_PROFILE = o.credentials.profile;
  const client = new sdk.ConnectClient({
    region: o.region,
    endpoint: base,
    ...(credentials ? { credentials } : { profile: o.credentials.kind === "sdk" ? o.credentials.profile : undefined }),
    requestHandler: transport.handler,
    retryStrategy: retry.strategy,
    maxAttempts: o.maxAttempts,
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    customUserAgent: "connect-chat-cli",
  });
  try {
    await client.send(new sdk[`${opName}Command`](toSdk(o.cmd.model, o.cmd.operation.input ? o.cmd.model.shapes[o.cmd.operation.input.shape] : undefined, o.params)));
  } catch (e) {
    if (e instanceof TransportError) throw e;
    const raw = transport.last();
    if (raw && raw.status >= 200 && raw.status < 300) return parseOutput(o.cmd.model, o.cmd.operation.output?.shape, raw);
    const sts = transport.foreign();
    if (!raw && sts && (e as { $metadata?: unknown }).$metadata) {
      // A token service refused the credentials (botocore raises the STS client's ClientError).
      throw new RuntimeCliError(`An error occurred (${(e as Error).name}) when calling the ${sts.action} operation: ${(e as Error).message}`);
    }
    if (!raw) {
      const name = (e as Error).name;
      if (name === "CredentialsProviderError" || /credential/i.test((e as Error).message ?? "")) throw new RuntimeCliError(UNABLE_TO_LOCATE, true);
      throw new RuntimeCliError(pyStr((e as Error).message ?? String(e)));
    }
    const { code, message } = raw.status === 300 ? { code: "Unknown", message: "Unknown" } : parseError(raw);
    const retryInfo = retry.state.exhausted ? ` (reached max retries: ${retry.state.attempts - 1})` : "";
    throw new RuntimeCliError(`An error occurred (${code}) when calling the ${opName} operation${retryInfo}: ${message}`);
  } finally {
    client.destroy();
  }
  const raw = transport.last()!;
  if (!o.paged) o.debug.requestId(raw.headers["x-amzn-requestid"]);
  return parseOutput(o.cmd.model, o.cmd.operation.output?.shape, raw);
}

/** A module namespace whose named exports may sit under `default` (CommonJS seen from an ESM bundle). */
export const cjsInterop = (m: any): Record<string, any> => (m && m.default && typeof m.default === "object" && Object.keys(m).length <= 2 ? m.default : m);
