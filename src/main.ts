// `connect-chat serve`: parse the flags, build the app, listen, and stop cleanly on SIGTERM/SIGINT.
import { parseArgs } from "node:util";
import { createApp } from "./app.js";
import { ConfigError, loadConfig, parseConfig } from "./config.js";

const USAGE = "usage: connect-chat serve [--config FILE] [--host H] [--port P] [--database-url URL] [--log-requests]";

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
  let app;
  try {
    const config = values.config ? loadConfig(values.config) : parseConfig(undefined, "(no --config)");
    const logRequests = values["log-requests"] ?? config.server?.logRequests ?? false;
    app = await createApp(config, {
      databaseUrl: values["database-url"],
      logRequests,
      log: (line) => process.stderr.write(JSON.stringify(line) + "\n"),
    });
  } catch (e) {
    process.stderr.write(`connect-chat: ${e instanceof ConfigError ? e.message : (e as Error).message}\n`);
    process.exit(1);
  }
  const { url } = await app.listen(port, values.host);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    process.exit(0);
  };
  // Before the address is printed: a supervisor may send SIGTERM as soon as it reads it.
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  process.stdout.write(`connect-chat listening on ${url}\n`);
}
