// The request pipeline, top to bottom: route → authenticate → throttle → decode → validate → invoke → encode.
// Every answer carries x-amzn-RequestId; errors are written by errors.ts only.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createHash } from "node:crypto";
import { AccessDeniedException, AwsError, UnknownOperationException, UnrecognizedClientException } from "../api/errors.js";
import type { OperationSpec } from "../api/operations.js";
import { ShapeValidator } from "../api/validate.js";
import { BodyBudget, ClientAbort, DEFAULT_MAX_BODY_BYTES_IN_FLIGHT, MAX_BODY_BYTES, readBody } from "./body.js";
import { decodeInput, encodeOutput } from "./codec.js";
import { sendError, toAwsError } from "./errors.js";
import { Router } from "./router.js";
import { header, parseQuery, type SigningKeyOwner, type SigV4Verifier } from "./sigv4.js";
import { checkScope } from "./scope.js";
import type { Throttle } from "./throttle.js";

/** What an operation learns about its request besides the input. */
export interface RequestMeta {
  requestId: string;
  accountId?: string;
  /** The X-Amz-Bearer token of a participant-service request. */
  bearer?: string;
  /** Base of the WebSocket URLs handed to this client: ws://<Host it used>, unless configured. */
  wsBase: string;
  /** ClientToken (AWS) or the `Idempotency-Key` header (our extension), with a fingerprint of the request. */
  idempotency?: { key: string; fingerprint: string };
  /** The signed-in user whose session credentials signed the request. */
  userId?: string;
}

export type Invoke = (spec: OperationSpec, input: Record<string, unknown>, meta: RequestMeta) => Promise<unknown>;

export interface PipelineDeps {
  operations: readonly OperationSpec[];
  verifier: SigV4Verifier;
  throttle: Throttle;
  invoke: Invoke;
  requestId: () => string;
  /** 500s are logged at error with their stack, client aborts at debug (the Logger of domain/ports.ts). */
  log: EdgeLog;
  /** Every answered request, for the access log and the metrics; absent: nothing is built for it. */
  observe?: (x: { requestId: string; operation: string | undefined; status: number; ms: number; req: IncomingMessage }) => void;
  /** Fixed WebSocket base (e.g. wss://chat.example.com behind a TLS proxy); default ws://<Host header>. */
  websocketBase?: string;
  /** Whether an access key id is configured: requests signed with any other are refused before their body is read. */
  knownKey: (accessKeyId: string) => boolean;
  /**
   * The owner of session credentials (a signed-in agent's ASIA… key) presenting this session token, looked up in the
   * store before the body is read; undefined: no such live session. Absent: only configured keys sign.
   */
  sessionOwner?: (accessKeyId: string, sessionToken: string) => Promise<SigningKeyOwner | undefined>;
  /** Request body bytes held by all requests at once (default DEFAULT_MAX_BODY_BYTES_IN_FLIGHT). */
  bodyBudget?: BodyBudget;
}

const EMPTY = Buffer.alloc(0);
/** The access key id a request names: in its Authorization header, or presigned in its query. */
function accessKeyIdOf(authorization: string | undefined, rawQuery: string): string | undefined {
  if (authorization) return /Credential=([^/,\s]*)/.exec(authorization)?.[1];
  const q = /(?:^|&)X-Amz-Credential=([^&]*)/.exec(rawQuery)?.[1];
  if (q === undefined) return undefined;
  try {
    return decodeURIComponent(q).split("/")[0];
  } catch {
    return undefined;
  }
}

/** The session token a request carries (header, or presigned in its query). */
function sessionTokenOf(headers: IncomingMessage["headers"], rawQuery: string): string | undefined {
  const h = header(headers, "x-amz-security-token");
  if (h !== undefined) return h;
  const q = /(?:^|&)X-Amz-Security-Token=([^&]*)/.exec(rawQuery)?.[1];
  if (q === undefined) return undefined;
  try {
    return decodeURIComponent(q);
  } catch {
    return undefined;
  }
}

/** The levels of the logger this layer uses (http may not import domain/ports.ts, where Logger is). */
export interface EdgeLog {
  error(fields: Record<string, unknown>, msg?: string): void;
  info(fields: Record<string, unknown>, msg?: string): void;
  debug(fields: Record<string, unknown>, msg?: string): void;
}

/** nginx's code for a request whose client closed the connection before the answer: not a server error. */
export const CLIENT_CLOSED = 499;

const IDEMPOTENCY_KEY_MAX = 500; // ClientToken's model maximum

