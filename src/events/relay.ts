// The outbox relay: publishes queued items in lane order (one endpoint + one chat), at least once. Lanes progress
// independently: each claimed head is delivered on its own and recorded as soon as it finishes, so a provider that
// hangs holds back only its own lanes, never a pass of everyone else's. A failed delivery is retried with
// exponential backoff and jitter; after maxAttempts it is dead-lettered (kept for operators, blocking nothing).
// Leases let several processes share one outbox without double work.
// The common path needs no claim transaction: an entry alone in its lane is leased by the transaction that queues
// it and handed over after its commit (adopt), and recording a delivery leases the lane's next entry in the same
// transaction. Claim passes pick up the rest: retries falling due, other processes' entries, whatever was not
// handed over (a lease that runs out is claimed again: at least once, whatever happens between).
import { laneOf, type Clock, type Logger, type OutboxEntry, type SmsSend, type Store } from "../domain/ports.js";

/** What a sink may hand back (with success or on its error): an SMS provider's answer, recorded with the outcome. */
export interface Delivery {
  sms?: SmsSend;
}

export interface Sink {
  /**
   * Resolves when the endpoint accepted the entry; throws otherwise. An error with `permanent: true` (the endpoint
   * refused this entry for good, e.g. an invalid phone number) is dead-lettered at once instead of retried; an
   * error's `delivery` is recorded like a successful one's. An error with `deferMs` (a send rate's excess) is not an
   * attempt: the entry waits that long at the head of its lane, with its attempts unchanged.
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
  /** Deliveries in flight at once, over all endpoints. */
  concurrency: number;
  /** Deliveries in flight at once to one endpoint: a hanging one cannot take every slot. */
  perEndpoint: number;
}

/** leaseMs outlasts a delivery (SNS and webhook requests time out after 10 s); a crashed process's claims come back after it. */
export const RELAY_DEFAULTS: RelayOptions = {
  maxAttempts: 12, baseDelayMs: 250, maxDelayMs: 60_000, leaseMs: 15_000, pollMs: 1000, batch: 100, concurrency: 256, perEndpoint: 128,
};

interface Outcome {
  entry: OutboxEntry;
  err?: unknown;
  delivery?: Delivery;
}

export class Relay {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly timer: NodeJS.Timeout;
  /** Entries claimed by this process and not yet recorded, by id (delivering, parked or waiting for the write). */
  private readonly held = new Set<number>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly perEndpoint = new Map<string, number>();
  /** Claimed entries over their endpoint's share: delivered when a slot of it frees, while their lease lasts. */
  private readonly parked = new Map<string, { entry: OutboxEntry; leaseUntil: number }[]>();
  private readonly finished: Outcome[] = [];
  private flushing: Promise<void> | undefined;

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

  /** Runs a claim pass soon (after a commit that queued entries, a finished delivery, or on the poll). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.claim().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /**
   * Entries the caller's committed transaction leased for this process (Journal.dispatch): delivered now. One the
   * relay has no room for goes back in line at once instead of waiting out its lease.
   */
  adopt(entries: readonly OutboxEntry[]): void {
    const back: OutboxEntry[] = [];
    for (const e of entries) {
      if (this.held.has(e.id!)) continue;
      const leaseUntil = e.leaseUntil ?? this.clock.now() + this.opts.leaseMs;
      if (this.stopped) continue; // shutting down: its lease runs out and whoever claims it next delivers it
      if (this.inflight.size < this.opts.concurrency && (this.perEndpoint.get(e.endpoint) ?? 0) < this.opts.perEndpoint) this.start(e);
      else if ((this.parked.get(e.endpoint)?.length ?? 0) < this.opts.perEndpoint) this.park(e, leaseUntil);
      else {
        back.push(e);
        continue;
      }
      this.held.add(e.id!);
    }
    if (back.length) void this.release(back);
  }

  /** Leased entries this process will not deliver: due again now, attempts unchanged. */
  private async release(entries: OutboxEntry[]): Promise<void> {
    const now = this.clock.now();
    await this.store
      .tx(async (tx) => {
        for (const e of entries) await tx.failOutbox(e.id!, e.attempts, now, "handed back: the relay had no free slot", false);
      })
      .catch((err: unknown) => this.log.error({ event: "relay", err }, "handing entries back failed; their leases run out"));
    this.wake();
  }

