// `connect-chat config check FILE`: validates a configuration as `serve` would (the environment applied, allow
// lists checked against the Connect operations) without opening storage or a port. Exit 0 and a summary, or
// exit 1 and each bad key with its problem.
import { parseArgs } from "node:util";
import { operations } from "./api/operations.js";
import { ConfigError, loadConfig, type Config } from "./config.js";

const USAGE = "usage: connect-chat config check FILE   (CONNECT_CHAT_* variables and ${NAME} references are read from the environment)";

/** The checks createApp makes beyond the schema: every operation an allow list names is a SigV4 Connect operation. */
export function checkOperations(config: Config, source: string): void {
  const problems: string[] = [];
  config.accounts.forEach((a, ai) =>
    a.credentials.forEach((k, ki) => {
      const unknown = k.allow?.filter((op) => !(op in operations) || operations[op as keyof typeof operations].auth !== "sigv4");
      if (unknown?.length) problems.push(`  accounts[${ai}].credentials[${ki}].allow: unknown Connect operation(s) ${unknown.join(", ")}`);
    }),
  );
  if (problems.length) throw new ConfigError(`${source}: invalid configuration\n${problems.join("\n")}`);
}

/** The storage URL without its password: the summary may end up in a CI log. */
function storageLabel(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://(unparsable)";
  }
}

export function summary(file: string, c: Config): string {
  const instances = c.accounts.flatMap((a) => a.instances);
  const destinations = instances.flatMap((i) => i.destinations);
  const n = (count: number, what: string) => `${count} ${what}${count === 1 ? "" : "s"}`;
  return (
    `ok: ${file}: region ${c.region}, ${n(c.accounts.length, "account")}, ${n(instances.length, "instance")}, ${n(destinations.length, "destination")}` +
    ` (${destinations.filter((d) => d.streamingEndpointArn).length} streaming to SNS, ${destinations.filter((d) => d.webhooks?.length).length} with webhooks),` +
    ` storage ${storageLabel(c.storage.url)}, admin token ${c.server?.adminToken ? "set" : "not set"}, log level ${c.server?.logLevel ?? "info"}\n`
  );
}

export async function main(argv: string[]): Promise<number> {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args: argv, options: { help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (positionals[0] !== "check" || positionals.length !== 2) {
    (argv.includes("--help") || argv.includes("-h") ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return argv.includes("--help") || argv.includes("-h") ? 0 : 2;
  }
  const file = positionals[1];
  try {
    const config = loadConfig(file, process.env);
    checkOperations(config, file);
    process.stdout.write(summary(file, config));
    return 0;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`connect-chat: ${e.message}\n`);
    return 1;
  }
}
