// The matcher's wiring: offer and ACW times per instance from the configuration, and the loop that runs due routing
// timers and matching passes on this node (src/domain/routing-loop.ts).
import type { Config } from "../config.js";
import type { Journal, DomainEnv } from "../domain/chat-base.js";
import type { Logger, Store } from "../domain/ports.js";
import { RoutingLoop } from "../domain/routing-loop.js";
import type { RoutingTimes } from "../routing/matcher.js";
import { DEFAULT_ACW_SECONDS, DEFAULT_OFFER_SECONDS } from "../routing/matching.js";

export function routingTimes(config: Config): RoutingTimes {
  const own = new Map<string, { offerTimeoutSeconds?: number; afterContactWorkSeconds?: number }>();
  for (const a of config.accounts) for (const i of a.instances) if (i.matcher) own.set(`${a.accountId}/${i.instanceId}`, i.matcher);
  const top = config.matcher;
  return {
    offerSeconds: (a, i) => own.get(`${a}/${i}`)?.offerTimeoutSeconds ?? top?.offerTimeoutSeconds ?? DEFAULT_OFFER_SECONDS,
    acwSeconds: (a, i) => own.get(`${a}/${i}`)?.afterContactWorkSeconds ?? top?.afterContactWorkSeconds ?? DEFAULT_ACW_SECONDS,
  };
}

export function startRouting(config: Config, deps: { store: Store; env: DomainEnv; log: Logger; published(j: Journal): void }): RoutingLoop {
  const loop = new RoutingLoop({ ...deps, pollMs: config.matcher?.pollMs ?? 1000, leaseMs: config.matcher?.leaseMs });
  loop.wake(); // what waited while no node ran (timers due, chats queued) goes on at start
  return loop;
}
