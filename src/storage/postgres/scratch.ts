// Throwaway PostgreSQL databases and schemas for tests: created on the server an admin URL points at, dropped after.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe } from "./PostgresStore.js";

/** The machine's test server (trust auth); CC_TEST_POSTGRES_URL may point elsewhere on loopback. */
export const TEST_ADMIN_URL = process.env.CC_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface Scratch {
  name: string;
  /** URL of the scratch database. */
  url: string;
  /** A URL whose connections use a fresh schema of the scratch database (created now). */
  schema(prefix?: string): Promise<string>;
  /** Runs SQL on the scratch database as the admin user. */
  query(sql: string, values?: unknown[]): Promise<pg.QueryResult>;
  drop(): Promise<void>;
}

/** Creates `cc_test_<pid>_<random>`; fails (never skips) with the server address when it is unreachable. */
export async function createScratchDatabase(adminUrl = TEST_ADMIN_URL): Promise<Scratch> {
  const name = `cc_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  const at = new URL(adminUrl);
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(`the tests need PostgreSQL at ${at.host} (${describe(e)}); start it with ` +
      "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", { cause: e });
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const db = new pg.Client({ connectionString: url });
  db.on("error", () => undefined);
  await db.connect();
  let n = 0;
  return {
    name,
    url,
    query: (sql, values) => db.query(sql, values),
    async schema(prefix = "s") {
      const schema = `${prefix}${++n}`;
      await db.query(`CREATE SCHEMA ${schema}`);
      return withSearchPath(url, schema);
    },
    async drop() {
      await db.end().catch(() => undefined);
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** The URL with `options=-c search_path=<schema>`: every connection of a store on it works in that schema. */
export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return u.toString();
}
