// Per-account token buckets: `requestsPerSecond` refill, `burst` capacity. Accounts without a limit pass.
import { ThrottlingException } from "../api/errors.js";

export interface RateLimit {
  requestsPerSecond: number;
  burst: number;
}

export class Throttle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limits: ReadonlyMap<string, RateLimit>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  take(accountId: string): void {
    const limit = this.limits.get(accountId);
    if (!limit) return;
    const t = this.now();
    let b = this.buckets.get(accountId);
    if (!b) this.buckets.set(accountId, (b = { tokens: limit.burst, at: t }));
    b.tokens = Math.min(limit.burst, b.tokens + ((t - b.at) / 1000) * limit.requestsPerSecond);
    b.at = t;
    if (b.tokens < 1) throw new ThrottlingException("Rate exceeded");
    b.tokens -= 1;
  }
}
