// The matcher's loop on every node: due routing timers (AutoAccept joins, offer expiries, ACW timeouts) leased from
// routing_work (SKIP LOCKED on PostgreSQL, the single writer on SQLite) as the flow timers are, then a matching pass
// over every queue with waiting chats (one transaction per queue). It runs when a commit changed routing (a chat
// queued, a slot freed, an agent became Available) and on a poll, which also makes chats eligible as their Delay
// passes. A kill -9 loses nothing: offers and timers are rows, and a leased timer is taken again after its lease.
import { Matcher, type RoutingTimes } from "../routing/matcher.js";
import { DEFAULT_OFFER_SECONDS } from "../routing/matching.js";
import { Journal, type DomainEnv } from "./chat-base.js";
import type { Logger, Store } from "./ports.js";
import { Routed } from "./routed.js";

export interface RoutingLoopDeps {
  store: Store;
  env: DomainEnv;
  log: Logger;
  /** Hands a committed transaction's items to the push side (as operations do). */
  published(journal: Journal): void;
  pollMs: number;
  /** How long a claimed timer is leased (a node that dies holding it gives it back after this). */
  leaseMs?: number;
}

const BATCH = 50;
const QUEUES_PER_PASS = 1000;
/**
 * The least time between the end of one pass and the start of the next that a commit asked for. Every chat queued
 * wakes the loop; under a burst of arrivals back-to-back passes would hold SQLite's single writer between every
 * request's transaction (a queued new chat cost 1.5× one that is not). One pass per gap takes all that arrived.
 */
export const WAKE_GAP_MS = 20;

const defaultTimes: RoutingTimes = { offerSeconds: () => DEFAULT_OFFER_SECONDS, acwSeconds: () => undefined };

export class RoutingLoop {
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | undefined;
  private scheduled: NodeJS.Timeout | undefined;
  private again = false;
  private stopped = false;
  private lastPassEnd = -Infinity;

  constructor(private readonly deps: RoutingLoopDeps) {
    this.timer = setInterval(() => this.wake(), deps.pollMs);
    this.timer.unref();
  }

  /** Runs a pass soon (within WAKE_GAP_MS of the last), or once more after the pass under way (a commit it may not have seen). */
  wake(): void {
    if (this.stopped || this.scheduled) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const wait = this.lastPassEnd + WAKE_GAP_MS - performance.now();
    if (wait > 0) {
      this.scheduled = setTimeout(() => {
        this.scheduled = undefined;
        this.wake();
      }, wait);
      return;
    }
    this.running = this.pass()
      .catch((err) => this.deps.log.error({ event: "routing", err }, "routing pass failed"))
      .finally(() => {
        this.running = undefined;
        this.lastPassEnd = performance.now();
        if (this.again && !this.stopped) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Resolves when no pass is under way (tests wait for the matcher to settle). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.scheduled);
    await this.running;
  }

  /** Timers, then matching, again while either did something (an AutoAccept offer is joined in the next round). */
  async pass(): Promise<void> {
    for (let round = 0; round < 100 && !this.stopped; round++) {
      const fired = await this.timers();
      const offered = await this.match();
      if (fired === 0 && offered === 0) return;
    }
  }

  private async timers(): Promise<number> {
    const { store, env, log } = this.deps;
    let fired = 0;
    for (;;) {
      const now = env.clock.now();
      const due = await store.tx((tx) => tx.routing.claimDueWork(now, now + (this.deps.leaseMs ?? 30_000), BATCH));
      for (const d of due) {
        if (this.stopped) return fired;
        const journal = new Journal();
        try {
          await store.tx((tx) => new Routed(tx, env, journal).due(d));
          fired++;
        } catch (err) {
          log.error({ event: "routing-timer", contactId: d.contactId, err }, "routing timer failed");
        }
        this.deps.published(journal);
      }
      if (due.length < BATCH) return fired;
    }
  }

  private async match(): Promise<number> {
    const { store, env, log } = this.deps;
    const times = env.routingTimes ?? defaultTimes;
    const queues = await store.tx((tx) => tx.routing.queuesToMatch(QUEUES_PER_PASS));
    let offered = 0;
    for (const q of queues) {
      if (this.stopped) break;
      try {
        offered += (await store.tx((tx) => new Matcher(tx.routing, times, env.clock.now()).matchQueue(q))).length;
      } catch (err) {
        log.error({ event: "routing-match", queueId: q, err }, "matching failed");
      }
    }
    return offered;
  }
}
