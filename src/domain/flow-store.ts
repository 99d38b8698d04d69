// Contact flows as the domain stores them, and the storage port for them (TxStore extends FlowTxStore). Kept apart
// from the chat rows: no chat operation reads or writes these, so flows cost the event path nothing.
import type { FlowRun, FlowTimer } from "../flows/run.js";

export type FlowState = "ACTIVE" | "ARCHIVED";
export type FlowStatus = "PUBLISHED" | "SAVED";

/**
 * One flow of an instance. Content is kept as the caller sent it (DescribeContactFlow returns it unchanged); an
 * engine parses the published content with src/flows/validate.ts and may cache it by `publishedSha256`.
 */
export interface FlowRecord {
  accountId: string;
  instanceId: string;
  id: string;
  arn: string;
  name: string;
  description?: string;
  /** ContactFlowType: CONTACT_FLOW, CUSTOMER_QUEUE, … */
  type: string;
  state: FlowState;
  /** PUBLISHED once any content was published (it can run); SAVED while only saved content exists. */
  status: FlowStatus;
  /** The content of the last save or publish: what `:$SAVED` shows. */
  savedContent: string;
  /** The content that runs (and DescribeContactFlow shows); absent until the first publish. */
  publishedContent?: string;
  /** FlowContentSha256 of publishedContent (hex). */
  publishedSha256?: string;
  tags: Record<string, string>;
  createdAt: number;
  lastModifiedAt: number;
  lastModifiedRegion: string;
  /** Defined in the configuration file: read-only through the API, never stored. */
  fromConfig?: boolean;
}

/** What ListContactFlows shows of a flow (no content: a page of 1,000 flows must not read 256 MB). */
export type FlowSummary = Pick<FlowRecord, "id" | "arn" | "name" | "type" | "state" | "status">;

export interface FlowQuery {
  accountId: string;
  instanceId: string;
  /** ContactFlowTypes filter; absent or empty: every type. */
  types?: readonly string[];
  /** Keyset: flows whose id sorts after this one (binary order). */
  afterId?: string;
  limit: number;
}

/** The flow engine's rows (flow_runs, flow_timers, flow_versions, flow_logs): see src/flows/run.ts. */
export interface FlowRunTxStore {
  /** Inserts or replaces the contact's run. */
  saveRun(run: FlowRun): Promise<void>;
  /** The contact's run; on PostgreSQL its row stays locked (FOR UPDATE) until the transaction ends: one node advances a contact at a time. */
  run(contactId: string): Promise<FlowRun | undefined>;
  /** Inserts or replaces the contact's timer (a run waits on one thing at a time). */
  setTimer(t: FlowTimer): Promise<void>;
  clearTimer(contactId: string): Promise<void>;
  /** Due timers (oldest first), leased: their due_at moves to `leaseUntil` and attempts grows, so no other loop takes them meanwhile (SKIP LOCKED on PostgreSQL). */
  claimTimers(now: number, leaseUntil: number, limit: number): Promise<FlowTimer[]>;
  /** Keeps a published content by checksum (a running contact keeps its version after a new publish). */
  putFlowVersion(sha256: string, content: string): Promise<void>;
  flowVersion(sha256: string): Promise<string | undefined>;
  /** Appends flow log lines (JSON) and drops the contact's oldest beyond `keep`. */
  appendFlowLog(contactId: string, lines: string[], keep: number): Promise<void>;
  /** The contact's flow log lines, oldest first. */
  flowLog(contactId: string): Promise<string[]>;
  /** Waiting runs by what they wait on (their timer's kind): how many, and how many are past due (for /metrics). */
  flowTimerStats(now: number): Promise<FlowTimerStats[]>;
}

export interface FlowTimerStats {
  kind: string;
  pending: number;
  overdue: number;
}

export interface FlowTxStore extends FlowRunTxStore {
  /** Inserts the flow unless its instance already has a flow of that name (unique index); false on conflict. */
  insertFlow(flow: FlowRecord): Promise<boolean>;
  flow(accountId: string, instanceId: string, id: string): Promise<FlowRecord | undefined>;
  /** Writes the flow back whole; false (and nothing written) when the new name is another flow's. */
  updateFlow(flow: FlowRecord): Promise<boolean>;
  /** The id of the instance's flow with this name, if any. */
  flowIdByName(accountId: string, instanceId: string, name: string): Promise<string | undefined>;
  deleteFlow(accountId: string, instanceId: string, id: string): Promise<boolean>;
  /** Flows of an instance in id order (binary), after the keyset, at most `limit`. */
  listFlows(q: FlowQuery): Promise<FlowSummary[]>;
}

/** Flows from the configuration file, by instance: in memory, read-only (see src/config.ts). */
export interface ConfigFlows {
  /** The instance's configured flows, sorted by id. */
  list(accountId: string, instanceId: string): readonly FlowRecord[];
  get(accountId: string, instanceId: string, id: string): FlowRecord | undefined;
}
