// The composition root: config → store, directory, verifier, throttle, handlers → one node:http server.
// build (createApp) is apart from listen; main.ts only listens and handles signals.
import { createServer, type Server, type ServerOptions } from "node:http";
import { randomBytes, randomFillSync, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { operations } from "./api/operations.js";
import { ConfigError, type Config } from "./config.js";
import { configuredFlows } from "./config-flows.js";
import { Chats } from "./domain/chats.js";
import { Journal, type DomainEnv } from "./domain/chat-base.js";
import type { Clock, Directory, Ids, Logger, Store } from "./domain/ports.js";
import type { Destination } from "./domain/types.js";
import { DEFAULT_CHAT_MINUTES } from "./domain/rules.js";
import { ADMIN_PREFIX, handleAdmin, type AdminDeps } from "./http/admin.js";
import { handleSmsSends, isSmsSendsPath } from "./http/sms-sends.js";
import { SmsSendsApi } from "./channels/sms-sends.js";
import { createPipeline, type Invoke } from "./http/pipeline.js";
import { createStatic, isConsolePath } from "./http/static.js";
import { clientErrorOf, sendError, sendRawError } from "./http/errors.js";
import { BodyBudget, DEFAULT_MAX_BODY_BYTES_IN_FLIGHT, serverBusy } from "./http/body.js";
import { DEFAULT_MAX_CONNECTIONS, Edge, isHubUpgrade } from "./http/edge.js";
import { createHealth, isHealthPath } from "./http/health.js";
import { AwsError } from "./api/errors.js";
import { SigV4Verifier, type SigningKeyOwner } from "./http/sigv4.js";
import { Throttle, type RateLimit } from "./http/throttle.js";
import { ChatHub, WS_PATH } from "./events/hub.js";
import { Relay, RELAY_DEFAULTS } from "./events/relay.js";
import { SnsSink, WebhookSink } from "./events/sinks.js";
import { SmsSink } from "./channels/sink.js";
import { eumQueues, smsRoutes, twilioNumbers } from "./channels/routes.js";
import { SqsConsumer } from "./channels/sqs-consumer.js";
import { eumEventHandler } from "./channels/eum-events.js";
import { eumInboundHandler } from "./channels/eum-inbound.js";
import { isTwilioInbound, TwilioInbound } from "./channels/twilio-inbound.js";
import { isTwilioStatus, TwilioStatus } from "./channels/twilio-status.js";
import { serveTwiml } from "./http/twiml.js";
import { Participants } from "./domain/participants.js";
import { createCtx } from "./operations/context.js";
import { handlers } from "./operations/index.js";
import { SqliteStore } from "./storage/sqlite/SqliteStore.js";
import { createLogger } from "./ops/logger.js";
import { Metrics } from "./ops/metrics.js";
import { handleMetrics, isMetricsPath } from "./http/metrics.js";
import { scryptPasswords } from "./passwords.js";
import type { RoutingEnv } from "./routing/ports.js";
import { seedRouting } from "./seed-routing.js";
import { FlowTimers } from "./flows/timers.js";
import { lambdaInvoker } from "./flows/lambda.js";
import { checkDestinationFlows } from "./config-flows.js";
import { openAttachmentBlobs } from "./storage/blobs/index.js";
import { isAttachmentPath, serveAttachment } from "./http/attachment-urls.js";
import { CONNECT_ATTACHMENT_RULES } from "./domain/attachments.js";

export interface AppOptions {
  clock?: Clock;
  /** The clock SigV4 request dates are checked against; the real one unless a test moves time. */
  authClock?: Clock;
  ids?: Ids;
  /** Where the app logs (500s with their stack, the relay, the push feed); default: JSON lines on stderr at info. */
  logger?: Logger;
  /** One access-log line per request to `logger`, at info (errors are logged either way). */
  logRequests?: boolean;
  /** Overrides config.storage.url. */
  databaseUrl?: string;
}

export interface App {
  server: Server;
  store: Store;
  config: Config;
  hub: ChatHub;
  relay: Relay;
  /** Open connections and the drain state (see http/edge.ts). */
  edge: Edge;
  /** Request body bytes held right now, against config.server.maxBodyBytesInFlight. */
  bodyBudget: BodyBudget;
  listen(port?: number, host?: string): Promise<{ url: string; port: number; host: string }>;
  /** Ends chats whose duration ran out and drops expired idempotency records; returns chats ended. */
  sweep(): Promise<number>;
  /**
   * Readiness turns false, the listener closes, answers in flight finish with Connection: close, idle connections
   * close at once; after `graceMs` (default config.server.shutdownGraceMs, 10 s) the rest are cut. Then timers
   * stop and storage closes.
   */
  close(graceMs?: number): Promise<void>;
}

export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
export const systemClock: Clock = { now: () => Date.now() };
/**
 * UUIDs in the version 7 layout (milliseconds first, then random bits): still UUIDs to every client, but new
 * ids sort after old ones, so the id indexes grow at their end instead of touching a random page per insert.
 * The random bits come from a pool refilled by one randomFillSync per 409 ids (a call per id cost ~4% of the
 * server's CPU under load), as node's own randomUUID does.
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const RANDOM_PER_ID = 10;
const pool = Buffer.allocUnsafe(RANDOM_PER_ID * 409);
let poolAt = pool.length;

export function uuidv7(now = Date.now()): string {
  if (poolAt + RANDOM_PER_ID > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const r = pool;
  const o = poolAt;
  poolAt += RANDOM_PER_ID;
  const t = now.toString(16).padStart(12, "0");
  return (
    `${t.slice(0, 8)}-${t.slice(8, 12)}-${HEX[(r[o] & 0x0f) | 0x70]}${HEX[r[o + 1]]}-${HEX[(r[o + 2] & 0x3f) | 0x80]}${HEX[r[o + 3]]}-` +
    `${HEX[r[o + 4]]}${HEX[r[o + 5]]}${HEX[r[o + 6]]}${HEX[r[o + 7]]}${HEX[r[o + 8]]}${HEX[r[o + 9]]}`
  );
}

export const uuidIds: Ids = {
  contactId: () => uuidv7(),
  participantId: () => uuidv7(),
  itemId: () => uuidv7(),
  token: () => randomBytes(32).toString("base64url"),
};

/** `serve`: the store of a server, which claims a SQLite file for itself (one server per file). */
export async function openStore(url: string, opts: { serve?: boolean } = {}): Promise<Store> {
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length);
    const file = path === ":memory:" ? path : resolve(path);
    return opts.serve ? SqliteStore.forServer(file) : new SqliteStore(file);
  }
  // pg is loaded only by those who use it: SQLite users do not pay for it at start-up.
  if (/^postgres(ql)?:\/\//.test(url)) return (await import("./storage/postgres/PostgresStore.js")).PostgresStore.open(url);
  throw new Error(`storage url '${url}' must start with sqlite: or postgres://`);
}

