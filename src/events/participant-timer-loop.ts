// The participant timer loop: leases due participant_timers rows (SKIP LOCKED on PostgreSQL, the single writer on
// SQLite), as the flow timer loop and the outbox relay do, and settles each in its own transaction
// (ParticipantTimerRunner). No per-chat setTimeout: an idle chat costs its row and an index entry. A node that dies
// after claiming leaves the lease to run out; the row then comes due again and another node settles it, once, since
// its effects commit with the row's change.
import { Journal, type DomainEnv } from "../domain/chat-base.js";
import { ParticipantTimerRunner } from "../domain/participant-timer-runs.js";
import type { Logger, Store } from "../domain/ports.js";

export interface ParticipantTimerLoopDeps {
  store: Store;
  env: DomainEnv;
  log: Logger;
  /** Hands a committed transaction's items to the push side (as operations do). */
  published(journal: Journal): void;
  pollMs: number;
  leaseMs: number;
}

const BATCH = 50;

export class ParticipantTimerLoop {
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly deps: ParticipantTimerLoopDeps) {
    this.timer = setInterval(() => this.wake(), deps.pollMs);
    this.timer.unref();
  }

  /** Runs a pass now unless one is under way. */
  wake(): void {
    if (this.stopped || this.running) return;
    this.running = this.pass()
      .catch((err) => this.deps.log.error({ event: "participant-timers", err }, "participant timer pass failed"))
      .finally(() => (this.running = undefined));
  }

  /** Resolves once no pass is under way (tests wait for one they started with wake()). */
  async idle(): Promise<void> {
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async pass(): Promise<void> {
    const { store, env } = this.deps;
    for (;;) {
      const now = env.clock.now();
      const due = await store.tx((tx) => tx.claimParticipantTimers(now, now + this.deps.leaseMs, BATCH));
      for (const t of due) {
        if (this.stopped) return;
        const journal = new Journal();
        try {
          await store.tx((tx) => new ParticipantTimerRunner(tx, env, journal).due(t));
        } catch (err) {
          // The lease runs out and the row comes due again.
          this.deps.log.error({ event: "participant-timer", contactId: t.contactId, participantId: t.participantId, err }, "participant timer failed");
          continue;
        }
        if (journal.items.length || journal.streamed || journal.flowDue) this.deps.published(journal);
      }
      if (due.length < BATCH) return;
    }
  }
}
