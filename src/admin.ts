// `connect-chat outbox`: the streaming outbox of a database, for operators (counts, dead letters, replay).
// Reads the storage directly, so it works while the server is down.
import { parseArgs } from "node:util";
import { openStore, outboxReport } from "./app.js";
import { loadConfig } from "./config.js";

const USAGE = "usage: connect-chat outbox [--config FILE | --database-url URL] [--replay [--endpoint ARN_OR_URL]]  (or CONNECT_CHAT_DATABASE_URL)";

export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { config: { type: "string" }, "database-url": { type: "string" }, replay: { type: "boolean" }, endpoint: { type: "string" }, help: { type: "boolean" } },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // As serve: --database-url, else CONNECT_CHAT_DATABASE_URL (loadConfig applies it over the file), else the file.
  const url = values["database-url"] ?? (values.config ? loadConfig(values.config).storage.url : process.env.CONNECT_CHAT_DATABASE_URL || "sqlite:./data/connect-chat.db");
  const store = await openStore(url);
  try {
    if (values.replay) {
      const n = await store.tx((tx) => tx.replayDead(Date.now(), values.endpoint));
      process.stdout.write(`${JSON.stringify({ replayed: n })}\n`);
    } else process.stdout.write(`${JSON.stringify(await outboxReport(store), null, 2)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