/** Outbox counts per endpoint and the oldest dead letters: what `connect-chat outbox` and the admin API show. */
export async function outboxReport(store: Store) {
  return store.tx(async (tx) => ({
    endpoints: await tx.outboxStats(),
    deadLetters: (await tx.deadLetters(100)).map((d) => ({ id: d.id, endpoint: d.endpoint, initialContactId: d.initialContactId, itemId: d.itemId, attempts: d.attempts, lastError: d.lastError })),
  }));
}

export function directoryOf(config: Config): Directory {
  const destinations = new Map<string, Destination>();
  const instances = new Set<string>();
  for (const a of config.accounts)
    for (const i of a.instances) {
      instances.add(`${a.accountId}/${i.instanceId}`);
      for (const d of i.destinations)
        destinations.set(d.destinationId, {
          destinationId: d.destinationId,
          accountId: a.accountId,
          instanceId: i.instanceId,
          contactFlowId: d.contactFlowId,
          streamingEndpointArn: d.streamingEndpointArn,
          chatDurationMinutes: d.chatDurationMinutes ?? DEFAULT_CHAT_MINUTES,
          webhooks: (d.webhooks ?? []).map((w) => w.url),
          ...(d.sms ? { sms: { maxSegments: d.sms.maxSegments, split: d.sms.split, ...(d.sms.helpText ? { helpText: d.sms.helpText } : {}) } } : {}),
          defaultQueue: d.queue,
        });
    }
  return {
    destination: (id) => destinations.get(id),
    hasInstance: (accountId, instanceId) => instances.has(`${accountId}/${instanceId}`),
  };
}

