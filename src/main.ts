// `connect-chat serve`: parse the flags, build the app, listen, and stop cleanly on SIGTERM/SIGINT (a second
// signal exits at once).
import { constants } from "node:os";
import { parseArgs } from "node:util";
import { createApp } from "./app.js";
import { ConfigError, loadConfig, LOG_LEVELS, parseConfig, type LogLevel } from "./config.js";
import { createLogger } from "./ops/logger.js";

const USAGE =
  "usage: connect-chat serve [--config FILE] [--host H] [--port P] [--database-url URL] [--log-requests] [--log-level LEVEL]\n" +
  "  the environment: CONNECT_CHAT_DATABASE_URL, CONNECT_CHAT_ADMIN_TOKEN, CONNECT_CHAT_LOG_LEVEL (a flag wins over them; they win over the file)";

export async function main(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        config: { type: "string" },
        host: { type: "string" },
        port: { type: "string" },
        "database-url": { type: "string" },
        "log-requests": { type: "boolean" },
        "log-level": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    process.stderr.write(`--port '${values.port}' must be an integer from 0 to 65535\n${USAGE}\n`);
    process.exit(2);
  }
  const levelFlag = values["log-level"];
  if (levelFlag !== undefined && !(LOG_LEVELS as readonly string[]).includes(levelFlag)) {
    process.stderr.write(`--log-level '${levelFlag}' must be one of ${LOG_LEVELS.join(", ")}\n${USAGE}\n`);
    process.exit(2);
  }
  let app;
  let logger;
  try {
    // The environment is applied inside (CONNECT_CHAT_*, ${NAME} references); flags then win over both.
    const config = values.config ? loadConfig(values.config, process.env) : parseConfig(undefined, "(no --config)", process.env);
    const logRequests = values["log-requests"] ?? config.server?.logRequests ?? false;
    logger = createLogger({ level: (levelFlag as LogLevel | undefined) ?? config.server?.logLevel ?? "info" });
    app = await createApp(config, { databaseUrl: values["database-url"], logRequests, logger });
  } catch (e) {
    process.stderr.write(`connect-chat: ${e instanceof ConfigError ? e.message : (e as Error).message}\n`);
    process.exit(1);
  }
  let url;
  try {
    ({ url } = await app.listen(port, values.host));
  } catch (e) {
    process.stderr.write(`connect-chat: ${listenFailure(e as NodeJS.ErrnoException)}\n`);
    await app.close(0).catch(() => {});
    process.exit(1);
  }
  logger.info({ event: "listening", url }, "connect-chat listening");

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      // The operator asked twice: no more waiting for the drain (SQLite and PostgreSQL keep what they committed).
      process.stderr.write(`connect-chat: ${signal} again, exiting without waiting for open connections\n`);
      process.exit(128 + constants.signals[signal]);
    }
    stopping = true;
    try {
      await app.close();
    } catch (e) {
      process.stderr.write(`connect-chat: stopping failed: ${(e as Error).message}\n`);
      process.exit(1);
    }
    process.exit(0);
  };
  // Before the address is printed: a supervisor may send SIGTERM as soon as it reads it.
  process.on("SIGTERM", (s) => void stop(s));
  process.on("SIGINT", (s) => void stop(s));
  process.stdout.write(`connect-chat listening on ${url}\n`);
}

/** What to tell the operator when the listening socket cannot be opened (instead of a Node stack). */
function listenFailure(e: NodeJS.ErrnoException & { address?: string; port?: number }): string {
  const where = e.address !== undefined ? `${e.address.includes(":") ? `[${e.address}]` : e.address}:${e.port}` : "the configured address";
  switch (e.code) {
    case "EADDRINUSE":
      return `cannot listen on ${where}: the address is already in use (another connect-chat or another program listens there); stop it, or choose another port with --port or server.port`;
    case "EACCES":
      return `cannot listen on ${where}: permission denied (ports below 1024 need privileges); choose a port of 1024 or above with --port or server.port`;
    case "EADDRNOTAVAIL":
      return `cannot listen on ${where}: no network interface of this machine has that address; use --host with one of its addresses (or 0.0.0.0)`;
    default:
      return `cannot listen on ${where}: ${e.message}`;
  }
}
