// The agent console's static files and generated config.
import { fileURLToPath } from "node:url";
import type { Config } from "../config.js";

/**
 * The agent console's files (dist/console, two levels up from this module in src/wiring/ and dist/wiring/ alike) and its
 * unauthenticated /console/config.json: the region and instance ids to prefill sign-in with, never a secret.
 */
export function consoleOptions(config: Config) {
  const body = JSON.stringify({ region: config.region, instances: config.accounts.flatMap((a) => a.instances.map((i) => i.instanceId)) });
  return {
    root: fileURLToPath(new URL("../../dist/console/", import.meta.url)),
    generated: { "config.json": () => body },
    connectSrc: config.server?.websocketUrl ? [config.server.websocketUrl] : [],
  };
}

