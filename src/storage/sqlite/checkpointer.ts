// WAL checkpoints off the event loop: the server's connection never checkpoints on COMMIT
// (wal_autocheckpoint = 0); a worker thread with its own connection runs PASSIVE checkpoints, which copy
// committed pages into the database file without blocking writers. Durability does not change.
//
// PASSIVE alone does not bound the WAL: SQLite starts writing the log from its beginning again only when a write
// transaction begins with every frame already copied, and under an unbroken load a commit lands during every
// checkpoint, so the log grows until the load pauses (measured: 1.5 GB in 12 s of back-to-back inserts). So when the
// log passes `restartBytes`, the worker asks the store to hold its writes (`holdWrites`: a barrier in the commit
// queue, so the event loop stays free and requests only wait), runs a RESTART checkpoint — copying just the frames
// committed since its last PASSIVE — and lets the writes go on; the next commit writes from the log's start.
import { driverPath } from "./driver.js";
import { Worker } from "node:worker_threads";

/** A restart waits for the frames committed during the last PASSIVE pass; below this many it stops passing. */
const CATCH_UP_FRAMES = 512;

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { statSync, openSync, fsyncSync, closeSync } = require("node:fs");
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 2000");
const walBytes = () => { try { return statSync(workerData.path + "-wal").size; } catch { return 0; } };
let holding = false;
const passive = () => {
  try { return db.pragma("wal_checkpoint(PASSIVE)")[0]; } catch { return undefined; }
};
const tick = () => {
  if (holding) return;
  let last = passive();
  if (walBytes() <= workerData.restartBytes) return;
  // Copy until what commits added during the last pass is little, so the writes are held only for that little.
  for (let i = 0; i < 8 && last && !last.busy; i++) {
    const r = passive();
    if (!r || r.checkpointed - last.checkpointed < ${CATCH_UP_FRAMES} || r.checkpointed < last.checkpointed) break;
    last = r;
  }
  // A PASSIVE pass syncs the database file only when no commit landed during it, so under load the pages it
  // copied are still dirty in the OS; RESTART would sync them all while the writes are held (~40 ms measured).
  // Synced here, RESTART's own sync has only its last few pages left.
  try { const fd = openSync(workerData.path, "r"); try { fsyncSync(fd); } finally { closeSync(fd); } } catch {}
  holding = true;
  parentPort.postMessage("hold");
};
// The store's writes are held: no write transaction is open in this process. No busy wait here: a reader still
// on old frames (a SearchContacts, within its budget) makes RESTART give up at once, after copying what it may;
// the next tick tries again.
const restart = () => {
  db.pragma("busy_timeout = 0");
  try { db.pragma("wal_checkpoint(RESTART)"); } catch {}
  db.pragma("busy_timeout = 2000");
  holding = false;
  parentPort.postMessage("released");
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (m === "held") return restart();
  if (m !== "stop") return;
  clearInterval(timer);
  try { db.pragma("wal_checkpoint(TRUNCATE)"); } catch {}
  db.close();
  parentPort.postMessage("stopped");
});
`;

export interface CheckpointOptions {
  /** How often the worker checkpoints (ms). */
  intervalMs?: number;
  /** Past this size the WAL is restarted (see above); the same as the store's journal_size_limit by default. */
  restartBytes?: number;
}

/** Runs `during` with the store's writes held, resolving once it settles. */
export type HoldWrites = (during: () => Promise<void>) => void;

/** The longest the store's writes are held for one restart, should the worker not answer. */
const HOLD_LIMIT_MS = 2000;

export class Checkpointer {
  private readonly worker: Worker;
  private released?: () => void;
  private stopping = false;

  constructor(path: string, holdWrites: HoldWrites, opts: CheckpointOptions = {}) {
    const module = driverPath();
    const { intervalMs = 500, restartBytes = 64 * 1024 * 1024 } = opts;
    this.worker = new Worker(WORKER, { eval: true, workerData: { path, intervalMs, restartBytes, module } });
    this.worker.unref();
    this.worker.on("error", () => this.released?.()); // a failed checkpoint only lets the WAL grow; it loses nothing
    this.worker.on("message", (m) => {
      if (m === "released") this.released?.();
      if (m === "hold" && !this.stopping) holdWrites(() => this.restart());
    });
  }

  private restart(): Promise<void> {
    return new Promise<void>((resolve) => {
      const limit = setTimeout(() => this.released?.(), HOLD_LIMIT_MS).unref();
      this.released = () => {
        clearTimeout(limit);
        this.released = undefined;
        resolve();
      };
      this.worker.postMessage("held");
    });
  }

  /** Final TRUNCATE checkpoint, then the worker exits. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.released?.();
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      this.worker.on("message", (m) => m === "stopped" && done());
      this.worker.once("exit", done);
      this.worker.once("error", done);
      this.worker.postMessage("stop");
      setTimeout(done, 5000).unref();
    });
    await this.worker.terminate();
  }
}
