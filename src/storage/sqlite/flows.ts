// The contact-flow calls of the Store port on SQLite (statements prepared once per database).
import type Database from "better-sqlite3";
import type { FlowTxStore } from "../../domain/flow-store.js";
import { flowFrom, flowValues, summaryFrom, type FlowRow } from "../flow-rows.js";
import { sqliteFlowRuns } from "./flow-runs.js";

export function sqliteFlows(db: Database.Database): FlowTxStore {
  const s = {
    insert: db.prepare(`INSERT INTO contact_flows (account_id, instance_id, id, name, type, state, status, data, saved_content, published_content)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    get: db.prepare<[string, string, string], FlowRow>("SELECT * FROM contact_flows WHERE account_id = ? AND instance_id = ? AND id = ?"),
    // flowValues' order with the key (its first three) moved to the end.
    update: db.prepare(`UPDATE contact_flows SET name = ?, type = ?, state = ?, status = ?, data = ?, saved_content = ?, published_content = ?
      WHERE account_id = ? AND instance_id = ? AND id = ?`),
    byName: db.prepare<[string, string, string], { id: string }>("SELECT id FROM contact_flows WHERE account_id = ? AND instance_id = ? AND name = ?"),
    delete: db.prepare("DELETE FROM contact_flows WHERE account_id = ? AND instance_id = ? AND id = ?"),
    // A NULL type list means every type; ids compare in binary order (SQLite's default collation).
    list: db.prepare<[string, string, string, string | null, string | null, number], FlowRow>(`SELECT id, name, type, state, status, data FROM contact_flows
      WHERE account_id = ? AND instance_id = ? AND id > ? AND (? IS NULL OR type IN (SELECT value FROM json_each(?)))
      ORDER BY id LIMIT ?`),
  };
  return {
    ...sqliteFlowRuns(db),
    async insertFlow(f) {
      return s.insert.run(...flowValues(f)).changes === 1;
    },
    async flow(accountId, instanceId, id) {
      const row = s.get.get(accountId, instanceId, id);
      return row ? flowFrom(row) : undefined;
    },
    async updateFlow(f) {
      try {
        const v = flowValues(f);
        return s.update.run(...v.slice(3), ...v.slice(0, 3)).changes === 1;
      } catch (e) {
        // The name index: SQLite undoes the statement alone, the transaction goes on.
        if ((e as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") return false;
        throw e;
      }
    },
    async flowIdByName(accountId, instanceId, name) {
      return s.byName.get(accountId, instanceId, name)?.id;
    },
    async deleteFlow(accountId, instanceId, id) {
      return s.delete.run(accountId, instanceId, id).changes === 1;
    },
    async listFlows(q) {
      const types = q.types?.length ? JSON.stringify(q.types) : null;
      return s.list.all(q.accountId, q.instanceId, q.afterId ?? "", types, types, q.limit).map(summaryFrom);
    },
  };
}
