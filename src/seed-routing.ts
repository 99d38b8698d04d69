// Start-up seeding of the routing objects of every configured instance (src/routing/seed.ts), with configuration
// mistakes reported as ConfigError naming the key.
import { ConfigError, type Config } from "./config.js";
import { routingSeedOf } from "./config-routing.js";
import type { Store } from "./domain/ports.js";
import type { RoutingEnv } from "./routing/ports.js";
import { seedInstance, SeedError } from "./routing/seed.js";

/**
 * Every instance's built-in routing objects and the configuration's queues, profiles, users, statuses and hours,
 * upserted by name (idempotent: a restart or a second node changes nothing); a destination's `queue` must exist.
 */
export async function seedRouting(store: Store, env: RoutingEnv, config: Config): Promise<void> {
  for (const [ai, a] of config.accounts.entries())
    for (const [ii, i] of a.instances.entries()) {
      const at = `accounts[${ai}].instances[${ii}].`;
      try {
        await store.tx(async (tx) => {
          await seedInstance(tx.routing, env, a.accountId, i.instanceId, routingSeedOf(i), at);
          for (const [di, d] of i.destinations.entries())
            if (d.queue && !(await tx.routing.byName("queue", a.accountId, i.instanceId, d.queue)))
              throw new SeedError(`${at}destinations[${di}].queue`, `no queue named '${d.queue}' in instance ${i.instanceId}`);
        });
      } catch (e) {
        throw e instanceof SeedError ? new ConfigError(`configuration: invalid routing objects\n  ${e.message}`) : e;
      }
    }
}
