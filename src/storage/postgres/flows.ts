// The contact-flow calls of the Store port on PostgreSQL: the SQLite adapter's, with the name index's conflict on
// rename caught inside a savepoint (an error would otherwise abort the whole transaction).
import type { QueryResultRow } from "pg";
import type { FlowTxStore } from "../../domain/flow-store.js";
import { flowFrom, flowValues, summaryFrom, type FlowRow } from "../flow-rows.js";
import { pgFlowRuns } from "./flow-runs.js";

type Query = <R extends QueryResultRow>(name: string | undefined, text: string, values: unknown[]) => Promise<{ rows: R[]; rowCount: number | null }>;

const UNIQUE_VIOLATION = "23505";

export function pgFlows(q: Query): FlowTxStore {
  return {
    ...pgFlowRuns((name, text, values) => q(name, text, values)),
    async insertFlow(f) {
      const r = await q("cc_flowInsert", `INSERT INTO contact_flows (account_id, instance_id, id, name, type, state, status, data, saved_content, published_content)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`, flowValues(f));
      return r.rowCount === 1;
    },
    async flow(accountId, instanceId, id) {
      const { rows } = await q<FlowRow>("cc_flow", "SELECT * FROM contact_flows WHERE account_id = $1 AND instance_id = $2 AND id = $3", [accountId, instanceId, id]);
      return rows[0] ? flowFrom(rows[0]) : undefined;
    },
    async updateFlow(f) {
      await q(undefined, "SAVEPOINT cc_flow_update", []);
      try {
        const r = await q("cc_flowUpdate", `UPDATE contact_flows SET name = $4, type = $5, state = $6, status = $7, data = $8, saved_content = $9, published_content = $10
          WHERE account_id = $1 AND instance_id = $2 AND id = $3`, flowValues(f));
        await q(undefined, "RELEASE SAVEPOINT cc_flow_update", []);
        return r.rowCount === 1;
      } catch (e) {
        if ((e as { code?: string }).code !== UNIQUE_VIOLATION) throw e;
        await q(undefined, "ROLLBACK TO SAVEPOINT cc_flow_update", []);
        return false;
      }
    },
    async flowIdByName(accountId, instanceId, name) {
      const { rows } = await q<{ id: string }>("cc_flowByName", "SELECT id FROM contact_flows WHERE account_id = $1 AND instance_id = $2 AND name = $3", [accountId, instanceId, name]);
      return rows[0]?.id;
    },
    async deleteFlow(accountId, instanceId, id) {
      const r = await q("cc_flowDelete", "DELETE FROM contact_flows WHERE account_id = $1 AND instance_id = $2 AND id = $3", [accountId, instanceId, id]);
      return r.rowCount === 1;
    },
    async listFlows(fq) {
      const { rows } = await q<FlowRow>("cc_flowList", `SELECT id, name, type, state, status, data FROM contact_flows
        WHERE account_id = $1 AND instance_id = $2 AND id > $3 AND ($4::text[] IS NULL OR type = ANY($4::text[]))
        ORDER BY id LIMIT $5`, [fq.accountId, fq.instanceId, fq.afterId ?? "", fq.types?.length ? fq.types : null, fq.limit]);
      return rows.map(summaryFrom);
    },
  };
}
