// Group commit: transactions that queue up while one batch runs share the next BEGIN…COMMIT, each inside its
// own SAVEPOINT so one failure rolls back only its own writes. Nobody's promise resolves before the COMMIT that
// made its writes durable; a failed COMMIT rejects the whole batch. Under light load a batch is one transaction.
export interface TxControl {
  begin(): void;
  /** A request's work is done and succeeded: what it held back is written now, inside its savepoint. */
  finish(): void;
  commit(): void;
  rollback(): void;
  inTransaction(): boolean;
  savepoint(): void;
  release(): void;
  rollbackToSavepoint(): void;
}

interface Pending<S> {
  fn: (s: S) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** Serializes batches through `lock` (shared by every store on the same file in this process). */
export class GroupCommit<S> {
  private pending: Pending<S>[] = [];
  private scheduled = false;

  constructor(
    private readonly ctl: TxControl,
    private readonly scope: S,
    private readonly lock: { tail: Promise<unknown> },
    private readonly maxBatch = 256,
  ) {}

  run<T>(fn: (s: S) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Resolves when everything queued so far has run. */
  idle(): Promise<unknown> {
    return this.lock.tail;
  }

  /**
   * The SQLite work of a transaction is synchronous, so a batch started at once would always hold one
   * transaction. Starting it from setImmediate lets every request read in the same event-loop turn join it.
   */
  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    const go = () => new Promise<void>((resolve) => setImmediate(() => this.batch().then(resolve, resolve)));
    this.lock.tail = this.lock.tail.then(go, go);
  }

  private async batch(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending.splice(0, this.maxBatch);
    if (this.pending.length) this.schedule();
    if (batch.length === 0) return;
    const results: ({ ok: true; v: unknown } | { ok: false; e: unknown })[] = [];
    try {
      this.ctl.begin();
    } catch (e) {
      for (const t of batch) t.reject(e);
      return;
    }
    const isolate = batch.length > 1;
    for (const t of batch) {
      if (isolate) this.ctl.savepoint();
      try {
        const v = await t.fn(this.scope);
        this.ctl.finish();
        if (isolate) this.ctl.release();
        results.push({ ok: true, v });
      } catch (e) {
        if (isolate && this.ctl.inTransaction()) {
          this.ctl.rollbackToSavepoint();
          this.ctl.release();
        }
        results.push({ ok: false, e });
      }
    }
    try {
      if (!isolate && !results[0].ok) {
        if (this.ctl.inTransaction()) this.ctl.rollback();
      } else this.ctl.commit();
    } catch (e) {
      if (this.ctl.inTransaction()) this.ctl.rollback();
      for (const t of batch) t.reject(e);
      return;
    }
    batch.forEach((t, i) => {
      const r = results[i];
      if (r.ok) t.resolve(r.v);
      else t.reject(r.e);
    });
  }
}
