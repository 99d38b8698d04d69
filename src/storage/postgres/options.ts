// postgres:// URL → pg pool settings: our own query parameters (pool size, timeouts) are read and removed,
// everything else (sslmode, application_name, options=-c search_path=…) is left for pg to interpret.
import type { PoolConfig } from "pg";

export interface PostgresOptions {
  /** Connections per process (URL `pool_max`); default 10. */
  poolMax?: number;
  /** Server-side statement timeout in ms (URL `statement_timeout`); default 30 s. 0 disables it. */
  statementTimeoutMs?: number;
  /** How long to wait for a connection, in seconds as libpq's `connect_timeout`; default 5 s. */
  connectTimeoutSec?: number;
  /** How long a SearchContacts may run, in ms (URL `search_budget_ms`); default 3 s. */
  searchBudgetMs?: number;
  /** URL `notify`: `watched` (default) sends NOTIFY only for chats some node has sockets on; `always` on every append. */
  notify?: "watched" | "always";
}

export const DEFAULTS = { poolMax: 10, statementTimeoutMs: 30_000, connectTimeoutSec: 5, searchBudgetMs: 3000, notify: "watched" } as const;

const OWN = { pool_max: "poolMax", statement_timeout: "statementTimeoutMs", connect_timeout: "connectTimeoutSec", search_budget_ms: "searchBudgetMs" } as const;

export interface Resolved {
  pool: PoolConfig;
  /** host:port (or socket directory) for error messages; never the password. */
  target: string;
  options: Required<PostgresOptions>;
}

export function resolveOptions(url: string, given: PostgresOptions = {}): Resolved {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error("storage url: not a valid postgres:// URL");
  }
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:") throw new Error(`storage url: expected postgres://, got ${u.protocol}//`);
  const fromUrl: PostgresOptions = {};
  for (const [param, key] of Object.entries(OWN) as [string, "poolMax" | "statementTimeoutMs" | "connectTimeoutSec" | "searchBudgetMs"][]) {
    const v = u.searchParams.get(param);
    if (v === null) continue;
    u.searchParams.delete(param);
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || ((key === "poolMax" || key === "searchBudgetMs") && n < 1))
      throw new Error(`storage url: ${param}=${v} must be a ${key === "poolMax" || key === "searchBudgetMs" ? "positive" : "non-negative"} integer`);
    fromUrl[key] = n;
  }
  const notify = u.searchParams.get("notify");
  if (notify !== null) {
    if (notify !== "watched" && notify !== "always") throw new Error(`storage url: notify=${notify} must be watched or always`);
    u.searchParams.delete("notify");
    fromUrl.notify = notify;
  }
  // Explicit constructor options win over the URL, the URL over the defaults.
  const options = { ...DEFAULTS, ...fromUrl, ...stripUndefined(given) };
  const host = u.searchParams.get("host") ?? (decodeURIComponent(u.hostname) || "localhost");
  const port = u.searchParams.get("port") ?? (u.port || "5432");
  return {
    target: host.startsWith("/") ? `${host} (socket), port ${port}` : `${host.includes(":") ? `[${host}]` : host}:${port}`,
    options,
    pool: {
      connectionString: u.toString(),
      max: options.poolMax,
      connectionTimeoutMillis: options.connectTimeoutSec * 1000,
      idleTimeoutMillis: 30_000,
      statement_timeout: options.statementTimeoutMs || false,
      // Client-side bound for a connection that went silent (half-open after a failover): the request fails
      // instead of hanging, and the connection is dropped when its ROLLBACK times out too.
      query_timeout: options.statementTimeoutMs ? options.statementTimeoutMs + 5_000 : undefined,
      // A transaction left open by a stuck request must not hold its row locks forever.
      idle_in_transaction_session_timeout: 60_000,
      // Notice a silently dropped connection (failover, NAT) instead of waiting on it forever.
      keepAlive: true,
      application_name: u.searchParams.get("application_name") ?? "connect-chat",
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
