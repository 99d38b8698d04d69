// The agent console's static files and generated config.
import { fileURLToPath } from "node:url";
import type { Config } from "../config.js";
import { DEFAULT_ACW_SECONDS, DEFAULT_OFFER_SECONDS } from "../routing/matching.js";

/** What the page reads from /console/config.json (src/console/session.ts ServerHints has the same shape). */
export function consoleHints(config: Config) {
  const instances = config.accounts.flatMap((a) => a.instances);
  return {
    region: config.region,
    instances: instances.map((i) => i.instanceId),
    // Each instance's offer and after-contact-work times: the offer countdown and the ACW timer.
    routing: Object.fromEntries(
      instances.map((i) => [
        i.instanceId,
        {
          offerSeconds: i.matcher?.offerTimeoutSeconds ?? config.matcher?.offerTimeoutSeconds ?? DEFAULT_OFFER_SECONDS,
          acwSeconds: i.matcher?.afterContactWorkSeconds ?? config.matcher?.afterContactWorkSeconds ?? DEFAULT_ACW_SECONDS,
        },
      ]),
    ),
    dispositions: config.console?.dispositions ?? {},
  };
}

/**
 * The agent console's files (dist/console, two levels up from this module in src/wiring/ and dist/wiring/ alike) and its
 * unauthenticated /console/config.json: the region and instance ids to prefill sign-in with, the instances' offer
 * and ACW times and the wrap-up dispositions — never a secret.
 */
export function consoleOptions(config: Config) {
  const body = JSON.stringify(consoleHints(config));
  return {
    root: fileURLToPath(new URL("../../dist/console/", import.meta.url)),
    generated: { "config.json": () => body },
    connectSrc: config.server?.websocketUrl ? [config.server.websocketUrl] : [],
  };
}
