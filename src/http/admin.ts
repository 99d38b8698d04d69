// Operator endpoints (our extension), outside the AWS API: outbox counts and dead letters, replay, a contact's flow log.
// Enabled only when the config sets server.adminToken; requests carry `Authorization: Bearer <token>`.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID, timingSafeEqual } from "node:crypto";
import { AwsError, UnknownOperationException } from "../api/errors.js";
import { sendError } from "./errors.js";

export const ADMIN_PREFIX = "/_connect-chat/";

export interface AdminDeps {
  token?: string;
  outbox(): Promise<unknown>;
  replay(endpoint?: string): Promise<number>;
  /** A contact's flow log lines (parsed), oldest first; undefined when the flow engine has none for it. */
  flowLog?(contactId: string): Promise<unknown[]>;
}

/** Whether the request carries `Authorization: Bearer <token>` (compared in constant time). */
export function bearerMatches(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(req.headers.authorization ?? "");
  const want = Buffer.from(`Bearer ${token}`);
  return given.length === want.length && timingSafeEqual(given, want);
}

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, deps: AdminDeps): Promise<void> {
  const requestId = randomUUID();
  res.setHeader("x-amzn-RequestId", requestId);
  const send = (status: number, body: unknown) => {
    const json = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
    res.end(json);
  };
  // Errors have the AWS shape as everywhere else, so clients and fuzzers see one error format.
  const notFound = () => sendError(res, new UnknownOperationException(`No operation matches ${req.method} ${req.url?.split("?")[0]}`));
  if (!deps.token) return notFound();
  if (!bearerMatches(req, deps.token)) return sendError(res, new AwsError("UnauthorizedException", 401, "Unauthorized: the admin endpoints need Authorization: Bearer <server.adminToken>"));
  const url = new URL(req.url ?? "/", "http://localhost");
  try {
    if (req.method === "GET" && url.pathname === `${ADMIN_PREFIX}outbox`) return send(200, await deps.outbox());
    if (req.method === "POST" && url.pathname === `${ADMIN_PREFIX}outbox/replay`)
      return send(200, { replayed: await deps.replay(url.searchParams.get("endpoint") ?? undefined) });
    const flowLog = /^\/_connect-chat\/contacts\/([^/]+)\/flow-log$/.exec(url.pathname);
    if (req.method === "GET" && flowLog && deps.flowLog) return send(200, { contactId: decodeURIComponent(flowLog[1]), lines: await deps.flowLog(decodeURIComponent(flowLog[1])) });
    return notFound();
  } catch {
    return sendError(res, new AwsError("InternalServiceException", 500, `An internal error occurred; request id ${requestId}`));
  }
}
