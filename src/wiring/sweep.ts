// The periodic sweep: ends chats whose duration ran out (in batches of 100, each its own transaction) and drops
// expired idempotency records and participant tokens. Every node may sweep: the store's claims keep it race-free.
import { Chats } from "../domain/chats.js";
import { Journal, type DomainEnv } from "../domain/chat-base.js";
import type { Clock, Logger, Store } from "../domain/ports.js";

const BATCH = 100;

export interface SweepDeps {
  store: Store;
  env: DomainEnv;
  clock: Clock;
  log: Logger;
  published(journal: Journal): void;
  intervalMs: number;
}

export function startSweep({ store, env, clock, log, published, intervalMs }: SweepDeps) {
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
    return ended;
  };
  const timer = setInterval(() => void sweep().catch((e) => log.error({ event: "sweep", err: e }, "sweep failed")), intervalMs);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
