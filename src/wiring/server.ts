// The one node:http server and what answers each path: admin, health, metrics, the console's files, attachment
// URLs, Twilio's webhooks, and everything else through the SigV4 pipeline; the Edge around it (connection cap,
// WebSocket upgrades to the hub, drain) and node:http's own timeouts.
import { createServer, type IncomingMessage, type ServerOptions } from "node:http";
import { randomUUID } from "node:crypto";
import type { Duplex } from "node:stream";
import type { Logger } from "../domain/ports.js";
import { AwsError } from "../api/errors.js";
import { ADMIN_PREFIX, handleAdmin, type AdminDeps } from "../http/admin.js";
import { isConsolePath } from "../http/static.js";
import { clientErrorOf, sendError, sendRawError } from "../http/errors.js";
import { serverBusy } from "../http/body.js";
import { Edge, isHubUpgrade } from "../http/edge.js";
import { isHealthPath } from "../http/health.js";
import { handleMetrics, isMetricsPath } from "../http/metrics.js";
import { serveTwiml } from "../http/twiml.js";
import { isAttachmentPath, serveAttachment } from "../http/attachment-urls.js";
import type { LocalBlobs } from "../storage/blobs/local.js";
import { isTwilioInbound, type TwilioInbound } from "../channels/twilio-inbound.js";
import { isTwilioStatus, type TwilioStatus } from "../channels/twilio-status.js";
import type { ChatHub } from "../events/hub.js";
import type { Metrics } from "../ops/metrics.js";

type Handle = (req: IncomingMessage, res: import("node:http").ServerResponse) => Promise<void> | void;

export interface ServerParts {
  log: Logger;
  maxConnections: number;
  hub: ChatHub;
  hubPath: string;
  admin: AdminDeps;
  health: Handle;
  metrics: Metrics;
  consoleFiles?: Handle;
  localBlobs?: LocalBlobs;
  twilioInbound: TwilioInbound;
  twilioStatus: TwilioStatus;
  /** The SigV4 pipeline: every path nobody else claims. */
  pipeline: Handle;
}

export function createHttpServer(p: ServerParts) {
  const { log } = p;
  // No Host header is left to SigV4 (host must be signed) rather than refused by node:http without an AWS shape.
  // shouldUpgradeCallback (Node ≥ 24.9) keeps non-hub upgrades in HTTP natively; older Nodes go through Edge.
  const serverOptions = { requireHostHeader: false, shouldUpgradeCallback: (req: IncomingMessage) => isHubUpgrade(req, p.hubPath) };
  const server = createServer(serverOptions as ServerOptions, (req, res) => {
    if (!edge.admit(req, res)) return;
    const url = req.url ?? "/";
    if (url.startsWith(ADMIN_PREFIX)) void handleAdmin(req, res, p.admin);
    else if (isHealthPath(url)) void p.health(req, res);
    else if (isMetricsPath(url)) void handleMetrics(req, res, { token: p.admin.token, contentType: p.metrics.contentType, render: () => p.metrics.render(), log });
    else if (p.consoleFiles && isConsolePath(url)) void p.consoleFiles(req, res);
    else if (p.localBlobs && isAttachmentPath(url)) void serveAttachment(req, res, p.localBlobs);
    else if (isTwilioInbound(url)) void serveTwiml(req, res, (path, sig, body) => p.twilioInbound.handle(path, sig, body), (line) => log.error(line, "twilio webhook failed"));
    else if (isTwilioStatus(url)) void serveTwiml(req, res, (path, sig, body) => p.twilioStatus.handle(path, sig, body), (line) => log.error(line, "twilio status callback failed"));
    else void p.pipeline(req, res);
  });
  const refuseUpgrade = (socket: Duplex) => sendRawError(socket, new AwsError("AccessDeniedException", 403, "The WebSocket URL is not valid or has expired"), randomUUID());
  const edge = new Edge(server, {
    maxConnections: p.maxConnections,
    hubPath: p.hubPath,
    // A failure inside the upgrade must not become an unhandled rejection: that would stop the process.
    upgrade: (req, socket, head) => void p.hub.handleUpgrade(req, socket, head, refuseUpgrade).catch(() => socket.destroy()),
    busy: (_req, res) => {
      res.setHeader("x-amzn-RequestId", randomUUID());
      sendError(res, serverBusy());
    },
    // What node:http refuses itself still gets an AWS-shaped answer with a request id (see sendRawError).
    clientError: (e, socket) => {
      const err = clientErrorOf(e);
      if (err) sendRawError(socket, err, randomUUID());
      else socket.destroy();
    },
  });
  // Accept failures (EMFILE when descriptors run out) must not stop the process; listen() reports its own failure.
  server.on("error", (e) => server.listening && log.error({ event: "server-error", err: e }, "server error"));
  server.on("connect", (req, socket) => sendRawError(socket, new AwsError("MethodNotAllowedException", 405, `CONNECT is not allowed on ${req.url}`), randomUUID()));
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 60_000;
  return { server, edge };
}
