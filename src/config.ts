// The server configuration: one schema, parsed once at start, passed explicitly. Errors name the key.
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

const id = z.string().min(1);
const RateLimit = z.strictObject({ requestsPerSecond: z.number().positive(), burst: z.number().int().positive() });
const Webhook = z.strictObject({ url: z.string().url(), secret: z.string().min(1) });
/** Outbound (and later inbound) SMS of a destination: its own number and the provider that carries the texts. */
const Sms = z
  .strictObject({
    /** The destination's own E.164 number: Twilio's From, and what Twilio's inbound webhook's To is matched with. */
    number: z.string().regex(/^\+[1-9][0-9]{1,14}$/, "must be an E.164 phone number such as +15550001111"),
    provider: z.enum(["twilio", "endUserMessaging", "webhook"]),
    twilio: z
      .strictObject({
        accountSid: z.string().regex(/^AC[0-9a-zA-Z]{32}$/, "must be a Twilio Account SID (AC followed by 32 characters)"),
        authToken: z.string().min(1),
        baseUrl: z.string().url().default("https://api.twilio.com"),
      })
      .optional(),
    endUserMessaging: z
      .strictObject({
        /** The pinpoint-sms-voice-v2 endpoint (default: the SDK's for the region). */
        endpoint: z.string().url().optional(),
        /** SQS queue of inbound SMS (a later release consumes it). */
        inboundQueueUrl: z.string().url().optional(),
        /** OriginationIdentity when the DestinationId is not the phone number's ARN (a PhoneNumberId, pool, ARN). */
        originationIdentity: z.string().min(1).optional(),
        /** Region of the client when the origination identity is not an ARN (default: the config's region). */
        region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "must be an AWS region such as us-east-1").optional(),
        /** SendTextMessage's ConfigurationSetName (where End User Messaging sends delivery events). */
        configurationSetName: z.string().min(1).optional(),
      })
      .optional(),
    /** provider: webhook: each outbound SMS is POSTed as JSON, signed as the streaming webhooks are. */
    webhook: z.strictObject({ url: z.string().url(), secret: z.string().min(1) }).optional(),
    /** Longest agent reply, in SMS segments; a longer one is refused at SendMessage before it is stored. */
    maxSegments: z.number().int().min(1).max(255).default(10),
    /** Send a longer reply as several texts of at most maxSegments each (one transcript item) instead of refusing it. */
    split: z.boolean().default(false),
  })
  .superRefine((s, ctx) => {
    const need = (key: "twilio" | "webhook", what: string) => {
      if (!s[key]) ctx.addIssue({ code: "custom", path: [key], message: `is required when provider is ${s.provider} (${what})` });
    };
    if (s.provider === "twilio") need("twilio", "accountSid, authToken");
    if (s.provider === "webhook") need("webhook", "url, secret");
  });
const DestinationSchema = z.strictObject({
  destinationId: z.string().min(1).max(255),
  contactFlowId: id.max(500).optional(),
  streamingEndpointArn: z
    .string()
    .regex(/^arn:aws[a-zA-Z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/, "must be an SNS topic ARN")
    .optional(),
  chatDurationMinutes: z.number().int().min(60).max(10080).optional(),
  webhooks: z.array(Webhook).optional(),
  sms: Sms.optional(),
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
      /** The public base URL providers call back (Twilio's webhooks and status callbacks are signed over it). */
      publicUrl: z.string().regex(/^https?:\/\/[^/?#]+(\/[^?#]*[^/?#])?$/, "must be http(s)://host[:port][/path] with no trailing slash").optional(),
      /** Serve the agent console at /console/ (default true). */
      console: z.boolean().optional(),
      /** How often expired chats are ended, in milliseconds. */
      sweepIntervalMs: z.number().int().positive().optional(),
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
      inst.destinations.forEach((d, di) => {
        const where = `accounts[${ai}].instances[${ii}].destinations[${di}]`;
        once("destinationId", d.destinationId, `${where}.destinationId`);
        // Twilio's inbound webhook picks the destination by the number it was sent To.
        if (d.sms) once("sms.number", d.sms.number, `${where}.sms.number`);
      });
    });
  });
}
