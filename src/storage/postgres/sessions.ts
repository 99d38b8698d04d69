// Agents' sessions on PostgreSQL: the transaction's calls (on its client) and the per-request read (one pooled
// autocommit statement, one round trip: any node sees a sign-out or revocation from the moment it commits).
import type { QueryResultRow } from "pg";
import type { AgentSession, SessionTx } from "../../domain/sessions.js";
import { dollar } from "../routing-sql.js";
import { openSession, sealSession, sessionTokenHash, SESSION_SQL, type SessionRow } from "../session-seal.js";

type Query = <R extends QueryResultRow>(name: string, text: string, values: unknown[]) => Promise<{ rows: R[]; rowCount: number | null }>;

const SQL = Object.fromEntries(Object.entries(SESSION_SQL).map(([n, t]) => [n, dollar(t)])) as Record<keyof typeof SESSION_SQL, string>;
const run = <R extends QueryResultRow>(query: Query, name: keyof typeof SQL, values: unknown[]) => query<R>(`cc_sess_${name}`, SQL[name], values);

export function pgSessions(query: Query): SessionTx {
  return {
    async insertSession(x) {
      await run(query, "insert", sealSession(x));
    },
    async deleteSession(accessKeyId, token) {
      return (await run(query, "delete", [accessKeyId, sessionTokenHash(token)])).rowCount === 1;
    },
    async deleteUserSessions(userId) {
      return (await run(query, "deleteUser", [userId])).rowCount ?? 0;
    },
  };
}

export async function pgSession(query: Query, accessKeyId: string, token: string, now: number): Promise<AgentSession | undefined> {
  const row = (await run<SessionRow>(query, "get", [accessKeyId, now])).rows[0];
  return row ? openSession(row, token) : undefined;
}

export async function pgPurgeSessions(query: Query, now: number): Promise<number> {
  return (await run(query, "purge", [now])).rowCount ?? 0;
}
