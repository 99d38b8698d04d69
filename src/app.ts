// The composition root: config → store, directory, verifier, throttle, handlers → one node:http server.
// build (createApp) is apart from listen; main.ts only listens and handles signals. The parts are wired in
// src/wiring/ (ids, store, credentials, channels, server, sweep, console); this file puts them together.
import type { Server } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { operations } from "./api/operations.js";
import type { Config } from "./config.js";
import { checkDestinationFlows, configuredFlows } from "./config-flows.js";
import type { Journal, DomainEnv } from "./domain/chat-base.js";
import type { Clock, Ids, Logger, Store } from "./domain/ports.js";
import type { AdminDeps } from "./http/admin.js";
import { createPipeline, type Invoke } from "./http/pipeline.js";
import { createStatic } from "./http/static.js";
import { BodyBudget, DEFAULT_MAX_BODY_BYTES_IN_FLIGHT } from "./http/body.js";
import { DEFAULT_MAX_CONNECTIONS, type Edge } from "./http/edge.js";
import { createHealth } from "./http/health.js";
import { SigV4Verifier } from "./http/sigv4.js";
import { Throttle } from "./http/throttle.js";
import { ChatHub, WS_PATH } from "./events/hub.js";
import { Relay, RELAY_DEFAULTS } from "./events/relay.js";
import { SnsSink, WebhookSink } from "./events/sinks.js";
import { Participants } from "./domain/participants.js";
import { createCtx } from "./operations/context.js";
import { handlers } from "./operations/index.js";
import { createLogger } from "./ops/logger.js";
import { Metrics } from "./ops/metrics.js";
import { scryptHasher } from "./passwords.js";
import type { RoutingEnv } from "./routing/ports.js";
import { seedRouting } from "./seed-routing.js";
import { FlowTimers } from "./flows/timers.js";
import { ParticipantTimerLoop } from "./events/participant-timer-loop.js";
import { routingTimes, startRouting } from "./wiring/routing.js";
import { lambdaInvoker } from "./flows/lambda.js";
import { openAttachmentBlobs } from "./storage/blobs/index.js";
import { CONNECT_ATTACHMENT_RULES } from "./domain/attachments.js";
import { systemClock, uuidIds } from "./wiring/ids.js";
import { directoryOf, openStore, outboxReport } from "./wiring/store.js";
import { configuredKeys, webhookSecrets } from "./wiring/credentials.js";
import { wireSms } from "./wiring/channels.js";
import { createHttpServer } from "./wiring/server.js";
import { startSweep } from "./wiring/sweep.js";
import { retentionRules } from "./config-retention.js";
import { authWiring } from "./wiring/auth.js";
import { consoleOptions } from "./wiring/console.js";

