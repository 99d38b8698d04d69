// The server configuration: one schema, parsed once at start, passed explicitly. Errors name the key.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { validateFlow } from "./flows/validate.js";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { AttachmentsSchema } from "./config-attachments.js";
import { ConsoleSchema } from "./config-console.js";
import { applyEnvKeys, EnvReferenceError, expandEnv, formatPath, type Env, type Origins } from "./config-env.js";

/** pino's levels; `silent` logs nothing. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** Where webhooks and the SNS endpoint may point: plain http(s) URLs. */
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });
import { routingFields } from "./config-routing.js";
import { RetentionSchema } from "./config-retention.js";

const id = z.string().min(1);
const RateLimit = z.strictObject({ requestsPerSecond: z.number().positive(), burst: z.number().int().positive() });
const Webhook = z.strictObject({ url: httpUrl, secret: z.string().min(1) });
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
        baseUrl: httpUrl.default("https://api.twilio.com"),
      })
      .optional(),
    endUserMessaging: z
      .strictObject({
        /** The pinpoint-sms-voice-v2 endpoint (default: the SDK's for the region). */
        endpoint: httpUrl.optional(),
        /** SQS queue (subscribed to the number's two-way SNS topic) of inbound SMS, consumed with long polling. */
        inboundQueueUrl: httpUrl.optional(),
        /** SQS queue (subscribed to the configuration set's SNS event destination) of delivery events. */
        eventsQueueUrl: httpUrl.optional(),
        /** OriginationIdentity when the DestinationId is not the phone number's ARN (a PhoneNumberId, pool, ARN). */
        originationIdentity: z.string().min(1).optional(),
        /** Region of the client when the origination identity is not an ARN (default: the config's region). */
        region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "must be an AWS region such as us-east-1").optional(),
        /** SendTextMessage's ConfigurationSetName (where End User Messaging sends delivery events). */
        configurationSetName: z.string().min(1).optional(),
      })
      .optional(),
    /** provider: webhook: each outbound SMS is POSTed as JSON, signed as the streaming webhooks are. */
    webhook: z.strictObject({ url: httpUrl, secret: z.string().min(1) }).optional(),
    /** Longest agent reply, in SMS segments; a longer one is refused at SendMessage before it is stored. */
    maxSegments: z.number().int().min(1).max(255).default(10),
    /** Send a longer reply as several texts of at most maxSegments each (one transcript item) instead of refusing it. */
    split: z.boolean().default(false),
    /** The answer to a customer's HELP (or INFO), sent back as a SYSTEM message; without it HELP is an ordinary text. */
    helpText: z.string().min(1).max(1600).optional(),
    /** Texts per second from this number (token bucket, burst of one second's worth); excess waits in the outbox. */
    messagesPerSecond: z.number().positive().max(10_000).optional(),
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
  /** Name of the queue this destination's chats wait in when they have no flow (routing, issue 17). */
  queue: z.string().min(1).max(127).optional(),
  persistentChat: z
    .strictObject({ rehydrationType: z.enum(["ENTIRE_PAST_SESSION", "FROM_SEGMENT"]) })
    .optional()
    .describe("A returning customer's new chat (SendChatIntegrationEvent) continues their last ended chat on this destination (persistent chat)"),
});
/** ContactFlowType (the Connect model's enum). */
const FLOW_TYPES = ["CONTACT_FLOW", "CUSTOMER_QUEUE", "CUSTOMER_HOLD", "CUSTOMER_WHISPER", "AGENT_HOLD", "AGENT_WHISPER", "OUTBOUND_WHISPER", "AGENT_TRANSFER", "QUEUE_TRANSFER", "CAMPAIGN"] as const;
/**
 * A flow of the instance, published and read-only through the API. `file` (Flow language JSON, relative to the
 * configuration file) is read and validated at start; `content` gives the JSON inline instead.
 */
const FlowSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, "must be 1-100 letters, digits, '_', '.' or '-' (a flow id, as in its ARN)"),
    name: z.string().min(1).max(127),
    type: z.enum(FLOW_TYPES),
    file: z.string().min(1).optional(),
    content: z.string().min(1).optional(),
    description: z.string().max(500).optional(),
  })
  .refine((f) => (f.file === undefined) !== (f.content === undefined), { message: "give exactly one of file and content" });
/** Offer and after-contact-work times (the matcher, issue 17); an instance's own override the server's. */
const RoutingTimesSchema = {
  offerTimeoutSeconds: z.number().int().min(1).max(3600).describe("How long an offer waits for the agent before it goes to the next agent and the agent is Missed (default 30, as Connect)").optional(),
  afterContactWorkSeconds: z
    .number()
    .int()
    .min(0)
    .max(2000000)
    .describe("After-contact work of agents whose user has no CHAT AfterContactWorkTimeLimit: seconds until the slot frees by itself (0: no ACW; default 60)")
    .optional(),
};
const Instance = z.strictObject({
  instanceId: id.max(100),
  matcher: z.strictObject(RoutingTimesSchema).optional(),
  destinations: z.array(DestinationSchema).default([]),
  flows: z.array(FlowSchema).default([]),
  // Queues, routing profiles, users, agent statuses, hours (config-routing.ts), seeded at start by name.
  ...routingFields,
});
const Account = z.strictObject({
  accountId: z.string().regex(/^[0-9]{12}$/, "must be a 12-digit AWS account id"),
  credentials: z
    .array(
      z.strictObject({
        accessKeyId: z.string().min(1),
        secretAccessKey: z.string().min(1),
        sessionToken: z.string().min(1).describe("Temporary credentials: requests must then carry this X-Amz-Security-Token (and keys without one, none)").optional(),
        allow: z.array(z.string().min(1)).min(1).describe("Connect operations this key may call (e.g. only SendChatIntegrationEvent for an SMS gateway); default all").optional(),
      }),
    )
    .min(1),
  rateLimit: RateLimit.optional(),
  instances: z.array(Instance).default([]),
});
export const ConfigSchema = z.strictObject({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "must be an AWS region such as us-east-1").default("us-east-1"),
  storage: z
    .strictObject({ url: z.string().min(1).describe("sqlite:PATH or postgres://user@host:port/db; CONNECT_CHAT_DATABASE_URL and --database-url override it") })
    .default({ url: "sqlite:./data/connect-chat.db" }),
  sns: z.strictObject({ endpoint: httpUrl.optional() }).optional(),
  lambda: z
    .strictObject({
      endpoint: httpUrl.describe("The Lambda Invoke API flows' InvokeLambdaFunction calls (sam local start-lambda, LocalStack, https://lambda.<region>.amazonaws.com)"),
      accessKeyId: z.string().min(1).optional(),
      secretAccessKey: z.string().min(1).optional(),
    })
    .describe("Where contact flows' InvokeLambdaFunction blocks call; without it they take their error branch")
    .optional(),
  flowEngine: z
    .strictObject({
      logAll: z.boolean().describe("Flow logs for every contact, as if each flow began with UpdateFlowLoggingBehavior Enabled (default false)").optional(),
      timerPollMs: z.number().int().min(10).describe("How often due flow timers (Wait, input timeouts, Lambda calls) are looked for, in milliseconds (default 250)").optional(),
      leaseMs: z
        .number()
        .int()
        .min(1000)
        .describe("How long a claimed flow timer stays leased: after a crash its Lambda call is made again once it runs out; keep it above the longest InvocationTimeLimitSeconds you use (default 30000)")
        .optional(),
    })
    .optional(),
  participantTimers: z
    .strictObject({
      pollMs: z.number().int().min(10).describe("How often due participant timers (UpdateParticipantRoleConfig idle and auto-disconnect) are looked for, in milliseconds (default 1000)").optional(),
      leaseMs: z.number().int().min(100).describe("How long a claimed participant timer stays leased: a node that dies while settling it gives it back after this (default 30000)").optional(),
      minuteMs: z
        .number()
        .int()
        .min(1)
        .describe("For tests only: how many milliseconds a timer minute lasts (default 60000). The API still takes and checks minutes (2-480); a shorter minute lets a test run a real timer end to end")
        .optional(),
    })
    .describe("Participant timeouts (UpdateParticipantRoleConfig)")
    .optional(),
  matcher: z
    .strictObject({
      ...RoutingTimesSchema,
      pollMs: z.number().int().min(10).describe("How often the matcher looks for due offers, ACW timeouts and chats whose queue Delay passed, in milliseconds (default 1000)").optional(),
      leaseMs: z.number().int().min(1000).describe("How long a claimed routing timer stays leased (a node that dies gives it back after this; default 30000)").optional(),
    })
    .describe("The matcher: offers of queued chats to agents (issue 17)")
    .optional(),
  attachments: AttachmentsSchema.optional(),
  console: ConsoleSchema.optional(),
  retention: RetentionSchema.optional(),
  streaming: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(1000).optional(),
      baseDelayMs: z.number().int().min(1).optional(),
      maxDelayMs: z.number().int().min(1).optional(),
      leaseMs: z.number().int().min(100).optional(),
      pollMs: z.number().int().min(10).optional(),
      concurrency: z.number().int().min(1).max(10_000).describe("Deliveries in flight at once (default 256)").optional(),
      perEndpoint: z.number().int().min(1).max(10_000).describe("Deliveries in flight at once to one endpoint (default 128)").optional(),
    })
    .describe("Outbox relay tuning (streaming to SNS and webhooks)")
    .optional(),
  auth: z
    .strictObject({
      sessionMinutes: z
        .number()
        .int()
        .min(15)
        .max(1440)
        .describe("How long credentials from POST /auth/sign-in last, in minutes (default 720, Connect's default longest session)")
        .optional(),
      maxFailures: z.number().int().min(1).max(1000).describe("Failed sign-ins allowed per username and client address in a window before that pair is locked (default 5)").optional(),
      failureWindowMinutes: z.number().int().min(1).max(1440).describe("The window failed sign-ins are counted in, and how long a locked pair stays locked (default 15)").optional(),
      passwordHashCost: z
        .number()
        .int()
        .min(10)
        .max(20)
        .describe("scrypt cost of new password hashes as log2 N (default 15: 32 MiB and tens of ms per hash); stored hashes keep their own cost")
        .optional(),
    })
    .describe("Agents signing in with username and password (POST /auth/sign-in)")
    .optional(),
  server: z
    .strictObject({
      host: z.string().optional(),
      port: z.number().int().min(0).max(65535).optional(),
      logRequests: z.boolean().describe("One JSON access line per request on stderr (also --log-requests)").optional(),
      logLevel: z.enum(LOG_LEVELS).describe("The least severe level logged (default info); CONNECT_CHAT_LOG_LEVEL and --log-level override it").optional(),
      adminToken: z
        .string()
        .min(16, "must be at least 16 characters")
        .describe("Enables the operator endpoints under /_connect-chat/ and guards /metrics (Authorization: Bearer <adminToken>); CONNECT_CHAT_ADMIN_TOKEN overrides it")
        .optional(),
      websocketUrl: z
        .string()
        .regex(/^wss?:\/\/[^/?#]+$/, "must be ws://host[:port] or wss://host[:port]")
        .describe("Base of handed-out WebSocket URLs (e.g. wss://chat.example.com behind TLS); default ws://<Host>")
        .optional(),
      publicUrl: z
        .string()
        .regex(/^https?:\/\/[^/?#]+(\/[^?#]*[^/?#])?$/, "must be http(s)://host[:port][/path] with no trailing slash")
        .describe("The public base URL providers call back (Twilio's webhooks and status callbacks are signed over it)")
        .optional(),
      console: z.boolean().describe("Serve the agent console at /console/ (default true)").optional(),
      sweepIntervalMs: z.number().int().positive().describe("How often expired chats are ended, in milliseconds (default 30000)").optional(),
      maxConnections: z.number().int().min(1).describe("Open connections served at once (WebSockets included); past it, requests get a 503 (default 10000)").optional(),
      maxBodyBytesInFlight: z
        .number()
        .int()
        .min(1_048_576, "must be at least 1048576 (one largest body)")
        .describe("Request body bytes held in memory by all requests at once; past it, a 503 (default 64 MiB)")
        .optional(),
      shutdownGraceMs: z.number().int().min(0).describe("On SIGTERM/SIGINT, how long in-flight requests may take before their connections are cut (default 10000)").optional(),
    })
    .optional(),
  accounts: z.array(Account).min(1),
});
export type Config = z.infer<typeof ConfigSchema>;
export type DestinationConfig = z.infer<typeof DestinationSchema>;
export type FlowConfig = z.infer<typeof FlowSchema>;

export class ConfigError extends Error {}

/**
 * Validates a parsed config object; the error names each bad key by its path (accounts[0].credentials ...). With
 * `env`, `${NAME}` references in string values are expanded first and CONNECT_CHAT_* variables override keys
 * (config-env.ts); a key whose value came from the environment says so in the error. Flow files are read relative to
 * `baseDir` (the configuration file's directory) and validated: every flow gets its `content`.
 */
export function parseConfig(raw: unknown, source = "config", env?: Env, baseDir = process.cwd()): Config {
  const origins: Origins = new Map();
  if (env) {
    try {
      raw = applyEnvKeys(expandEnv(raw, env, origins), env, origins);
    } catch (e) {
      if (e instanceof EnvReferenceError) throw new ConfigError(`${source}: invalid configuration\n  ${e.message}`);
      throw e;
    }
  }
  const r = ConfigSchema.safeParse(raw ?? {});
  if (!r.success) {
    const lines = r.error.issues.map((i) => {
      const key = formatPath(i.path);
      return `  ${key}${origins.has(key) ? ` (${origins.get(key)})` : ""}: ${i.message}`;
    });
    throw new ConfigError(`${source}: invalid configuration\n${lines.join("\n")}`);
  }
  checkUnique(r.data, source);
  loadFlows(r.data, source, baseDir);
  return r.data;
}

/** Reads and validates each configured flow; a bad one stops the start with its file, action and problems. */
function loadFlows(c: Config, source: string, baseDir: string) {
  c.accounts.forEach((a, ai) =>
    a.instances.forEach((inst, ii) =>
      (inst.flows ?? []).forEach((f, fi) => {
        const where = `accounts[${ai}].instances[${ii}].flows[${fi}]`;
        const file = f.file === undefined ? undefined : resolve(baseDir, f.file);
        if (file !== undefined) {
          try {
            f.content = readFileSync(file, "utf8");
          } catch (e) {
            throw new ConfigError(`${source}: ${where} (flow '${f.id}'): cannot read ${file} (${(e as Error).message})`);
          }
        }
        const v = validateFlow(f.content!);
        if (!v.ok)
          throw new ConfigError(`${source}: ${where} (flow '${f.id}'${file ? `, file ${file}` : ""}) is not a valid flow:\n${v.problems.map((p) => `  ${p.message}`).join("\n")}`);
      }),
    ),
  );
}

/** Reads a YAML file and validates it with the environment applied (see parseConfig). */
export function loadConfig(file: string, env: Env = process.env): Config {
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
  return parseConfig(raw, file, env, dirname(resolve(file)));
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
      (inst.flows ?? []).forEach((f, fi) => {
        once(`flow id of instance ${inst.instanceId}`, f.id, `accounts[${ai}].instances[${ii}].flows[${fi}].id`);
        once(`flow name of instance ${inst.instanceId}`, f.name, `accounts[${ai}].instances[${ii}].flows[${fi}].name`);
      });
    });
  });
}
