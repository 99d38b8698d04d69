// The Amazon Connect Flow language (Version "2019-10-30") as TypeScript types, and the indexed form a flow engine
// walks. Pure TypeScript: the domain and the config loader use it; nothing here touches I/O.

/** The only Version the flow language has. */
export const FLOW_LANGUAGE_VERSION = "2019-10-30";
/** Connect's limit on actions per flow. */
export const MAX_ACTIONS = 250;
/** CreateContactFlow's Content limit (characters). */
export const MAX_CONTENT_CHARS = 256_000;

/** Comparison operators of Conditions (Compare, GetParticipantInput, Wait, CheckHoursOfOperation, …). */
export const OPERATORS = [
  "Equals",
  "TextContains",
  "TextStartsWith",
  "TextEndsWith",
  "NumberGreaterThan",
  "NumberLessThan",
  "NumberGreaterOrEqualTo",
  "NumberLessOrEqualTo",
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Condition {
  Operator: Operator;
  Operands: string[];
}

export interface ConditionTransition {
  NextAction: string;
  Condition: Condition;
}

export interface ErrorTransition {
  NextAction: string;
  /** NoMatchingError, NoMatchingCondition, InputTimeLimitExceeded, QueueAtCapacity, … (per action type). */
  ErrorType: string;
}

export interface Transitions {
  NextAction?: string;
  Conditions?: ConditionTransition[];
  Errors?: ErrorTransition[];
}

export interface FlowAction {
  /** Unique in the flow; a UUID from the designer or any friendly name ("Welcome"). */
  Identifier: string;
  Type: string;
  /**
   * Static values or JSONPath references ("$.Attributes.x"). After validation, parameter names are canonical
   * (the spelling real exports use: TimeLimitSeconds, InputTimeLimitSeconds, LexInitializationData) and number
   * parameters given as strings ("900") are numbers; JSONPath values stay strings.
   */
  Parameters: Record<string, unknown>;
  /** Terminal actions have `{}`. */
  Transitions: Transitions;
}

export interface FlowContent {
  Version: typeof FLOW_LANGUAGE_VERSION;
  StartAction: string;
  /** Free-form; the designer keeps block positions here. Carried, never interpreted. */
  Metadata?: Record<string, unknown>;
  Actions: FlowAction[];
}

/** One entry of InvalidContactFlowException's `problems` (ProblemDetail: message, 1–256 characters). */
export interface Problem {
  message: string;
}

/** A validated flow ready to run: actions by Identifier, so each step is one map lookup. */
export interface IndexedFlow {
  start: FlowAction;
  actions: ReadonlyMap<string, FlowAction>;
  /**
   * The queue name the designer recorded for an action (Metadata.ActionMetadata[Identifier].queue.text in exports),
   * by Identifier: a configured flow exported from another instance finds its queues by these names (refs.ts).
   */
  queueNames: ReadonlyMap<string, string>;
  /**
   * Identifiers of the actions whose parameters hold a `$.` reference: only these are resolved per block; every other
   * action's parameters are used as compiled (deep-frozen, so no handler can change the shared copy).
   */
  dynamic: ReadonlySet<string>;
  /**
   * Whether the flow reads $.SegmentAttributes (the only place the customer's previous chat shows): the lookup of
   * that chat is made for the flows that can see it, not for every new chat.
   */
  readsSegments: boolean;
}

/** Indexes a flow the validator accepted (every transition names an existing action). */
export function indexFlow(flow: FlowContent): IndexedFlow {
  const actions = new Map(flow.Actions.map((a) => [a.Identifier, a] as const));
  const start = actions.get(flow.StartAction);
  if (!start) throw new Error(`StartAction '${flow.StartAction}' names no action (validate the flow first)`);
  const dynamic = new Set<string>();
  for (const a of flow.Actions) {
    deepFreeze(a);
    if (a.Parameters && JSON.stringify(a.Parameters).includes("$.")) dynamic.add(a.Identifier);
  }
  const readsSegments = flow.Actions.some((a) => a.Parameters !== undefined && JSON.stringify(a.Parameters).includes("$.SegmentAttributes"));
  return { start, actions, queueNames: designerQueueNames(flow.Metadata), dynamic, readsSegments };
}

function deepFreeze(v: unknown): void {
  if (v === null || typeof v !== "object" || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const x of Object.values(v)) deepFreeze(x);
}

/** Metadata.ActionMetadata[id].queue.text of every action that has one (the designer's queue picker). */
function designerQueueNames(meta: Record<string, unknown> | undefined): Map<string, string> {
  const names = new Map<string, string>();
  const byAction = meta?.ActionMetadata;
  if (typeof byAction !== "object" || byAction === null) return names;
  for (const [id, m] of Object.entries(byAction as Record<string, unknown>)) {
    const text = (m as { queue?: { text?: unknown } } | null)?.queue?.text;
    if (typeof text === "string" && text !== "") names.set(id, text);
  }
  return names;
}

/** Whether a parameter value is a JSONPath reference to flow data rather than a static value. */
export const isJsonPath = (v: unknown): v is string => typeof v === "string" && v.startsWith("$.");
