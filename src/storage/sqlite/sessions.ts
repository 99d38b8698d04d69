// Agents' sessions on SQLite: the transaction's calls, and the per-request read outside any transaction.
import type Database from "better-sqlite3";
import type { AgentSession, SessionTx } from "../../domain/sessions.js";
import { openSession, sealSession, sessionTokenHash, SESSION_SQL, type SessionRow } from "../session-seal.js";

export function sqliteSessions(db: Database.Database): SessionTx & {
  session(accessKeyId: string, token: string, now: number): AgentSession | undefined;
  purge(now: number): number;
} {
  const s = {
    insert: db.prepare(SESSION_SQL.insert),
    get: db.prepare<[string, number], SessionRow>(SESSION_SQL.get),
    delete: db.prepare(SESSION_SQL.delete),
    deleteUser: db.prepare(SESSION_SQL.deleteUser),
    purge: db.prepare(SESSION_SQL.purge),
  };
  return {
    async insertSession(x) {
      s.insert.run(...sealSession(x));
    },
    async deleteSession(accessKeyId, token) {
      return s.delete.run(accessKeyId, sessionTokenHash(token)).changes === 1;
    },
    async deleteUserSessions(userId) {
      return s.deleteUser.run(userId).changes;
    },
    // On the server's own connection, synchronously: between two awaits of another transaction it may see that
    // transaction's uncommitted deletes (a revocation that later rolls back refuses one request) but never a
    // session that is not committed yet usable by anyone (its credentials are handed out only after the commit).
    session(accessKeyId, token, now) {
      const row = s.get.get(accessKeyId, now);
      return row ? openSession(row, token) : undefined;
    },
    purge(now) {
      return s.purge.run(now).changes;
    },
  };
}
