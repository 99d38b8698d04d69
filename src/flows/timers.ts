// The flow timer loop: leases due rows of flow_timers (SKIP LOCKED on PostgreSQL, the single writer on SQLite), as
// the outbox relay leases lanes, and advances their runs — a Wait or input timeout in one transaction; a Lambda
// call outside any transaction (the lease is its deadline), then a new transaction with the answer. A slow
// function never holds the loop, a transaction or the HTTP path; after a crash mid-call the lease runs out and
// the call is made again (at least once).
import { Journal, type DomainEnv } from "../domain/chat-base.js";
import { FlowRunner } from "../domain/flow-runs.js";
import type { Logger, Store } from "../domain/ports.js";
import type { ResumeEvent } from "./actions/types.js";
import { LEASE_MARGIN_SECONDS } from "./actions/invoke-lambda-function.js";
import type { FlowTimer } from "./run.js";
import type { LambdaCall } from "./lambda.js";

export interface TimerDeps {
  store: Store;
  env: DomainEnv;
  log: Logger;
  /** Hands a committed transaction's items to the push side (as operations do). */
  published(journal: Journal): void;
  /** Makes an InvokeLambdaFunction call; absent: no Lambda endpoint is configured. */
  lambda?: (call: LambdaCall) => Promise<ResumeEvent>;
  pollMs: number;
  /** The lease of a claimed timer (default LEASE_MS). */
  leaseMs?: number;
}

/**
 * A claimed timer is leased this long: a node that dies before its transaction (or, for a Lambda call, before the
 * call's answer) committed gives the timer back after it. It outlasts the longest call (8 s) with a margin.
 */
export const LEASE_MS = Math.max(30_000, (8 + LEASE_MARGIN_SECONDS) * 1000);

export class FlowTimers {
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | undefined;
  private readonly calls = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly deps: TimerDeps) {
    this.timer = setInterval(() => this.wake(), deps.pollMs);
    this.timer.unref();
  }

  /** Runs a pass now unless one is under way (the poll, or a commit that parked a run on a due-now Lambda call). */
  wake(): void {
    if (this.stopped || this.running) return;
    this.running = this.pass()
      .catch((err) => this.deps.log.error({ event: "flow-timers", err }, "flow timer pass failed"))
      .finally(() => (this.running = undefined));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await Promise.allSettled([...this.calls]);
  }

  private async pass(): Promise<void> {
    const { store, env } = this.deps;
    for (;;) {
      const now = env.clock.now();
      const due = await store.tx((tx) => tx.claimTimers(now, now + (this.deps.leaseMs ?? LEASE_MS), 50));
      for (const t of due) {
        if (this.stopped) return;
        if (t.kind === "lambda") {
          const call = this.call(t).finally(() => this.calls.delete(call));
          this.calls.add(call);
        } else await this.fire(t, { type: "timeout" });
      }
      if (due.length < 50) return;
    }
  }

  private async fire(t: FlowTimer, ev: ResumeEvent): Promise<void> {
    const journal = new Journal();
    await this.deps.store.tx((tx) => new FlowRunner(tx, this.deps.env, journal).due(t, ev));
    if (journal.items.length) this.deps.published(journal);
  }

  /** A Lambda call: the request is read in one transaction, made outside any, and its answer resumes the run. */
  private async call(t: FlowTimer): Promise<void> {
    const { store, env } = this.deps;
    try {
      const req = await store.tx((tx) => new FlowRunner(tx, env).lambdaRequest(t));
      if (!req) {
        await store.tx((tx) => new FlowRunner(tx, env).due(t, { type: "timeout" }));
        return;
      }
      const ev: ResumeEvent = this.deps.lambda ? await this.deps.lambda({ region: env.region, ...req }) : { type: "lambda", ok: false, why: "no Lambda endpoint is configured" };
      await this.fire(t, ev);
    } catch (err) {
      this.deps.log.error({ event: "flow-lambda", contactId: t.contactId, err }, "flow Lambda call failed");
    }
  }
}
