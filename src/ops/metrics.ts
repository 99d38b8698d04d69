// Prometheus metrics (prom-client): API requests by operation and status with a latency histogram, WebSocket
// connections, the streaming outbox per sink, the store's connection pool, and the process's default metrics.
import client from "prom-client";
import type { Clock, Logger, OutboxStats, Store } from "../domain/ports.js";
import type { FlowTimerStats } from "../domain/flow-store.js";
import { logExchange, type Exchange } from "./logger.js";

export interface MetricsSources {
  clock: Clock;
  log: Logger;
  /** Open WebSocket connections now (ChatHub.connections). */
  connections(): number;
  /** Outbox counts per endpoint, read from the store (a transaction): cached for `outboxCacheMs`. */
  outboxStats(): Promise<OutboxStats[]>;
  poolStats?: Store["poolStats"];
  /** Contact flows waiting, by what they wait on (a timer's kind), read from the store: cached like the outbox counts. */
  flowTimerStats?(): Promise<FlowTimerStats[]>;
  /** Running participant timers by stage (IDLE, DISCONNECT), read from the store: cached like the outbox counts. */
  participantTimerStats?(): Promise<{ stage: string; pending: number; overdue: number }[]>;
  /** How long one read of the outbox counts serves scrapes: a scrape storm costs the database one query per period. */
  outboxCacheMs?: number;
}

/** Seconds; API answers take milliseconds, so the low end is finer than prom-client's default buckets. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const OUTBOX_STATES = ["pending", "retrying", "dead"] as const;
const nothing = () => undefined;

// Process metrics (CPU, memory, GC, event-loop lag) are the process's, whatever number of apps it runs (tests
// start many): one registry, made on first use, so there is one event-loop monitor and one GC observer.
let processRegistry: client.Registry | undefined;
function processMetrics(): client.Registry {
  if (!processRegistry) {
    processRegistry = new client.Registry();
    client.collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** A label for an outbox endpoint: SNS topic ARNs as they are, webhook URLs without credentials, query or fragment. */
export function endpointLabel(endpoint: string): { sink: string; endpoint: string } {
  if (endpoint.startsWith("arn:")) return { sink: "sns", endpoint };
  try {
    const u = new URL(endpoint);
    return { sink: "webhook", endpoint: `${u.protocol}//${u.host}${u.pathname}` };
  } catch {
    return { sink: "webhook", endpoint: "(unparsable)" };
  }
}

/** Requests of one operation: counts by status, latency bucket counts (not cumulative), sum and count. */
interface OperationStats {
  statuses: Map<number, number>;
  buckets: Float64Array;
  sum: number;
  count: number;
}

/**
 * The request histogram, formatted by prom-client from counts kept in plain arrays: prom-client's own observe()
 * hashes the label set on every call (about 0.3 µs, with the counter 0.6 µs or more a request), where these
 * counts cost a map lookup and a short bucket scan. Only what the registry reads at scrape time differs; the test
 * of /metrics parses the result, so a prom-client that reads it otherwise fails there.
 */
class RequestHistogram extends client.Histogram<"operation"> {
  constructor(private readonly ops: Map<string, OperationStats>, registers: client.Registry[]) {
    super({ name: "connect_chat_request_duration_seconds", help: "Time from a request's arrival to its answer, by operation", labelNames: ["operation"], buckets: LATENCY_BUCKETS, registers });
  }

  override async get() {
    const name = "connect_chat_request_duration_seconds";
    const values: client.MetricValueWithName<"operation" | "le">[] = [];
    for (const [operation, s] of this.ops) {
      let below = 0;
      LATENCY_BUCKETS.forEach((le, i) => values.push({ labels: { operation, le }, value: (below += s.buckets[i]), metricName: `${name}_bucket` }));
      values.push({ labels: { operation, le: "+Inf" }, value: s.count, metricName: `${name}_bucket` });
      values.push({ labels: { operation }, value: s.sum, metricName: `${name}_sum` });
      values.push({ labels: { operation }, value: s.count, metricName: `${name}_count` });
    }
    // The shape prom-client's own Histogram.get() returns (its type leaves out the `le` label it carries).
    const family = { name, help: "Time from a request's arrival to its answer, by operation", type: "histogram", values, aggregator: "sum", collect: undefined };
    return family as unknown as Awaited<ReturnType<client.Histogram<"operation">["get"]>>;
  }

  /** What prom-client's registry reads instead of get() when a metric has it (its histograms do, v15). */
  getForPromString() {
    return this.get();
  }
}

export class Metrics {
  readonly contentType = client.Registry.PROMETHEUS_CONTENT_TYPE;
  private readonly registry = new client.Registry();
  private readonly ops = new Map<string, OperationStats>();
  private outbox: { at: number; stats: Promise<OutboxStats[]> } | undefined;
  private readonly readErrors: client.Counter;

