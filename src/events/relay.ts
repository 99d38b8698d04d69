// The outbox relay: publishes queued items in lane order (one endpoint + one chat), at least once. A failed
// delivery is retried with exponential backoff and jitter; after maxAttempts it is dead-lettered (kept for
// operators, blocking nothing). Leases let several processes share one outbox without double work.
import type { Clock, Logger, OutboxEntry, SmsSend, Store } from "../domain/ports.js";

/** What a sink may hand back (with success or on its error): an SMS provider's answer, recorded with the outcome. */
export interface Delivery {
  sms?: SmsSend;
}

export interface Sink {
  /**
   * Resolves when the endpoint accepted the entry; throws otherwise. An error with `permanent: true` (the endpoint
   * refused this entry for good, e.g. an invalid phone number) is dead-lettered at once instead of retried; an
   * error's `delivery` is recorded like a successful one's.
   */
  deliver(entry: OutboxEntry): Promise<void | Delivery>;
}

export interface RelayOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  leaseMs: number;
  pollMs: number;
  batch: number;
}

/** leaseMs outlasts a delivery (SNS and webhook requests time out after 10 s); a crashed process's claims come back after it. */
export const RELAY_DEFAULTS: RelayOptions = { maxAttempts: 12, baseDelayMs: 250, maxDelayMs: 60_000, leaseMs: 15_000, pollMs: 1000, batch: 100 };

export class Relay {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly sinks: Partial<Record<OutboxEntry["kind"], Sink>>,
    private readonly clock: Clock,
    private readonly opts: RelayOptions,
    private readonly log: Logger,
    private readonly random: () => number = Math.random,
  ) {
    // The poll picks up retries that fall due and work queued by other processes.
    this.timer = setInterval(() => this.wake(), opts.pollMs);
    this.timer.unref();
  }

  /** Runs a pass soon (after a commit that queued entries, or on the poll). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Waits for the pass under way; no new pass starts. Leases of unfinished entries simply expire. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped) {
        const now = this.clock.now();
        const heads = await this.store.tx((tx) => tx.claimOutbox(now, now + this.opts.leaseMs, this.opts.batch));
        if (heads.length === 0) return;
        const results: (Delivery | undefined)[] = [];
        const outcomes = await Promise.all(
          heads.map((e, i) => this.sink(e).deliver(e).then((d) => void (results[i] = d || undefined), (err: unknown) => err ?? new Error("delivery failed"))),
        );
        await this.store.tx(async (tx) => {
          for (const [i, e] of heads.entries()) {
            const err = outcomes[i];
            const sms = results[i]?.sms ?? (err as { delivery?: Delivery } | undefined)?.delivery?.sms;
            if (sms) await tx.recordSmsSend(sms);
            if (err === undefined) await tx.completeOutbox(e.id!);
            else {
              const attempts = e.attempts + 1;
              const dead = attempts >= this.opts.maxAttempts || (err as { permanent?: unknown }).permanent === true;
              const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
              await tx.failOutbox(e.id!, attempts, this.clock.now() + this.backoff(attempts), message, dead);
              if (dead) this.log.error({ event: "dead-letter", endpoint: e.endpoint, itemId: e.itemId, attempts, error: message }, "delivery dead-lettered");
            }
          }
        });
        // Nothing delivered in this pass (all failing): wait for the poll instead of spinning.
        if (outcomes.every((o) => o !== undefined)) return;
      }
    } catch (e) {
      this.log.error({ event: "relay", err: e }, "relay pass failed");
    }
  }

  /** An entry of a kind with no sink (e.g. SMS queued by a node whose config has no provider) fails, and is retried. */
  private sink(e: OutboxEntry): Sink {
    return this.sinks[e.kind] ?? { deliver: async () => { throw new Error(`no ${e.kind} sink on this node`); } };
  }

  /** Exponential backoff with jitter: base·2^(n−1), capped, times a random factor in [0.5, 1). */
  backoff(attempts: number): number {
    const d = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** (attempts - 1));
    return Math.round(d * (0.5 + this.random() * 0.5));
  }
}
