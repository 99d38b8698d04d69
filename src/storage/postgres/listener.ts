// The push feed's LISTEN connection (feed.ts): one pg.Client outside the pool, reconnected with backoff whenever
// it drops. It reports notifications of its channel, and when it is up (LISTEN in place) or down (a loss: the
// feed treats every notification since as possibly missed).
import pg from "pg";
import type { ClientConfig, Notification } from "pg";
import type { Logger } from "../../domain/ports.js";
import { parsePayload, type Payload } from "./notify.js";

export const RETRY_MIN_MS = 100;
export const RETRY_MAX_MS = 5000;

export interface ListenerEvents {
  notified(p: Payload): void;
  /** LISTEN is in place on a new connection; resolves when the feed has caught up. */
  up(): Promise<void>;
  down(): void;
}

export class Listener {
  private client: pg.Client | undefined;
  private stopped = false;
  private retryMs = RETRY_MIN_MS;
  private lostAt: number | undefined;
  private reconnect: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly log: Logger,
    private readonly on: ListenerEvents,
  ) {
    void this.connect();
  }

  /** A statement on the LISTEN connection: always open, where a pooled one may have to be opened first. */
  query(text: string, values: unknown[]): Promise<pg.QueryResult> {
    if (!this.client) return Promise.reject(new Error("LISTEN connection lost"));
    return this.client.query(text, values);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnect);
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const c = new pg.Client(this.config);
    c.on("error", () => undefined); // 'end' follows and schedules the reconnect
    c.on("notification", (n: Notification) => {
      const p = c === this.client && n.channel === this.channel ? parsePayload(n.payload) : undefined;
      if (p) this.on.notified(p);
    });
    c.on("end", () => this.lost(c));
    this.client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${c.escapeIdentifier(this.channel)}`);
    } catch (e) {
      this.lost(c, e);
      return void (await c.end().catch(() => undefined));
    }
    if (this.client !== c) return void (await c.end().catch(() => undefined));
    this.retryMs = RETRY_MIN_MS;
    if (this.lostAt !== undefined) this.log.info({ event: "listen-reconnected", downMs: Date.now() - this.lostAt }, "LISTEN connection back");
    this.lostAt = undefined;
    await this.on.up();
  }

  private lost(c: pg.Client, e?: unknown) {
    if (this.client !== c) return;
    this.client = undefined;
    this.on.down();
    if (this.stopped) return;
    this.lostAt ??= Date.now();
    this.log.warn({ event: "listen-lost", retryInMs: this.retryMs, error: e === undefined ? undefined : String((e as Error)?.message ?? e) }, "LISTEN connection lost");
    clearTimeout(this.reconnect);
    this.reconnect = setTimeout(() => void this.connect(), this.retryMs).unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }
}
