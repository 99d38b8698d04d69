// sms.messagesPerSecond: a token bucket per sending number (GCRA form: one "theoretical arrival time"), with a
// burst of one second's worth. A send within a short wait sleeps for its slot; a longer wait is handed back so the
// relay defers the entry (not an attempt) instead of holding a delivery slot and its lease.
export class Pace {
  private tat = 0;
  private readonly interval: number;
  private readonly tolerance: number;

  constructor(perSecond: number) {
    this.interval = 1000 / perSecond;
    this.tolerance = (Math.max(1, Math.floor(perSecond)) - 1) * this.interval;
  }

  /** Reserves the next slot and returns the ms to wait for it; or, beyond maxWaitMs, reserves nothing and returns -(ms until one is free). */
  reserve(now: number, maxWaitMs: number): number {
    const at = Math.max(now, this.tat - this.tolerance);
    const wait = at - now;
    if (wait > maxWaitMs) return -wait;
    this.tat = Math.max(this.tat, now) + this.interval;
    return wait;
  }
}