/**
 * The agent console's files (dist/console, one level up from this module in src/ and dist/ alike) and its
 * unauthenticated /console/config.json: the region and instance ids to prefill sign-in with, never a secret.
 */
function consoleOptions(config: Config) {
  const body = JSON.stringify({ region: config.region, instances: config.accounts.flatMap((a) => a.instances.map((i) => i.instanceId)) });
  return {
    root: fileURLToPath(new URL("../dist/console/", import.meta.url)),
    generated: { "config.json": () => body },
    connectSrc: config.server?.websocketUrl ? [config.server.websocketUrl] : [],
  };
}

export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const clock = opts.clock ?? systemClock;
  const log = opts.logger ?? createLogger();
  const store = await openStore(opts.databaseUrl ?? config.storage.url, { serve: true });
  const env: DomainEnv = { clock, ids: opts.ids ?? uuidIds, directory: directoryOf(config), region: config.region, configFlows: configuredFlows(config, clock.now()) };
  const routingEnv: RoutingEnv = { clock, region: config.region, newId: randomUUID, passwords: scryptPasswords, hasInstance: env.directory.hasInstance };
  await seedRouting(store, routingEnv, config).catch(async (e) => {
    await store.close();
    throw e;
  });
  env.flowEngine = { lambda: config.lambda !== undefined, logAll: config.flowEngine?.logAll ?? false, log };
  await checkDestinationFlows(config, env.configFlows!, store).catch(async (e) => {
    await store.close();
    throw e;
  });

  const keys = new Map<string, SigningKeyOwner>();
  const limits = new Map<string, RateLimit>();
  for (const a of config.accounts) {
    for (const k of a.credentials) {
      const unknown = k.allow?.filter((op) => !(op in operations) || operations[op as keyof typeof operations].auth !== "sigv4");
      if (unknown?.length) throw new ConfigError(`accounts[].credentials[${k.accessKeyId}].allow: unknown Connect operation(s) ${unknown.join(", ")}`);
      keys.set(k.accessKeyId, { accountId: a.accountId, secretAccessKey: k.secretAccessKey, sessionToken: k.sessionToken, allow: k.allow && new Set(k.allow) });
    }
    if (a.rateLimit) limits.set(a.accountId, a.rateLimit);
  }

  // A shared store (PostgreSQL) pushes every node's items, this one's included; otherwise `published` does.
  const feed = store.pushFeed?.((items) => hub.publish(items), log);
  // Sockets catch up from the store after aws/subscribe (Participants.socketItems), then take pushes.
  const hub: ChatHub = new ChatHub({
    authenticate: (token) => store.tx((tx) => new Participants(tx, env).authenticateSocket(token)),
    itemsAfter: (chat, after, limit, token) => store.tx((tx) => new Participants(tx, env).socketItems(chat, after, limit, token)),
    feed,
  });
  const secrets = new Map<string, string>();
  for (const a of config.accounts) for (const i of a.instances) for (const d of i.destinations) for (const w of d.webhooks ?? []) secrets.set(w.url, w.secret);
  const sns = new SnsSink(config.sns?.endpoint);
  const sms = new SmsSink(smsRoutes(config), { publicUrl: config.server?.publicUrl, region: config.region, now: () => clock.now(), sharedSlot: store.smsSendSlot?.bind(store) });
  const relay = new Relay(store, { sns, webhook: new WebhookSink(secrets), sms }, clock, { ...RELAY_DEFAULTS, ...config.streaming }, log);
  const metrics = new Metrics({
    clock,
    log,
    connections: () => hub.connections,
    outboxStats: () => store.tx((tx) => tx.outboxStats()),
    poolStats: store.poolStats?.bind(store),
    flowTimerStats: () => store.tx((tx) => tx.flowTimerStats(clock.now())),
  });
  const lambda = config.lambda ? await lambdaInvoker(config.lambda.endpoint, config.region, config.lambda.accessKeyId && config.lambda.secretAccessKey ? { accessKeyId: config.lambda.accessKeyId, secretAccessKey: config.lambda.secretAccessKey } : undefined) : undefined;
  const attachmentBlobs = openAttachmentBlobs(config.attachments, () => clock.now());
  const ctxDeps = {
    store,
    env,
    routingEnv,
    attachments: {
      rules: { maxBytes: config.attachments?.maxBytes ?? CONNECT_ATTACHMENT_RULES.maxBytes, contentTypes: config.attachments?.contentTypes ?? CONNECT_ATTACHMENT_RULES.contentTypes },
      blobs: attachmentBlobs.blobs,
      publicUrl: config.server?.publicUrl,
    },
    published: (journal: Journal) => {
      if (!feed) hub.publish(journal.items);
      if (journal.streamed) relay.wake();
      if (journal.flowDue) flowTimers.wake();
    },
  };
  const flowTimers: FlowTimers = new FlowTimers({ store, env, log, published: (j) => ctxDeps.published(j), lambda: lambda?.invoke, pollMs: config.flowEngine?.timerPollMs ?? 250, leaseMs: config.flowEngine?.leaseMs });
  const twilioDeps = { store, env, published: (j: Journal) => ctxDeps.published(j), numbers: twilioNumbers(config), publicUrl: config.server?.publicUrl };
  const twilioInbound = new TwilioInbound(twilioDeps);
  const twilioStatus = new TwilioStatus(twilioDeps);
  const queues = eumQueues(config);
  const consumers = [
    ...queues.inbound.map((queueUrl) => new SqsConsumer({ queueUrl, region: config.region, log, name: "two-way SMS" }, eumInboundHandler({ ...twilioDeps, numbers: queues.numbers, log }))),
    ...queues.events.map((queueUrl) => new SqsConsumer({ queueUrl, region: config.region, log, name: "SMS delivery event" }, eumEventHandler({ ...twilioDeps, log }))),
  ];
  for (const c of consumers) c.start();
  const invoke: Invoke = (spec, input, meta) => {
    const handler = handlers[spec.name] as (input: unknown, ctx: ReturnType<typeof createCtx>) => Promise<unknown>;
    return handler(input, createCtx(ctxDeps, spec, meta));
  };
  const verifier = new SigV4Verifier(keys, config.region, "connect", () => (opts.authClock ?? systemClock).now());
  const smsSends = new SmsSendsApi({ store, env, published: (j) => ctxDeps.published(j) });
  const bodyBudget = new BodyBudget(config.server?.maxBodyBytesInFlight ?? DEFAULT_MAX_BODY_BYTES_IN_FLIGHT);
  const pipeline = createPipeline({
    operations: Object.values(operations),
    verifier,
    throttle: new Throttle(limits),
    invoke,
    requestId: randomUUID,
    log,
    observe: metrics.observer(opts.logRequests ? log : undefined),
    websocketBase: config.server?.websocketUrl,
    knownKey: (accessKeyId) => keys.has(accessKeyId),
    bodyBudget,
  });

  const admin: AdminDeps = {
    token: config.server?.adminToken,
    outbox: () => outboxReport(store),
    flowLog: (contactId) => store.tx(async (tx) => (await tx.flowLog(contactId)).map((l) => JSON.parse(l) as unknown)),
    replay: async (endpoint) => {
      const n = await store.tx((tx) => tx.replayDead(clock.now(), endpoint));
      relay.wake();
      return n;
    },
  };
  const consoleFiles = config.server?.console === false ? undefined : createStatic(consoleOptions(config));
  // A trivial read: storage answers (migrations ran before createApp returned).
  const health = createHealth({ probe: () => store.tx((tx) => tx.lastPosition("")), draining: () => edge.isDraining });
  // No Host header is left to SigV4 (host must be signed) rather than refused by node:http without an AWS shape.
  // shouldUpgradeCallback (Node ≥ 24.9) keeps non-hub upgrades in HTTP natively; older Nodes go through Edge.
  const serverOptions = { requireHostHeader: false, shouldUpgradeCallback: (req: import("node:http").IncomingMessage) => isHubUpgrade(req, WS_PATH) };
  const server = createServer(serverOptions as ServerOptions, (req, res) => {
    if (!edge.admit(req, res)) return;
    const url = req.url ?? "/";
    if (isSmsSendsPath(url)) void handleSmsSends(req, res, { ...smsSends.handlers(), verifier, log: (line) => log.error(line, "sms sends request failed") });
    else if (url.startsWith(ADMIN_PREFIX)) void handleAdmin(req, res, admin);
    else if (isHealthPath(url)) void health(req, res);
    else if (isMetricsPath(url)) void handleMetrics(req, res, { token: admin.token, contentType: metrics.contentType, render: () => metrics.render(), log });
    else if (consoleFiles && isConsolePath(url)) void consoleFiles(req, res);
    else if (attachmentBlobs.local && isAttachmentPath(url)) void serveAttachment(req, res, attachmentBlobs.local);
    else if (isTwilioInbound(url)) void serveTwiml(req, res, (path, sig, body) => twilioInbound.handle(path, sig, body), (line) => log.error(line, "twilio webhook failed"));
    else if (isTwilioStatus(url)) void serveTwiml(req, res, (path, sig, body) => twilioStatus.handle(path, sig, body), (line) => log.error(line, "twilio status callback failed"));
    else void pipeline(req, res);
  });
  const refuseUpgrade = (socket: import("node:stream").Duplex) =>
    sendRawError(socket, new AwsError("AccessDeniedException", 403, "The WebSocket URL is not valid or has expired"), randomUUID());
  const edge = new Edge(server, {
    maxConnections: config.server?.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    hubPath: WS_PATH,
    // A failure inside the upgrade must not become an unhandled rejection: that would stop the process.
    upgrade: (req, socket, head) => void hub.handleUpgrade(req, socket, head, refuseUpgrade).catch(() => socket.destroy()),
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

  const sweep = async () => {
    let ended = 0;
    for (;;) {
      const journal = new Journal();
      const n = await store.tx((tx) => new Chats(tx, env, journal).endExpired(100));
      ctxDeps.published(journal);
      ended += n;
      if (n < 100) break;
    }
    await store.purgeIdempotency(clock.now());
    await store.purgeTokens(clock.now());
    return ended;
  };
  const interval = config.server?.sweepIntervalMs ?? 30_000;
  const timer = setInterval(() => void sweep().catch((e) => log.error({ event: "sweep", err: e }, "sweep failed")), interval);
  timer.unref();

  return {
    server,
    store,
    config,
    sweep,
    listen: (port = config.server?.port ?? 8700, host = config.server?.host ?? "127.0.0.1") =>
      new Promise((ok, fail) => {
        server.once("error", fail);
        server.listen(port, host, () => {
          const a = server.address() as AddressInfo;
          ok({ url: `http://${host.includes(":") ? `[${host}]` : host}:${a.port}`, port: a.port, host });
        });
      }),
    hub,
    relay,
    edge,
    bodyBudget,
    close: async (graceMs = config.server?.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS) => {
      clearInterval(timer);
      log.info({ event: "draining", connections: edge.connections, graceMs }, "draining");
      const drained = edge.drain(); // readiness is false from here on
      hub.close();
      let deadline: NodeJS.Timeout | undefined;
      const cut = await Promise.race([drained.then(() => false), new Promise<boolean>((ok) => (deadline = setTimeout(() => ok(true), graceMs)))]);
      clearTimeout(deadline);
      if (cut) {
        log.warn({ event: "drain-deadline", connections: edge.connections }, `connections still open after ${graceMs} ms are cut`);
        edge.cut();
        await drained;
      }
      await Promise.all(consumers.map((c) => c.stop()));
      await flowTimers.stop();
      await relay.stop();
      lambda?.destroy();
      attachmentBlobs.close();
      sns.destroy();
      sms.destroy();
      await store.close();
    },
  };
}
