// botocore's retry modes for the SDK client's retry loop: which answers are retried, how many attempts in all,
// the backoff, and the debug lines each mode logs. `legacy` (botocore/retryhandler.py, _retry.json) is the
// default: 5 attempts; `standard` and `adaptive` (botocore/retries/standard.py) make 3 unless max_attempts says.
import type { Debug } from "./debug.js";
import { RuntimeCliError } from "./errors.js";
import { pyRepr } from "./py.js";
import { TransportError, type RawResponse } from "./transport.js";

export type RetryMode = "legacy" | "standard" | "adaptive";
const MODES: readonly string[] = ["legacy", "standard", "adaptive"];

/** AWS_RETRY_MODE, else the profile's retry_mode, else legacy; anything else is botocore's InvalidRetryModeError. */
export function retryMode(value: string | undefined): RetryMode {
  const mode = value ?? "legacy";
  if (!MODES.includes(mode)) throw new RuntimeCliError(`Invalid value provided to "mode": "${mode}" must be one of: ('legacy', 'standard', 'adaptive')`);
  return mode as RetryMode;
}

/** Total attempts: max_attempts (AWS_MAX_ATTEMPTS or config) counts the first one; the default is the mode's.
 * botocore reads it with int() and refuses less than 1, both before it looks at the mode. */
export function totalAttempts(mode: RetryMode | undefined, configured: string | undefined): number {
  if (configured === undefined) return mode === "legacy" ? 5 : 3;
  if (!/^\s*[+-]?\d+(_\d+)*\s*$/.test(configured)) throw new RuntimeCliError(`invalid literal for int() with base 10: ${pyRepr(configured)}`);
  const n = Number(configured.replaceAll("_", "").trim());
  if (n < 1) throw new RuntimeCliError(`Value provided to "max_attempts": ${n} must be an integer greater than or equal to 1.`);
  return n;
}

const LEGACY_STATUS = new Set([429, 500, 502, 503, 504, 509]);
const LEGACY_THROTTLE = new Set(["Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "ProvisionedThroughputExceededException"]);
// retries/standard.py: TransientRetryableChecker and ThrottledRetryableChecker.
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
const TRANSIENT_CODES = new Set(["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"]);
const THROTTLED_CODES = new Set([
  "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
  "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
  "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
]);

export interface RetryOptions {
  mode: RetryMode;
  maxAttempts: number;
  debug: Debug;
  /** The operation's last raw answer (undefined after a transport failure). */
  last: () => RawResponse | undefined;
  /** The error code botocore parses from an answer. */
  errorCode: (raw: RawResponse) => string;
  /** Backoff before retry n (1-based), in ms; default: the mode's random backoff. */
  backoff?: (n: number) => number;
}

/** A retryStrategy for the SDK client that behaves as botocore's; `state` tells the caller how it ended. */
export function retryStrategy(o: RetryOptions) {
  const state = { attempts: 0, exhausted: false };
  const legacy = o.mode === "legacy";
  // legacy: rand × 2^(n−1) s; standard (botocore without AWS_NEW_RETRIES_2026): rand × min(2^(n−1), 20) s.
  const backoff = o.backoff ?? ((n: number) => Math.random() * (legacy ? 2 ** (n - 1) : Math.min(2 ** (n - 1), 20)) * 1000);
  /** Whether botocore retries this failure; `why` is what the legacy handler logs. */
  const retryable = (error: unknown): { why: string } | undefined => {
    if (error instanceof TransportError) return error.retryable ? { why: `retryable exception caught: ${error.message}` } : undefined;
    const raw = o.last();
    if (!raw) return undefined;
    if (legacy) {
      if (LEGACY_STATUS.has(raw.status)) return { why: `retryable HTTP status code received: ${raw.status}` };
      const code = raw.status === 400 ? o.errorCode(raw) : "";
      return LEGACY_THROTTLE.has(code) ? { why: `matching HTTP status and error code seen: 400, ${code}` } : undefined;
    }
    const code = raw.status >= 300 ? o.errorCode(raw) : "";
    return TRANSIENT_STATUS.has(raw.status) || TRANSIENT_CODES.has(code) || THROTTLED_CODES.has(code) ? { why: "" } : undefined;
  };
  const log = (line: string) => o.debug.log(legacy ? "botocore.retryhandler" : "botocore.retries.standard", line);
  const noRetry = () => log(legacy ? "No retry needed." : "Not retrying request.");
  const token = (count: number) => {
    const delay = count ? backoff(count) : 0;
    return { getRetryCount: () => count, getRetryDelay: () => delay, getRetryTokenCount: () => 0 };
  };
  const strategy = {
    mode: o.mode,
    acquireInitialRetryToken: async () => ((state.attempts = 1), token(0)),
    refreshRetryTokenForRetry: async (t: ReturnType<typeof token>, info: { error?: unknown }) => {
      const check = retryable(info.error);
      // standard checks the attempt count first (MaxAttemptsChecker), legacy only for a retryable answer.
      if (!legacy && state.attempts >= o.maxAttempts) {
        // MaxAttemptsReached is set whatever the error: the message then names the retries, even for a 400.
        log(`Max attempts of ${o.maxAttempts} reached.`);
        state.exhausted = true;
        noRetry();
        throw info.error;
      }
      if (!check) {
        noRetry();
        throw info.error;
      }
      if (state.attempts >= o.maxAttempts) {
        log(`Reached the maximum number of retry attempts: ${state.attempts}`);
        noRetry();
        state.exhausted = true;
        throw info.error;
      }
      state.attempts++;
      const next = token(t.getRetryCount() + 1);
      const seconds = next.getRetryDelay() / 1000;
      if (legacy) {
        log(`retry needed: ${check.why}`);
        log(`Retry needed, action of: ${seconds}`);
      } else {
        log(`Retry needed, retrying request after delay of: ${seconds}`);
      }
      o.debug.log("botocore.endpoint", `Response received to retry, sleeping for ${seconds} seconds`);
      return next;
    },
    recordSuccess: () => {
      if (!legacy && state.attempts >= o.maxAttempts) log(`Max attempts of ${o.maxAttempts} reached.`);
      noRetry();
    },
  };
  return { strategy, state };
}
