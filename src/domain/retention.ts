// Retention: what the sweep purges once nothing can read it any more, in bounded batches (one short transaction per
// batch, never one huge DELETE), safe with several PostgreSQL nodes sweeping at once (each batch's rows are
// claimed with SKIP LOCKED there; a row two nodes both reach is deleted once, the other finds nothing).
// - Push-only items (typing, read/delivered receipt pushes: persisted = false) are read only by a socket's
//   catch-up, which starts at most WEBSOCKET_URL_MS back (a URL's start position) and follows its socket closely
//   after that (a reader that falls behind is closed within seconds): past `pushOnlyItemsMs` they are dead weight.
// - A contact's flow run (with its flow log and any timer) is read while the contact is active (customer input,
//   timers, the disconnect flow); it goes `flowRunsMs` after the contact ended — a running flow is never touched.
// - Uploads never completed (StartAttachmentUpload without CompleteAttachmentUpload): rows and bytes go
//   `unfinishedUploadsMs` after they started (upload URLs live UPLOAD_URL_MS). Rows are first marked PURGING (a late
//   Complete is then refused), the bytes deleted, then the rows; a sweep that dies in between is finished by the next.
import { UPLOAD_URL_MS } from "./attachments.js";
import { WEBSOCKET_URL_MS } from "./participants.js";

export interface RetentionStore {
  /** Deletes at most `limit` push-only items appended before `before` (epoch ms); returns how many. */
  purgePushOnlyItems(before: number, limit: number): Promise<number>;
  /** Deletes at most `limit` flow runs (with their flow logs and timers) whose contact ended before `before`, or is gone. */
  purgeFlowRuns(before: number, limit: number): Promise<number>;
  /** Marks at most `limit` uploads started before `before` and never completed as PURGING (again, for marked ones); their ids. */
  claimStaleUploads(before: number, limit: number): Promise<string[]>;
  /** Deletes the rows of these uploads that are still marked PURGING; returns how many. */
  deleteStaleUploads(ids: string[]): Promise<number>;
}

export interface RetentionRules {
  pushOnlyItemsMs: number;
  flowRunsMs: number;
  unfinishedUploadsMs: number;
  /** Rows per batch (per transaction). */
  batch: number;
}

export const RETENTION_DEFAULTS: RetentionRules = {
  pushOnlyItemsMs: 60 * 60_000,
  flowRunsMs: 7 * 24 * 60 * 60_000,
  unfinishedUploadsMs: 24 * 60 * 60_000,
  batch: 500,
};

/** The shortest retentions the configuration accepts: past every reader (the socket URL's window, the upload URL's). */
export const RETENTION_MINIMUMS = { pushOnlyItemsMs: 2 * WEBSOCKET_URL_MS, unfinishedUploadsMs: 2 * UPLOAD_URL_MS, flowRunsMs: 0 };

/** Batches per kind in one sweep at most: a backlog is worked off over several sweeps, never in one long pass. */
export const MAX_BATCHES_PER_SWEEP = 20;

export interface Purged {
  pushOnlyItems: number;
  flowRuns: number;
  uploads: number;
}

/** One retention pass at `now`; `deleteBytes` removes an upload's bytes (idempotent: absent bytes are fine). */
export async function purgeRetained(store: RetentionStore, deleteBytes: (id: string) => Promise<void>, now: number, rules: RetentionRules): Promise<Purged> {
  const loop = async (step: () => Promise<number>) => {
    let total = 0;
    for (let i = 0; i < MAX_BATCHES_PER_SWEEP; i++) {
      const n = await step();
      total += n;
      if (n < rules.batch) break;
    }
    return total;
  };
  const pushOnlyItems = await loop(() => store.purgePushOnlyItems(now - rules.pushOnlyItemsMs, rules.batch));
  const flowRuns = await loop(() => store.purgeFlowRuns(now - rules.flowRunsMs, rules.batch));
  const uploads = await loop(async () => {
    const ids = await store.claimStaleUploads(now - rules.unfinishedUploadsMs, rules.batch);
    for (const id of ids) await deleteBytes(id);
    await store.deleteStaleUploads(ids);
    return ids.length;
  });
  return { pushOnlyItems, flowRuns, uploads };
}
