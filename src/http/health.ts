// Unauthenticated probes for supervisors and load balancers (our extension, outside the AWS API):
// GET /healthz is 200 while the process serves HTTP; GET /readyz is 200 when storage answers (migrations run
// before the server listens) and 503 once the server drains, so a balancer stops sending before connections close.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { AwsError } from "../api/errors.js";
import { sendError } from "./errors.js";

export const HEALTH_PATHS: ReadonlySet<string> = new Set(["/healthz", "/readyz"]);

export interface HealthDeps {
  /** A trivial storage query; rejects when storage does not answer. */
  probe(): Promise<unknown>;
  draining(): boolean;
}

export function isHealthPath(url: string): boolean {
  const q = url.indexOf("?");
  return HEALTH_PATHS.has(q < 0 ? url : url.slice(0, q));
}

export function createHealth(deps: HealthDeps) {
  // Probes that arrive together share one storage query: a probe storm is not a query storm.
  let probing: Promise<boolean> | undefined;
  const storageAnswers = () =>
    (probing ??= deps.probe().then(
      () => true,
      () => false,
    ).finally(() => (probing = undefined)));

  return async function health(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    const send = (status: number, body: Record<string, unknown>) => {
      const json = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json), "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : json);
    };
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("x-amzn-RequestId", randomUUID());
      return sendError(res, new AwsError("MethodNotAllowedException", 405, `${req.method} is not allowed on ${path}`));
    }
    if (path === "/healthz") return send(200, { status: "ok" });
    if (deps.draining()) return send(503, { status: "draining" });
    return (await storageAnswers()) ? send(200, { status: "ready" }) : send(503, { status: "storage unavailable" });
  };
}
