// The flows of the configuration file as the domain sees them (ConfigFlows): built once at start, kept in memory.
// Not seeded into the database: the file is the source of truth, so a flow removed from it disappears on restart,
// several PostgreSQL nodes never race to seed, and nothing is written at start.
import { createHash } from "node:crypto";
import { ConfigError, type Config } from "./config.js";
import type { Store } from "./domain/ports.js";
import type { ConfigFlows, FlowRecord } from "./domain/flow-store.js";
import { flowArn } from "./domain/flows.js";

export function configuredFlows(config: Config, now = Date.now()): ConfigFlows {
  const byInstance = new Map<string, FlowRecord[]>();
  for (const a of config.accounts)
    for (const i of a.instances) {
      const flows = (i.flows ?? []).map((f): FlowRecord => ({
        accountId: a.accountId,
        instanceId: i.instanceId,
        id: f.id,
        arn: flowArn(config.region, a.accountId, i.instanceId, f.id),
        name: f.name,
        ...(f.description !== undefined ? { description: f.description } : {}),
        type: f.type,
        state: "ACTIVE",
        status: "PUBLISHED",
        savedContent: f.content!,
        publishedContent: f.content!,
        publishedSha256: createHash("sha256").update(f.content!, "utf8").digest("hex"),
        tags: {},
        createdAt: now,
        lastModifiedAt: now,
        lastModifiedRegion: config.region,
        fromConfig: true,
      }));
      byInstance.set(`${a.accountId}/${i.instanceId}`, flows.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)));
    }
  return {
    list: (accountId, instanceId) => byInstance.get(`${accountId}/${instanceId}`) ?? [],
    get: (accountId, instanceId, id) => byInstance.get(`${accountId}/${instanceId}`)?.find((f) => f.id === id),
  };
}

/**
 * Every destination's contactFlowId must name a flow of its instance (configured, or stored through the API): a
 * typo would otherwise surface as every new chat of the destination being refused.
 */
export async function checkDestinationFlows(config: Config, flows: ConfigFlows, store: Store): Promise<void> {
  const missing: string[] = [];
  for (const [ai, a] of config.accounts.entries())
    for (const [ii, i] of a.instances.entries())
      for (const [di, d] of i.destinations.entries()) {
        if (!d.contactFlowId || flows.get(a.accountId, i.instanceId, d.contactFlowId)) continue;
        const stored = await store.tx((tx) => tx.flow(a.accountId, i.instanceId, d.contactFlowId!));
        if (!stored) missing.push(`accounts[${ai}].instances[${ii}].destinations[${di}].contactFlowId: no flow '${d.contactFlowId}' in instance ${i.instanceId} (list it under the instance's flows:, or create it with CreateContactFlow)`);
      }
  if (missing.length) throw new ConfigError(missing.join("\n"));
}
