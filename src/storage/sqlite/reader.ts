// SearchContacts on SQLite off the event loop: a worker thread with its own read-only connection runs each search
// (WAL: readers never wait for the writer, nor it for them), with a time budget checked from inside the statements
// (cc_budget() in every WHERE), so a search that would run too long stops and says so instead of holding the CPU.
import { driverPath } from "./driver.js";
import { Worker } from "node:worker_threads";
import { SearchBudgetExceeded, type ContactQuery } from "../../domain/ports.js";
import type { Contact } from "../../domain/types.js";
import { searchedContactFrom, type ContactRow } from "../rows.js";
import { searchStatements, type SearchStatements } from "../search-sql.js";

/** How often (in rows) cc_budget() reads the clock: a clock read per row would cost more than the row. */
const CHECK_EVERY = 64;

/** Installs cc_budget() on a connection: it throws once Date.now() passes the deadline the runner sets. */
export const BUDGET_SOURCE = `
function installBudget(db) {
  const state = { deadline: Infinity, calls: 0 };
  db.function("cc_budget", { deterministic: false }, () => {
    if (++state.calls % ${CHECK_EVERY} === 0 && Date.now() > state.deadline) throw new Error("cc_budget");
    return 1;
  });
  return state;
}
/** Count and page in one read transaction (one snapshot); { budget: true } when the deadline passed. */
function runSearch(db, state, prepare, msg) {
  state.deadline = msg.deadline;
  state.calls = 0;
  if (Date.now() > msg.deadline) return { budget: true };
  db.exec("BEGIN");
  try {
    const total = Number(prepare(msg.count.text).get(...msg.count.values).n);
    const rows = prepare(msg.page.text).all(...msg.page.values);
    return { total, rows };
  } catch (e) {
    if (e && e.message === "cc_budget") return { budget: true };
    throw e;
  } finally {
    db.exec("COMMIT");
  }
}
`;

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.module);
${BUDGET_SOURCE}
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma("busy_timeout = 10000");
db.pragma("cache_size = -8192");
const state = installBudget(db);
const cache = new Map();
const prepare = (text) => {
  let st = cache.get(text);
  if (!st) {
    if (cache.size >= 256) cache.clear();
    cache.set(text, (st = db.prepare(text)));
  }
  return st;
};
parentPort.on("message", (msg) => {
  try {
    parentPort.postMessage({ id: msg.id, ...runSearch(db, state, prepare, msg) });
  } catch (e) {
    parentPort.postMessage({ id: msg.id, error: String((e && e.message) || e) });
  }
});
`;

interface Answer {
  id: number;
  total?: number;
  rows?: (ContactRow & { last_message: string | null })[];
  budget?: boolean;
  error?: string;
}

export class SearchReader {
  private worker?: Worker;
  private readonly pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  private next = 0;
  private closed = false;

  constructor(
    private readonly path: string,
    /** Milliseconds a search may take from the moment it is asked for, waiting for earlier searches included. */
    readonly budgetMs: number,
  ) {}

  async search(q: ContactQuery): Promise<{ contacts: Contact[]; total: number }> {
    if (this.closed) throw new Error("store is closed");
    const { page, count } = searchStatements(q, "sqlite", { budget: true });
    const a = await this.ask(page, count);
    if (a.budget) throw new SearchBudgetExceeded(this.budgetMs);
    if (a.error !== undefined) throw new Error(`search failed: ${a.error}`);
    return { contacts: a.rows!.map(searchedContactFrom), total: a.total! };
  }

  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private ask(page: SearchStatements["page"], count: SearchStatements["count"]): Promise<Answer> {
    const id = ++this.next;
    const w = this.started();
    return new Promise<Answer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage({ id, page, count, deadline: Date.now() + this.budgetMs });
    });
  }

  /** The worker, started on first use (and again after a crash); it does not keep the process alive. */
  private started(): Worker {
    if (this.worker) return this.worker;
    const module = driverPath();
    const w = new Worker(WORKER, { eval: true, workerData: { path: this.path, module } });
    w.unref();
    w.on("message", (a: Answer) => {
      const p = this.pending.get(a.id);
      this.pending.delete(a.id);
      p?.resolve(a);
    });
    const fail = (e: Error) => {
      if (this.worker === w) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    w.on("error", fail);
    w.on("exit", (code) => fail(new Error(`the search worker exited (${code})`)));
    this.worker = w;
    return w;
  }
}