export { systemClock, uuidIds, uuidv7 } from "./wiring/ids.js";
export { directoryOf, openStore, outboxReport } from "./wiring/store.js";

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
  /** The participant timeout loop (UpdateParticipantRoleConfig); tests wake it after moving their clock. */
  participantTimers: ParticipantTimerLoop;
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
export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const clock = opts.clock ?? systemClock;
  const log = opts.logger ?? createLogger();
  const store = await openStore(opts.databaseUrl ?? config.storage.url, { serve: true });
  const env: DomainEnv = { clock, ids: opts.ids ?? uuidIds, directory: directoryOf(config), region: config.region, configFlows: configuredFlows(config, clock.now()) };
  // New password hashes at the configured scrypt cost (verification reads each hash's own).
  const passwords = scryptHasher(config.auth?.passwordHashCost);
  const routingEnv: RoutingEnv = { clock, region: config.region, newId: randomUUID, passwords, hasInstance: env.directory.hasInstance };
  const closingOnFailure = (e: unknown) => store.close().then(() => Promise.reject(e));
  await seedRouting(store, routingEnv, config).catch(closingOnFailure);
  env.timerMinuteMs = config.participantTimers?.minuteMs;
  env.flowEngine = { lambda: config.lambda !== undefined, logAll: config.flowEngine?.logAll ?? false, log };
  await checkDestinationFlows(config, env.configFlows!, store).catch(closingOnFailure);
  const { keys, limits } = configuredKeys(config);

  // A shared store (PostgreSQL) pushes every node's items, this one's included; otherwise `published` does.
  const feed = store.pushFeed?.((items) => hub.publish(items), log);
  // Sockets catch up from the store after aws/subscribe (Participants.socketItems), then take pushes.
  const hub: ChatHub = new ChatHub({
    authenticate: (token) => store.tx((tx) => new Participants(tx, env).authenticateSocket(token)),
    itemsAfter: (chat, after, limit, token) => store.tx((tx) => new Participants(tx, env).socketItems(chat, after, limit, token)),
    feed,
  });
  // What a transaction produced goes out: pushes (unless the store's feed does it), the relay, the flow timers.
  const published = (journal: Journal) => {
    if (!feed) hub.publish(journal.items);
    if (journal.dispatch.length) relay.adopt(journal.dispatch);
    if (journal.streamed) relay.wake();
    if (journal.flowDue) flowTimers.wake();
    if (journal.routingDue) routing.wake();
  };
  const attachmentBlobs = openAttachmentBlobs(config.attachments, () => clock.now());
  const sms = wireSms(config, { store, env, clock, log, published, blobs: attachmentBlobs });
  const sns = new SnsSink(config.sns?.endpoint);
  const relayOptions = { ...RELAY_DEFAULTS, ...config.streaming };
  const relay = new Relay(store, { sns, webhook: new WebhookSink(webhookSecrets(config)), sms: sms.sink }, clock, relayOptions, log);
  env.outboxLeaseMs = relayOptions.leaseMs; // journals that dispatch (operations, inbound SMS) lease entries this long
  const metrics = new Metrics({
    clock,
    log,
    connections: () => hub.connections,
    outboxStats: () => store.tx((tx) => tx.outboxStats()),
    poolStats: store.poolStats?.bind(store),
    flowTimerStats: () => store.tx((tx) => tx.flowTimerStats(clock.now())),
    participantTimerStats: () => store.tx((tx) => tx.participantTimerStats(clock.now())),
  });
  const lambdaKeys = config.lambda?.accessKeyId && config.lambda.secretAccessKey ? { accessKeyId: config.lambda.accessKeyId, secretAccessKey: config.lambda.secretAccessKey } : undefined;
  const lambda = config.lambda ? await lambdaInvoker(config.lambda.endpoint, config.region, lambdaKeys) : undefined;
  const ctxDeps = {
    store,
    env,
    routingEnv,
    attachments: {
      rules: { maxBytes: config.attachments?.maxBytes ?? CONNECT_ATTACHMENT_RULES.maxBytes, contentTypes: config.attachments?.contentTypes ?? CONNECT_ATTACHMENT_RULES.contentTypes },
      blobs: attachmentBlobs.blobs,
      publicUrl: config.server?.publicUrl,
    },
    published,
  };
  env.routingTimes = routingTimes(config);
  const routing = startRouting(config, { store, env, log, published });
  const flowTimers: FlowTimers = new FlowTimers({ store, env, log, published, lambda: lambda?.invoke, pollMs: config.flowEngine?.timerPollMs ?? 250, leaseMs: config.flowEngine?.leaseMs });
  const participantTimers = new ParticipantTimerLoop({ store, env, log, published, pollMs: config.participantTimers?.pollMs ?? 1000, leaseMs: config.participantTimers?.leaseMs ?? 30_000 });
  const invoke: Invoke = (spec, input, meta) => {
    const handler = handlers[spec.name] as (input: unknown, ctx: ReturnType<typeof createCtx>) => Promise<unknown>;
    return handler(input, createCtx(ctxDeps, spec, meta));
  };
  const bodyBudget = new BodyBudget(config.server?.maxBodyBytesInFlight ?? DEFAULT_MAX_BODY_BYTES_IN_FLIGHT);
  const auth = authWiring(config, store, clock, passwords, log);
  // Also the SMS sends extension's (supervisors' failed sends are SigV4-signed).
  const verifier = new SigV4Verifier(keys, config.region, "connect", () => (opts.authClock ?? systemClock).now());
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
    sessionOwner: auth.sessionOwner,
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
  const { server, edge } = createHttpServer({
    log,
    maxConnections: config.server?.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    hub,
    hubPath: WS_PATH,
    admin,
    // A trivial read: storage answers (migrations ran before createApp returned).
    health: createHealth({ probe: () => store.tx((tx) => tx.lastPosition("")), draining: () => edge.isDraining }),
    metrics,
    consoleFiles: config.server?.console === false ? undefined : createStatic(consoleOptions(config)),
    localBlobs: attachmentBlobs.local,
    twilioInbound: sms.twilioInbound,
    twilioStatus: sms.twilioStatus,
    smsSends: { ...sms.sends.handlers(), verifier, log: (line) => log.error(line, "sms sends request failed") },
    pipeline,
    auth: auth.route,
  });
  const sweeper = startSweep({ store, env, clock, log, published, intervalMs: config.server?.sweepIntervalMs ?? 30_000, blobs: attachmentBlobs.blobs, retention: retentionRules(config.retention) });

  return {
    server,
    store,
    config,
    sweep: sweeper.sweep,
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
    participantTimers,
    edge,
    bodyBudget,
    close: async (graceMs = config.server?.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS) => {
      sweeper.stop();
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
      await sms.stopConsumers();
      await flowTimers.stop();
      await participantTimers.stop();
      await routing.stop();
      await relay.stop();
      lambda?.destroy();
      attachmentBlobs.close();
      sns.destroy();
      sms.destroy();
      await store.close();
    },
  };
}
