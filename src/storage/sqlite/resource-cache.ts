// Routing resources (queues, users, profiles…) as last read by id or by name, kept between transactions: a new chat
// read its queue once or twice (a flow naming it, a destination's default queue), and each read is a statement of the
// single writer's event loop. Sound because every row of these tables changes through this connection's routing
// adapter, which clears the cache when it writes, or through another connection (another process, a CLI), whose
// commit changes PRAGMA data_version, checked as each transaction begins. While a transaction has written a resource,
// reads go to the table and nothing is kept, so a write that is rolled back is never remembered.
import type Database from "better-sqlite3";
import type { ResourceRow } from "../routing-rows.js";

/** Rows (and misses) kept at most; a client can make the server look up ids that do not exist. */
const MAX_ROWS = 10_000;

export class ResourceCache {
  private readonly rows = new Map<string, ResourceRow | null>();
  private readonly dataVersion: Database.Statement;
  private version: unknown;
  private dirty = false;

  constructor(db: Database.Database) {
    this.dataVersion = db.prepare("PRAGMA data_version").pluck();
  }

  /** A transaction begins: another connection's commit since the last one may have changed any row. */
  begin(): void {
    const v = this.dataVersion.get();
    if (v !== this.version) {
      this.rows.clear();
      this.version = v;
    }
  }

  /** The transaction ended (committed or rolled back): what is kept again reflects committed rows only. */
  end(): void {
    this.dirty = false;
  }

  /** This transaction writes a resource: forget everything, and keep nothing until it ends. */
  wrote(): void {
    this.rows.clear();
    this.dirty = true;
  }

  read(key: string, load: () => ResourceRow | undefined): ResourceRow | undefined {
    if (this.dirty) return load();
    const kept = this.rows.get(key);
    if (kept !== undefined) return kept ?? undefined;
    const row = load();
    if (this.rows.size >= MAX_ROWS) this.rows.clear();
    this.rows.set(key, row ?? null);
    return row;
  }
}
