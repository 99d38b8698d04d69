// The periodic sweep: ends chats whose duration ran out (in batches of 100, each its own transaction), drops
// expired idempotency records, participant tokens and agents' sign-in sessions, and purges what retention allows
// (src/domain/retention.ts: push-only items, flow runs of ended contacts, unfinished uploads and their bytes).
// Every node may sweep: the store's claims keep it race-free.
import { Chats } from "../domain/chats.js";
import { Journal, type DomainEnv } from "../domain/chat-base.js";
import type { AttachmentBlobs } from "../domain/attachments.js";
import type { Clock, Logger, Store } from "../domain/ports.js";
import { purgeRetained, type RetentionRules } from "../domain/retention.js";

const BATCH = 100;

export interface SweepDeps {
  store: Store;
  env: DomainEnv;
  clock: Clock;
  log: Logger;
  published(journal: Journal): void;
  intervalMs: number;
  /** Where unfinished uploads' bytes are deleted. */
  blobs: AttachmentBlobs;
  retention: RetentionRules;
}

export function startSweep({ store, env, clock, log, published, intervalMs, blobs, retention }: SweepDeps) {
  const sweep = async () => {
    let ended = 0;
    for (;;) {
      const journal = new Journal();
      const n = await store.tx((tx) => new Chats(tx, env, journal).endExpired(BATCH));
      published(journal);
      ended += n;
      if (n < BATCH) break;
    }
    await store.purgeIdempotency(clock.now());
    await store.purgeTokens(clock.now());
    await store.purgeSessions(clock.now());
    const purged = await purgeRetained(store, (id) => blobs.delete(id), clock.now(), retention);
    if (purged.pushOnlyItems + purged.flowRuns + purged.uploads > 0) log.info({ event: "retention", ...purged }, "purged");
    return ended;
  };
  const timer = setInterval(() => void sweep().catch((e) => log.error({ event: "sweep", err: e }, "sweep failed")), intervalMs);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
