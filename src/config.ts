// The server configuration: one schema, parsed once at start, passed explicitly. Errors name the key.
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

const id = z.string().min(1);
const RateLimit = z.strictObject({ requestsPerSecond: z.number().positive(), burst: z.number().int().positive() });
const Webhook = z.strictObject({ url: z.string().url(), secret: z.string().min(1) });
const DestinationSchema = z.strictObject({
  destinationId: z.string().min(1).max(255),
  contactFlowId: id.max(500).optional(),
  streamingEndpointArn: z
    .string()
    .regex(/^arn:aws[a-zA-Z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/, "must be an SNS topic ARN")
    .optional(),
  chatDurationMinutes: z.number().int().min(60).max(10080).optional(),
  webhooks: z.array(Webhook).optional(),
});
const Instance = z.strictObject({
  instanceId: id.max(100),
  destinations: z.array(DestinationSchema).default([]),
});
const Account = z.strictObject({
  accountId: z.string().regex(/^[0-9]{12}$/, "must be a 12-digit AWS account id"),
  credentials: z
    .array(
      z.strictObject({
        accessKeyId: z.string().min(1),
        secretAccessKey: z.string().min(1),
        /** Connect operations this key may call (e.g. only SendChatIntegrationEvent for an SMS gateway). */
        allow: z.array(z.string().min(1)).min(1).optional(),
      }),
    )
    .min(1),
  rateLimit: RateLimit.optional(),
  instances: z.array(Instance).default([]),
});
export const ConfigSchema = z.strictObject({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "must be an AWS region such as us-east-1").default("us-east-1"),
  storage: z.strictObject({ url: z.string().min(1) }).default({ url: "sqlite:./data/connect-chat.db" }),
  sns: z.strictObject({ endpoint: z.string().url().optional() }).optional(),
  /** Outbox relay tuning (streaming to SNS and webhooks). */
  streaming: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(1000).optional(),
      baseDelayMs: z.number().int().min(1).optional(),
      maxDelayMs: z.number().int().min(1).optional(),
      leaseMs: z.number().int().min(100).optional(),
      pollMs: z.number().int().min(10).optional(),
    })
    .optional(),
  server: z
    .strictObject({
      host: z.string().optional(),
      port: z.number().int().min(0).max(65535).optional(),
      /** Structured request logs to stderr (one JSON line per request). */
      logRequests: z.boolean().optional(),
      /** Enables the operator endpoints under /_connect-chat/ (Authorization: Bearer <adminToken>). */
      adminToken: z.string().min(16, "must be at least 16 characters").optional(),
      /** Base of handed-out WebSocket URLs (e.g. wss://chat.example.com behind TLS); default ws://<Host>. */
      websocketUrl: z.string().regex(/^wss?:\/\/[^/?#]+$/, "must be ws://host[:port] or wss://host[:port]").optional(),
      /** Serve the agent console at /console/ (default true). */
      console: z.boolean().optional(),
      /** How often expired chats are ended, in milliseconds. */
      sweepIntervalMs: z.number().int().positive().optional(),
      /** Open connections served at once (WebSockets included); past it, requests get a 503 (default 10000). */
      maxConnections: z.number().int().min(1).optional(),
      /** Request body bytes held in memory by all requests at once; past it, a 503 (default 64 MiB). */
      maxBodyBytesInFlight: z.number().int().min(1_048_576, "must be at least 1048576 (one largest body)").optional(),
      /** On SIGTERM/SIGINT, how long in-flight requests may take before their connections are cut (default 10000). */
      shutdownGraceMs: z.number().int().min(0).optional(),
    })
    .optional(),
  accounts: z.array(Account).min(1),
});
export type Config = z.infer<typeof ConfigSchema>;
export type DestinationConfig = z.infer<typeof DestinationSchema>;

export class ConfigError extends Error {}

/** Validates a parsed config object; the error names each bad key by its path (accounts[0].credentials ...). */
export function parseConfig(raw: unknown, source = "config"): Config {
  const r = ConfigSchema.safeParse(raw ?? {});
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${formatPath(i.path)}: ${i.message}`);
    throw new ConfigError(`${source}: invalid configuration\n${lines.join("\n")}`);
  }
  checkUnique(r.data, source);
  return r.data;
}

export function loadConfig(file: string): Config {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(`${file}: cannot read the configuration file (${(e as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new ConfigError(`${file}: not valid YAML: ${(e as Error).message}`);
  }
  return parseConfig(raw, file);
}

function formatPath(path: PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");
}

function checkUnique(c: Config, source: string) {
  const seen = new Map<string, string>();
  const once = (kind: string, value: string, where: string) => {
    const k = `${kind}:${value}`;
    const prev = seen.get(k);
    if (prev) throw new ConfigError(`${source}: invalid configuration\n  ${where}: ${kind} '${value}' is also used at ${prev}`);
    seen.set(k, where);
  };
  c.accounts.forEach((a, ai) => {
    once("accountId", a.accountId, `accounts[${ai}].accountId`);
    a.credentials.forEach((k, ki) => once("accessKeyId", k.accessKeyId, `accounts[${ai}].credentials[${ki}].accessKeyId`));
    a.instances.forEach((inst, ii) => {
      once("instanceId", inst.instanceId, `accounts[${ai}].instances[${ii}].instanceId`);
      inst.destinations.forEach((d, di) => once("destinationId", d.destinationId, `accounts[${ai}].instances[${ii}].destinations[${di}].destinationId`));
    });
  });
}