  /** Waits for the deliveries under way and their records; no new pass starts. Leases of parked entries expire. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    this.parked.clear();
    while (this.inflight.size) await Promise.all(this.inflight);
    while (this.flushing) await this.flushing;
  }

  /** Claims due lane heads while slots are free and starts each delivery without waiting for it. */
  private async claim(): Promise<void> {
    try {
      while (!this.stopped) {
        // Parked entries take no slot: a hung endpoint's backlog must not stop the claims of everyone else's.
        const free = Math.min(this.opts.batch, this.opts.concurrency - this.inflight.size);
        if (free <= 0) return; // a finished delivery wakes the next pass
        const now = this.clock.now();
        const heads = await this.store.tx((tx) => tx.claimOutbox(now, now + this.opts.leaseMs, free));
        let started = 0;
        for (const e of heads) {
          // Our own lease ran out while we still hold it (a delivery slower than leaseMs): not twice from here.
          if (this.held.has(e.id!)) continue;
          if ((this.perEndpoint.get(e.endpoint) ?? 0) < this.opts.perEndpoint) this.start(e);
          else if ((this.parked.get(e.endpoint)?.length ?? 0) < this.opts.perEndpoint) this.park(e, now + this.opts.leaseMs);
          else continue; // the endpoint's share and its parking are full: the lease runs out, then it is claimed again
          this.held.add(e.id!);
          started++;
        }
        if (heads.length < free || started === 0) return;
      }
    } catch (e) {
      this.log.error({ event: "relay", err: e }, "relay pass failed");
    }
  }

  private park(entry: OutboxEntry, leaseUntil: number): void {
    const q = this.parked.get(entry.endpoint);
    if (q) q.push({ entry, leaseUntil });
    else this.parked.set(entry.endpoint, [{ entry, leaseUntil }]);
  }

  private start(e: OutboxEntry): void {
    this.perEndpoint.set(e.endpoint, (this.perEndpoint.get(e.endpoint) ?? 0) + 1);
    const p: Promise<void> = this.sink(e)
      .deliver(e)
      .then((d) => ({ entry: e, delivery: d || undefined }), (err: unknown) => ({ entry: e, err: err ?? new Error("delivery failed") }))
      .then((o) => {
        this.inflight.delete(p);
        const n = (this.perEndpoint.get(e.endpoint) ?? 1) - 1;
        if (n) this.perEndpoint.set(e.endpoint, n);
        else this.perEndpoint.delete(e.endpoint);
        this.finished.push(o);
        this.unpark(e.endpoint);
        this.flush();
      });
    this.inflight.add(p);
  }

  /** The next parked entry of this endpoint takes the freed slot, if its lease leaves time to deliver it. */
  private unpark(endpoint: string): void {
    const q = this.parked.get(endpoint);
    while (q?.length && !this.stopped) {
      const { entry, leaseUntil } = q.shift()!;
      if (!q.length) this.parked.delete(endpoint);
      // Too little lease left: let it run out; whoever claims it next delivers it.
      if (leaseUntil - this.clock.now() < this.opts.leaseMs / 2) {
        this.held.delete(entry.id!);
        continue;
      }
      this.start(entry);
      return;
    }
  }

  /** Records finished deliveries, many per transaction; then a new pass claims the lanes' next entries. */
  private flush(): void {
    if (this.flushing) return;
    this.flushing = (async () => {
      while (this.finished.length) {
        const batch = this.finished.splice(0, this.finished.length);
        let next: OutboxEntry[] = [];
        try {
          next = await this.store.tx(async (tx) => {
            const leased: OutboxEntry[] = [];
            const now = this.clock.now();
            for (const o of batch) {
              await this.record(tx, o);
              // A delivered head: its lane's next entry (a reply sent while this one was out) goes next, leased here.
              const n = o.err === undefined && !this.stopped ? await tx.claimLaneNext(laneOf(o.entry), now, now + this.opts.leaseMs) : undefined;
              if (n) leased.push(n);
            }
            return leased;
          });
        } catch (e) {
          // Not recorded: the leases run out and the entries are delivered again (at least once).
          this.log.error({ event: "relay", err: e }, "recording deliveries failed");
        }
        for (const o of batch) this.held.delete(o.entry.id!);
        if (next.length) this.adopt(next);
      }
    })().finally(() => {
      this.flushing = undefined;
      if (this.finished.length) this.flush();
      this.wake();
    });
  }

  private async record(tx: Parameters<Parameters<Store["tx"]>[0]>[0], { entry: e, err, delivery }: Outcome): Promise<void> {
    const sms = delivery?.sms ?? (err as { delivery?: Delivery } | undefined)?.delivery?.sms;
    if (sms) await tx.recordSmsSend(sms);
    if (err === undefined) return tx.completeOutbox(e.id!);
    const defer = (err as { deferMs?: unknown }).deferMs;
    if (typeof defer === "number") return tx.failOutbox(e.id!, e.attempts, this.clock.now() + defer, String((err as Error).message), false);
    const attempts = e.attempts + 1;
    const dead = attempts >= this.opts.maxAttempts || (err as { permanent?: unknown }).permanent === true;
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    await tx.failOutbox(e.id!, attempts, this.clock.now() + this.backoff(attempts), message, dead);
    if (dead) this.log.error({ event: "dead-letter", endpoint: e.endpoint, itemId: e.itemId, attempts, error: message }, "delivery dead-lettered");
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
