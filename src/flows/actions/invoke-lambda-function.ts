// InvokeLambdaFunction: the run parks in a 'lambda' wait whose timer row is the call's lease and deadline; the
// timer loop (src/flows/timers.ts) makes the call outside any transaction and resumes the run with its answer,
// which lands under $.External. Errors (FunctionError, HTTP, timeout, a STRING_MAP answer that is not a flat
// string map) take the error branch.
import type { ActionHandler } from "./types.js";

/** Seconds past InvocationTimeLimitSeconds before a lease runs out and another node may retry the call. */
export const LEASE_MARGIN_SECONDS = 5;

export const InvokeLambdaFunction: ActionHandler = {
  run({ host }) {
    if (!host.lambda) return { error: "NoMatchingError", why: "no Lambda endpoint is configured (config lambda.endpoint)" };
    // Due now: the timer loop picks it up at once and leases it for the call.
    return { park: { kind: "lambda", dueAt: host.now() } };
  },
  resume({ run }, ev) {
    if (ev.type === "timeout") return { park: run.wait! };
    if (ev.type !== "lambda") return { park: run.wait! };
    if (!ev.ok) return { error: "NoMatchingError", why: ev.why };
    run.external = ev.result;
    return { next: true };
  },
};
