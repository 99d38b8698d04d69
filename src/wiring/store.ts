// The store a URL names (SQLite file or PostgreSQL), the destinations directory from the config, and the outbox
// report the CLI and the admin API show.
import { resolve } from "node:path";
import type { Config } from "../config.js";
import type { Directory, Store } from "../domain/ports.js";
import type { Destination } from "../domain/types.js";
import { DEFAULT_CHAT_MINUTES } from "../domain/rules.js";
import { SqliteStore } from "../storage/sqlite/SqliteStore.js";

/** `serve`: the store of a server, which claims a SQLite file for itself (one server per file). */
export async function openStore(url: string, opts: { serve?: boolean } = {}): Promise<Store> {
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length);
    const file = path === ":memory:" ? path : resolve(path);
    return opts.serve ? SqliteStore.forServer(file) : new SqliteStore(file);
  }
  // pg is loaded only by those who use it: SQLite users do not pay for it at start-up.
  if (/^postgres(ql)?:\/\//.test(url)) return (await import("../storage/postgres/PostgresStore.js")).PostgresStore.open(url);
  throw new Error(`storage url '${url}' must start with sqlite: or postgres://`);
}

/** Outbox counts per endpoint and the oldest dead letters: what `connect-chat outbox` and the admin API show. */
export async function outboxReport(store: Store) {
  return store.tx(async (tx) => ({
    endpoints: await tx.outboxStats(),
    deadLetters: (await tx.deadLetters(100)).map((d) => ({ id: d.id, endpoint: d.endpoint, initialContactId: d.initialContactId, itemId: d.itemId, attempts: d.attempts, lastError: d.lastError })),
  }));
}

export function directoryOf(config: Config): Directory {
  const destinations = new Map<string, Destination>();
  const instances = new Set<string>();
  for (const a of config.accounts)
    for (const i of a.instances) {
      instances.add(`${a.accountId}/${i.instanceId}`);
      for (const d of i.destinations)
        destinations.set(d.destinationId, {
          destinationId: d.destinationId,
          accountId: a.accountId,
          instanceId: i.instanceId,
          contactFlowId: d.contactFlowId,
          streamingEndpointArn: d.streamingEndpointArn,
          chatDurationMinutes: d.chatDurationMinutes ?? DEFAULT_CHAT_MINUTES,
          webhooks: (d.webhooks ?? []).map((w) => w.url),
          ...(d.sms ? { sms: { maxSegments: d.sms.maxSegments, split: d.sms.split, ...(d.sms.helpText ? { helpText: d.sms.helpText } : {}) } } : {}),
          defaultQueue: d.queue,
        });
    }
  return {
    destination: (id) => destinations.get(id),
    hasInstance: (accountId, instanceId) => instances.has(`${accountId}/${instanceId}`),
  };
}

