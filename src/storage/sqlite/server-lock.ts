// One server per SQLite file. WebSocket pushes go from a process's commits to its own sockets, so a second
// server on the same file would accept requests whose items the first one's sockets never see. The claim is an
// SQLite lock (an fcntl lock, taken through better-sqlite3: Node has no flock) on a small side database
// `<db>.lock`, held by a never-ending BEGIN IMMEDIATE: the kernel drops it when the process dies, kill -9
// included, so a stale claim cannot block a restart; pid reuse and pid namespaces (containers sharing a volume)
// cannot fool it, unlike a pid file; and nothing runs periodically, unlike a heartbeat. While held (RESERVED),
// other processes can still read the lock database: the committed owner row names the holder in the refusal.
// Only `serve` claims the file: `connect-chat outbox` and tests that open several stores do not.
import type BetterSqlite3 from "better-sqlite3";
import Database from "./driver.js";
import { hostname } from "node:os";

export class SqliteInUseError extends Error {}

export class ServerLock {
  private constructor(private readonly db: BetterSqlite3.Database) {}

  /** Claims `dbPath` for this process, or throws SqliteInUseError naming the server that holds it. */
  static claim(dbPath: string): ServerLock {
    const lockPath = `${dbPath}.lock`;
    // timeout 0: a held lock is an answer, not something to wait for (better-sqlite3 waits 5 s by default).
    const db = new Database(lockPath, { timeout: 0 });
    try {
      db.exec("CREATE TABLE IF NOT EXISTS owner (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER, host TEXT, started_at TEXT)");
    } catch (e) {
      db.close();
      if (isBusy(e)) throw inUse(dbPath, undefined);
      throw new Error(`cannot use ${lockPath} to claim ${dbPath}: ${(e as Error).message}`);
    }
    const begin = () => {
      try {
        db.exec("BEGIN IMMEDIATE");
        return true;
      } catch (e) {
        if (isBusy(e)) return false;
        throw e;
      }
    };
    const refuse = () => {
      const owner = readOwner(db);
      db.close();
      return inUse(dbPath, owner);
    };
    if (!begin()) throw refuse();
    // Record who holds it (committed, so a refused server can name us), then hold it again. Between the COMMIT
    // and the second BEGIN another starter may take it: then that one serves and this one is refused.
    db.prepare("INSERT INTO owner (id, pid, host, started_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, host = excluded.host, started_at = excluded.started_at").run(
      process.pid,
      hostname(),
      new Date().toISOString(),
    );
    db.exec("COMMIT");
    if (!begin()) throw refuse();
    return new ServerLock(db);
  }

  /** Gives the file up (the lock database itself stays: deleting it could split two starters onto two inodes). */
  release(): void {
    if (!this.db.open) return;
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
    this.db.close();
  }
}

const isBusy = (e: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(String((e as { code?: unknown }).code ?? ""));

function readOwner(db: BetterSqlite3.Database): { pid: number; host: string; started_at: string } | undefined {
  try {
    return db.prepare("SELECT pid, host, started_at FROM owner WHERE id = 1").get() as { pid: number; host: string; started_at: string } | undefined;
  } catch {
    return undefined;
  }
}

function inUse(dbPath: string, owner: { pid: number; host: string; started_at: string } | undefined): SqliteInUseError {
  const who = owner ? `pid ${owner.pid} on ${owner.host}, started ${owner.started_at}` : "another process";
  return new SqliteInUseError(
    `the SQLite database ${dbPath} is already served by another connect-chat server (${who}). One server per SQLite file: ` +
      `a second one would miss the first one's WebSocket pushes. Stop the other server, give this one another storage.url, ` +
      `or use PostgreSQL to run several nodes.`,
  );
}
