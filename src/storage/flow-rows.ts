// Row ⇄ record mapping of contact_flows, shared by the SQL adapters: indexed columns, contents in their own
// columns, the rest of the record as JSON in `data`.
import type { FlowRecord, FlowSummary } from "../domain/flow-store.js";

export interface FlowRow {
  id: string;
  name: string;
  type: string;
  state: string;
  status: string;
  data: string;
  saved_content?: string;
  published_content?: string | null;
}

/** Column values in table order: account_id, instance_id, id, name, type, state, status, data, saved_content, published_content. */
export function flowValues(f: FlowRecord): unknown[] {
  const { savedContent, publishedContent, fromConfig: _, ...rest } = f;
  return [f.accountId, f.instanceId, f.id, f.name, f.type, f.state, f.status, JSON.stringify(rest), savedContent, publishedContent ?? null];
}

export function flowFrom(row: FlowRow): FlowRecord {
  const rest = JSON.parse(row.data) as Omit<FlowRecord, "savedContent" | "publishedContent">;
  return {
    ...rest,
    name: row.name,
    type: row.type,
    state: row.state as FlowRecord["state"],
    status: row.status as FlowRecord["status"],
    savedContent: row.saved_content ?? "",
    ...(row.published_content != null ? { publishedContent: row.published_content } : {}),
  };
}

export function summaryFrom(row: FlowRow): FlowSummary {
  const { arn } = JSON.parse(row.data) as { arn: string };
  return { id: row.id, arn, name: row.name, type: row.type, state: row.state as FlowSummary["state"], status: row.status as FlowSummary["status"] };
}
