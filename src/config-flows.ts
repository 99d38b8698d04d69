// The flows of the configuration file as the domain sees them (ConfigFlows): built once at start, kept in memory.
// Not seeded into the database: the file is the source of truth, so a flow removed from it disappears on restart,
// several PostgreSQL nodes never race to seed, and nothing is written at start.
import { createHash } from "node:crypto";
import type { Config } from "./config.js";
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
