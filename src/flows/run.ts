// A contact's flow run as the store keeps it (flow_runs.data), its timer (flow_timers) and a flow log line: the
// durable state of the engine. Pure types and constructors; the engine (engine.ts) changes them, the domain stores them.

/** What a parked run waits for. `input`: GetParticipantInput; `wait`: Wait; `lambda`: an InvokeLambdaFunction call. */
export type WaitKind = "input" | "wait" | "lambda";

export interface FlowRun {
  contactId: string;
  accountId: string;
  instanceId: string;
  /** The flow running now (TransferToFlow changes it) and the checksum of the content pinned when it started. */
  flowId: string;
  sha: string;
  /** Identifier of the action to run next, or the one the run is parked on. */
  action: string;
  /** Blocks executed so far: a timer row names the step it belongs to, so a stale timer does nothing. */
  step: number;
  state: "running" | "waiting" | "ended";
  wait?: { kind: WaitKind; events?: string[]; dueAt?: number };
  /** $.External: the last Lambda function's answer. */
  external: Record<string, unknown>;
  /** $.StoredCustomerInput */
  storedInput?: string;
  /** Loop counters by the Loop action's Identifier. */
  loops: Record<string, number>;
  /** UpdateContactTargetQueue's queue (a queue id of the instance, or agent:<user id>), used by TransferContactToQueue. */
  targetQueue?: string;
  /** The target queue's name ($.Queue.Name). */
  targetQueueName?: string;
  /** UpdateFlowLoggingBehavior (or the config switch): one flow log line per block. */
  logging: boolean;
  /** The contact attributes this run wrote, in order (what UpdateContactAttributes blocks set). */
  attributeWrites: Record<string, string>;
  /** The customer's last ended chat when the run started (SMS / integration chats): $.SegmentAttributes['connect-chat:PreviousContactId']. */
  previousContactId?: string;
  /** ParticipantId of the run's SYSTEM messages. */
  systemParticipantId: string;
  /** Why the run ended (the flow log says it too). */
  endedBy?: string;
  startedAt: number;
  updatedAt: number;
}

/** A row of flow_timers: due at `dueAt` (a Wait or input timeout, or the lease of a Lambda call in flight). */
export interface FlowTimer {
  contactId: string;
  kind: WaitKind;
  step: number;
  dueAt: number;
  /** Times the row was leased (a Lambda call retried after a crash counts again). */
  attempts: number;
}

/** One line of a contact's flow log (what Connect writes to CloudWatch per block). */
export interface FlowLogLine {
  Timestamp: string;
  ContactId: string;
  ContactFlowId: string;
  ContactFlowName?: string;
  Identifier: string;
  ContactFlowModuleType: string;
  Parameters: Record<string, unknown>;
  Results?: string;
  ExternalResults?: Record<string, unknown>;
  Error?: string;
  Why?: string;
  NextAction?: string;
}

/** At most this many log lines are kept per contact (the oldest go first). */
export const FLOW_LOG_LIMIT = 500;
