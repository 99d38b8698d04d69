// The process's logger: one JSON line per event through pino (ISO time, level name, fields, an error's stack),
// secrets redacted wherever they are logged; the access line of a request; and a silent logger for tests.
import type { IncomingMessage } from "node:http";
import pino from "pino";
import type { Logger } from "../domain/ports.js";



/** Keys whose values are credentials wherever they appear: in request headers, bodies, configs or errors. */
const SECRET_KEYS = ["authorization", "token", "password", "secret", "secretAccessKey", "adminToken", "sessionToken", "ParticipantToken", "ConnectionToken"];
const SECRET_HEADERS = ["authorization", "x-amz-bearer", "x-amz-security-token", "cookie", "proxy-authorization"];

/**
 * pino's redact paths: a `*` stands for one level, so a key is listed at the top and one and two levels down
 * (a logged `headers` object, or `config.server.adminToken`). Header names are lower case in node:http.
 */
export const REDACT_PATHS = [
  ...SECRET_HEADERS.flatMap((h) => [`headers["${h}"]`, `*.headers["${h}"]`]),
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

export interface LoggerOptions {
  /** pino's levels (config.ts LOG_LEVELS); default info. */
  level?: pino.LevelWithSilent;
  /** Where the lines go (anything with write(line)); default: stderr, written asynchronously and flushed at exit. */
  destination?: { write(line: string): unknown };
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  return pino(
    {
      level: opts.level ?? "info",
      timestamp: pino.stdTimeFunctions.isoTime,
      // "level":"error" rather than pino's 50: readable without a lookup table, and what the lines said before.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: "[Redacted]" },
    },
    // stdout carries the "listening on" line that scripts read; logs stay on stderr as they always were.
    (opts.destination ?? pino.destination({ dest: 2, sync: false })) as pino.DestinationStream,
  );
}

const nothing = () => {};
/** Drops everything (tests, tools): nothing is built for it either, as isLevelEnabled says no. */
export const silentLogger: Logger = { error: nothing, warn: nothing, info: nothing, debug: nothing, isLevelEnabled: () => false };

/** What the edge knows about a request once it is answered (src/http/pipeline.ts reports it). */
export interface Exchange {
  requestId: string;
  operation: string | undefined;
  status: number;
  ms: number;
  req: IncomingMessage;
}

/** The access line: one info line per request; at debug it also carries the method, URL and (redacted) headers. */
export function logExchange(log: Logger, x: Exchange): void {
  const line: Record<string, unknown> = { requestId: x.requestId, operation: x.operation, status: x.status, durationMs: x.ms, remoteAddress: x.req.socket.remoteAddress };
  if (log.isLevelEnabled("debug")) {
    line.method = x.req.method;
    line.url = x.req.url;
    line.headers = x.req.headers;
  }
  log.info(line, "request");
}