  constructor(private readonly src: MetricsSources) {
    processMetrics();
    const registers = [this.registry];
    const ops = this.ops;
    new client.Counter({
      name: "connect_chat_requests_total",
      help: "API requests answered, by operation and HTTP status (499: the client hung up)",
      labelNames: ["operation", "status"],
      registers,
      collect() {
        this.reset();
        for (const [operation, s] of ops) for (const [status, n] of s.statuses) this.inc({ operation, status: String(status) }, n);
      },
    });
    new RequestHistogram(ops, registers);
    new client.Gauge({ name: "connect_chat_websocket_connections", help: "Open participant WebSocket connections", registers, collect() { this.set(src.connections()); } });
    const outboxOf = () => this.outboxStats();
    this.readErrors = new client.Counter({
      name: "connect_chat_outbox_read_errors_total",
      help: "Reads of the outbox counts the store failed (one read serves the scrapes of a cache period)",
      registers,
      // The registry collects every metric at once: wait for this scrape's read, so its failure is in this page.
      async collect() {
        await outboxOf().then(nothing, nothing);
      },
    });
    new client.Gauge({
      name: "connect_chat_outbox_entries",
      help: "Streaming outbox entries per sink and endpoint: pending (never tried), retrying (failed, due again), dead (given up)",
      labelNames: ["sink", "endpoint", "state"],
      registers,
      async collect() {
        this.reset(); // endpoints drop out once drained or removed from the config
        try {
          for (const s of await outboxOf()) for (const state of OUTBOX_STATES) this.set({ ...endpointLabel(s.endpoint), state }, s[state]);
        } catch {
          // counted and logged once per read, in outboxStats()
        }
      },
    });
    const flowTimers = src.flowTimerStats;
    if (flowTimers) {
      let cached: { at: number; stats: Promise<FlowTimerStats[]> } | undefined;
      const read = () => {
        const now = src.clock.now();
        if (!cached || now - cached.at >= (src.outboxCacheMs ?? 5000) || now < cached.at) cached = { at: now, stats: flowTimers() };
        return cached.stats;
      };
      new client.Gauge({
        name: "connect_chat_flow_waiting",
        help: "Contact flows waiting on a timer (customer input, Wait, a Lambda call in flight), by kind: all of them, and those past due",
        labelNames: ["kind", "state"],
        registers,
        async collect() {
          this.reset();
          try {
            for (const t of await read()) {
              this.set({ kind: t.kind, state: "waiting" }, t.pending);
              this.set({ kind: t.kind, state: "overdue" }, t.overdue);
            }
          } catch (e) {
            src.log.warn({ event: "metrics-flow-timers", error: String((e as Error)?.message ?? e) }, "could not read the flow timers");
          }
        },
      });
    }
    const participantTimers = src.participantTimerStats;
    if (participantTimers) {
      let cached: { at: number; stats: ReturnType<typeof participantTimers> } | undefined;
      const read = () => {
        const now = src.clock.now();
        if (!cached || now - cached.at >= (src.outboxCacheMs ?? 5000) || now < cached.at) cached = { at: now, stats: participantTimers() };
        return cached.stats;
      };
      new client.Gauge({
        name: "connect_chat_participant_timers",
        help: "Running participant timers (UpdateParticipantRoleConfig) by stage, IDLE or DISCONNECT: all of them, and those past due",
        labelNames: ["stage", "state"],
        registers,
        async collect() {
          this.reset();
          try {
            for (const t of await read()) {
              this.set({ stage: t.stage, state: "running" }, t.pending);
              this.set({ stage: t.stage, state: "overdue" }, t.overdue);
            }
          } catch (e) {
            src.log.warn({ event: "metrics-participant-timers", error: String((e as Error)?.message ?? e) }, "could not read the participant timers");
          }
        },
      });
    }
    const pool = src.poolStats;
    if (pool) {
      new client.Gauge({ name: "connect_chat_store_pool_max", help: "Most connections the store's pool opens", registers, collect() { this.set(pool().max); } });
      new client.Gauge({
        name: "connect_chat_store_pool_connections",
        help: "Open connections of the store's pool: busy (in a transaction) or idle",
        labelNames: ["state"],
        registers,
        collect() {
          const p = pool();
          this.set({ state: "busy" }, p.total - p.idle);
          this.set({ state: "idle" }, p.idle);
        },
      });
      new client.Gauge({ name: "connect_chat_store_pool_waiting", help: "Transactions waiting for a pool connection", registers, collect() { this.set(pool().waiting); } });
    }
  }

  /** One answered API request (called by the pipeline for every request). */
  request(operation: string | undefined, status: number, ms: number): void {
    const op = operation ?? "unknown";
    let s = this.ops.get(op);
    if (!s) this.ops.set(op, (s = { statuses: new Map(), buckets: new Float64Array(LATENCY_BUCKETS.length), sum: 0, count: 0 }));
    s.statuses.set(status, (s.statuses.get(status) ?? 0) + 1);
    const seconds = ms / 1000;
    let i = 0;
    while (i < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[i]) i++;
    if (i < LATENCY_BUCKETS.length) s.buckets[i]++;
    s.sum += seconds;
    s.count++;
  }

  /** What the pipeline calls for every answered request: counted here, and written to `accessLog` when given. */
  observer(accessLog?: Logger): (x: Exchange) => void {
    if (!accessLog) return (x) => this.request(x.operation, x.status, x.ms);
    return (x) => {
      this.request(x.operation, x.status, x.ms);
      logExchange(accessLog, x);
    };
  }

  /** The text exposition of every metric, the process's first. */
  async render(): Promise<string> {
    return (await processMetrics().metrics()) + "\n" + (await this.registry.metrics());
  }

  private outboxStats(): Promise<OutboxStats[]> {
    const now = this.src.clock.now();
    const cacheMs = this.src.outboxCacheMs ?? 5000;
    // A failed read is kept for the period too: a database in trouble is not asked again by every scrape.
    if (!this.outbox || now - this.outbox.at >= cacheMs || now < this.outbox.at) {
      const stats = this.src.outboxStats();
      stats.catch((e) => {
        this.readErrors.inc();
        this.src.log.warn({ event: "metrics-outbox", error: String((e as Error)?.message ?? e) }, "could not read the outbox counts");
      });
      this.outbox = { at: now, stats };
    }
    return this.outbox.stats;
  }
}