export function createPipeline(deps: PipelineDeps) {
  const router = new Router(deps.operations);
  const budget = deps.bodyBudget ?? new BodyBudget(DEFAULT_MAX_BODY_BYTES_IN_FLIGHT);

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = deps.requestId();
    let spec: OperationSpec | undefined;
    let status = 200;
    let scoped: { scope: NonNullable<SigningKeyOwner["scope"]>; accessKeyId: string } | undefined;
    const lease = budget.lease();
    try {
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const path = q < 0 ? url : url.slice(0, q);
      const rawQuery = q < 0 ? "" : url.slice(q + 1);

      // route
      const route = router.match(req.method ?? "GET", path);
      if (route === undefined) throw new UnknownOperationException(`No operation matches ${req.method} ${path}`);
      if (route === "method") throw new AwsError("MethodNotAllowedException", 405, `${req.method} is not allowed on ${path}`);
      spec = route.spec;

      // Who may make us read a body: a configured access key, or (participant service) a bearer token at all. The
      // refusal is the one the verifier gives (it throws before it needs the body for these), so nothing changes
      // for clients but the memory an unauthenticated request can make us hold.
      const bearer = header(req.headers, "x-amz-bearer");
      let session: { accessKeyId: string; owner: SigningKeyOwner } | undefined;
      if (spec.auth === "sigv4") {
        const keyId = accessKeyIdOf(header(req.headers, "authorization"), rawQuery);
        if (keyId !== undefined && !deps.knownKey(keyId) && deps.sessionOwner && keyId.startsWith("ASIA")) {
          const token = sessionTokenOf(req.headers, rawQuery);
          const owner = token === undefined ? undefined : await deps.sessionOwner(keyId, token);
          if (owner) session = { accessKeyId: keyId, owner };
        }
        if (keyId === undefined || (!session && !deps.knownKey(keyId))) {
          await deps.verifier.verify({ method: req.method ?? "GET", path, rawQuery, headers: req.headers, body: EMPTY });
          throw new UnrecognizedClientException("The security token included in the request is invalid.");
        }
      } else if (!bearer) throw new AccessDeniedException("Access denied: the X-Amz-Bearer header is missing");

      // authenticate (the body is part of the signature, so it is read first, bounded)
      const body = await readBody(req, MAX_BODY_BYTES, lease);
      const meta: RequestMeta = { requestId, wsBase: deps.websocketBase ?? `ws://${header(req.headers, "host") ?? "127.0.0.1"}` };
      if (spec.auth === "sigv4") {
        const caller = await deps.verifier.verify({ method: req.method ?? "GET", path, rawQuery, headers: req.headers, body }, session);
        meta.accountId = caller.accountId;
        if (caller.scope) {
          scoped = { scope: caller.scope, accessKeyId: caller.accessKeyId };
          meta.userId = caller.scope.userId;
        }
        if (caller.allow && !caller.allow.has(spec.name))
          throw new AccessDeniedException(`User: ${caller.accessKeyId} is not authorized to perform: connect:${spec.name}`);
        deps.throttle.take(caller.accountId);
      } else {
        // The participant service authenticates on X-Amz-Bearer only; SigV4 headers (the JS SDK adds them) are ignored.
        meta.bearer = bearer;
      }

      // decode and validate
      const query = parseQuery(rawQuery);
      const input = decodeInput(spec.service, spec.model.input?.shape, body, route.params, query, req.headers);
      // Authorization before validation, as AWS answers: a forbidden call learns nothing about its input.
      if (scoped) checkScope(scoped.scope, scoped.accessKeyId, spec.name, input);
      if (spec.model.input) ShapeValidator.check(spec.service, spec.model.input.shape, input, spec.validationError);
      const key = header(req.headers, "idempotency-key") ?? (spec.idempotencyMember ? (input[spec.idempotencyMember] as string | undefined) : undefined);
      if (key !== undefined && spec.model.http.method !== "GET") {
        if (key.length === 0 || key.length > IDEMPOTENCY_KEY_MAX)
          throw new AwsError(spec.validationError, 400, `The idempotency key must be 1 to ${IDEMPOTENCY_KEY_MAX} characters`);
        meta.idempotency = { key, fingerprint: createHash("sha256").update(`${req.method} ${path}?${rawQuery}\n`).update(body).digest("hex") };
      }

      // invoke and encode
      const output = await deps.invoke(spec, input, meta);
      const json = encodeOutput(spec.service, spec.model.output?.shape, output);
      status = spec.model.http.responseCode ?? 200;
      // A flat array and no earlier setHeader: node:http writes it straight into the header block (its fast path)
      // instead of building and copying a header map per request; errors set the request id in the catch below.
      res.writeHead(status, ["content-type", "application/json", "content-length", String(Buffer.byteLength(json)), "x-amzn-RequestId", requestId]);
      res.end(json);
    } catch (e) {
      if (e instanceof ClientAbort) {
        // Nothing failed here and nobody is left to answer: a note, not an error with a stack.
        status = CLIENT_CLOSED;
        deps.log.info({ event: "client-abort", requestId, operation: spec?.name, message: e.message }, "client closed the connection");
        res.destroy();
        return;
      }
      const err = toAwsError(e, spec?.service, requestId);
      status = err.status;
      // A client that hung up mid-request (its body cut short) is its own doing: no stack at error for it.
      if (err.status >= 500 && req.destroyed && !req.complete) {
        status = CLIENT_CLOSED;
        deps.log.debug({ requestId, operation: spec?.name, error: String((e as Error)?.message ?? e) }, "client closed the connection");
        return;
      }
      if (err.status >= 500 && err.status !== 503) deps.log.error({ requestId, operation: spec?.name, err: e }, "internal error");
      if (!res.headersSent) res.setHeader("x-amzn-RequestId", requestId);
      // A body refused as too large, or for want of room, is not drained: the connection is closed instead of
      // reading a megabyte more (a 503 lingers briefly, see edge.ts, so a client still uploading reads it). Any
      // other unread body (e.g. refused before authentication) is read and dropped by node:http once the answer is
      // out, holding no memory, so the client reads its answer and may go on.
      if (err.status === 413 || err.status === 503) res.shouldKeepAlive = false;
      sendError(res, err);
      if (err.status === 413) res.once("finish", () => req.destroy());
    } finally {
      lease.release();
      deps.observe?.({ requestId, operation: spec?.name, status, ms: Math.round((performance.now() - started) * 100) / 100, req });
    }
  };
}
