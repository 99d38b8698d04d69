// Brute-force brake for sign-in: failures are counted per (username, client address) in a fixed window; past the
// limit that pair is refused without a password check until the window ends. The table is bounded: when full, the
// oldest entries go first (a Map keeps insertion order), so a flood of made-up usernames costs memory up to the
// bound and no more. Per process: behind several nodes an attacker gets `limit` tries per node and window, which
// the slow hash (tens of ms each) and the window still keep to a trickle.

export interface LimiterOptions {
  /** Failures allowed per window before the pair is locked (default 5). */
  limit: number;
  windowMs: number;
  /** Entries kept at most (default 10,000). */
  maxEntries: number;
}

export const LIMITER_DEFAULTS: LimiterOptions = { limit: 5, windowMs: 15 * 60_000, maxEntries: 10_000 };

interface Entry {
  failures: number;
  since: number;
}

export class FailureLimiter {
  private readonly table = new Map<string, Entry>();
  constructor(
    private readonly opts: LimiterOptions,
    private readonly now: () => number,
  ) {}

  private key(username: string, address: string) {
    return JSON.stringify([username.toLowerCase(), address]);
  }

  private live(key: string): Entry | undefined {
    const e = this.table.get(key);
    if (e && this.now() - e.since >= this.opts.windowMs) {
      this.table.delete(key);
      return undefined;
    }
    return e;
  }

  /** Whether this pair is locked out now. */
  locked(username: string, address: string): boolean {
    return (this.live(this.key(username, address))?.failures ?? 0) >= this.opts.limit;
  }

  failed(username: string, address: string): void {
    const key = this.key(username, address);
    const e = this.live(key);
    if (e) {
      e.failures++;
      return;
    }
    while (this.table.size >= this.opts.maxEntries) this.table.delete(this.table.keys().next().value!);
    this.table.set(key, { failures: 1, since: this.now() });
  }

  /** A successful sign-in clears the pair's count. */
  succeeded(username: string, address: string): void {
    this.table.delete(this.key(username, address));
  }

  get size(): number {
    return this.table.size;
  }
}
