// Which build of better-sqlite3 this Node loads. better-sqlite3 12 subclasses node::ObjectWrap, whose destructor
// since Node 24.19 checks for a live Environment: a Statement collected by an idle GC (or at exit) aborts the
// process (`Assertion failed: (env) != nullptr` in RemoveEnvironmentCleanupHook; nodejs/node#65446). 13 is built on
// Node-API and ships its binaries in the package, but needs Node 22 (loaded on 20 it crashes). So both are
// installed (13 under the alias better-sqlite3-napi) and each Node line loads the one made for it; the API is the same.
import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";

const require = createRequire(import.meta.url);
const major = Number(process.versions.node.split(".")[0]);

/** The package name this process loads (also what a worker thread must load). */
export const DRIVER_PACKAGE = major >= 22 ? "better-sqlite3-napi" : "better-sqlite3";

function load(): typeof BetterSqlite3 {
  try {
    return require(DRIVER_PACKAGE);
  } catch (e) {
    throw new Error(`connect-chat: SQLite needs the npm package ${DRIVER_PACKAGE} for Node ${process.versions.node} (run npm ci): ${(e as Error).message}`);
  }
}

/** The resolved file of DRIVER_PACKAGE, for worker threads that open the same database. */
export const driverPath = () => require.resolve(DRIVER_PACKAGE);

const Database = load();
export default Database;
