// WAL checkpoints off the event loop: the server's connection never checkpoints on COMMIT
// (wal_autocheckpoint = 0); a worker thread with its own connection runs PASSIVE checkpoints, which copy
// committed pages into the database file without blocking writers. Durability does not change.
import { driverPath } from "./driver.js";
import { Worker } from "node:worker_threads";

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 2000");
const tick = () => { try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {} };
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (m !== "stop") return;
  clearInterval(timer);
  try { db.pragma("wal_checkpoint(TRUNCATE)"); } catch {}
  db.close();
  parentPort.postMessage("stopped");
});
`;

export class Checkpointer {
  private readonly worker: Worker;

  constructor(path: string, intervalMs = 500) {
    const module = driverPath();
    this.worker = new Worker(WORKER, { eval: true, workerData: { path, intervalMs, module } });
    this.worker.unref();
    this.worker.on("error", () => undefined); // a failed checkpoint only lets the WAL grow; it loses nothing
  }

  /** Final TRUNCATE checkpoint, then the worker exits. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      this.worker.once("message", done);
      this.worker.once("exit", done);
      this.worker.once("error", done);
      this.worker.postMessage("stop");
      setTimeout(done, 5000).unref();
    });
    await this.worker.terminate();
  }
}
