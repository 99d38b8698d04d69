// GET /metrics: the Prometheus text exposition. Open when no admin token is configured; with one, it needs
// `Authorization: Bearer <server.adminToken>` (Prometheus: `authorization: { credentials: ... }`), as /_connect-chat/ does.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { AwsError } from "../api/errors.js";
import { bearerMatches } from "./admin.js";
import { sendError } from "./errors.js";
import type { EdgeLog } from "./pipeline.js";

export const METRICS_PATH = "/metrics";

export const isMetricsPath = (url: string) => url === METRICS_PATH || url.startsWith(`${METRICS_PATH}?`);

export interface MetricsDeps {
  token?: string;
  contentType: string;
  render(): Promise<string>;
  log: EdgeLog;
}

export async function handleMetrics(req: IncomingMessage, res: ServerResponse, deps: MetricsDeps): Promise<void> {
  const requestId = randomUUID();
  res.setHeader("x-amzn-RequestId", requestId);
  if (req.method !== "GET" && req.method !== "HEAD") return sendError(res, new AwsError("MethodNotAllowedException", 405, `${req.method} is not allowed on ${METRICS_PATH}`), { allow: "GET, HEAD" });
  if (deps.token && !bearerMatches(req, deps.token))
    return sendError(res, new AwsError("UnauthorizedException", 401, "Unauthorized: /metrics needs Authorization: Bearer <server.adminToken>"), { "www-authenticate": "Bearer" });
  let body: string;
  try {
    body = await deps.render();
  } catch (e) {
    deps.log.error({ requestId, operation: "metrics", err: e }, "internal error");
    return sendError(res, new AwsError("InternalServiceException", 500, `An internal error occurred; request id ${requestId}`));
  }
  res.writeHead(200, { "content-type": deps.contentType, "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : body);
}
