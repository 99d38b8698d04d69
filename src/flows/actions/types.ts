// What an action handler gets and returns: the engine (engine.ts) resolves parameters, calls the handler, and
// turns its outcome into the next action through the action's Transitions.
import type { Contact } from "../../domain/types.js";
import type { HoursSlice } from "../../routing/types.js";
import type { FlowAction } from "../model.js";
import type { FlowRun, WaitKind } from "../run.js";

/** What the engine needs from the contact's side: the domain implements it inside one transaction. */
export interface FlowHost {
  /** The contact, changed in place (attributes, queue, settings); the domain writes it back once. */
  readonly chat: Contact;
  now(): number;
  region: string;
  /** A SYSTEM message in the transcript (pushed, streamed and, on SMS chats, sent like any item). */
  systemMessage(run: FlowRun, text: string): Promise<void>;
  /** Ends the chat as a flow's disconnect. */
  disconnect(): Promise<void>;
  /** Whether a Lambda endpoint is configured (InvokeLambdaFunction takes its error branch otherwise). */
  lambda: boolean;
  /**
   * Puts the contact in a queue for routing, in the flow's transaction: "capacity" when the queue is disabled or
   * full (QueueAtCapacity), "unknown" when the instance has no such queue (the queue is only recorded). Absent: none.
   */
  enqueue?(queueId: string, priority?: number, adjustSeconds?: number): Promise<"queued" | "capacity" | "unknown">;
  /**
   * Moves the contact's waiting routing row to another queue (DequeueContactAndTransferToQueue), in the flow's
   * transaction: "not-queued" when no row waits (an agent has the chat). Absent: no routing (the queue is only recorded).
   */
  requeue?(queueId: string): Promise<"queued" | "capacity" | "unknown" | "not-queued">;
  /** The queue of the contact's instance with this id (undefined: none). */
  queue(id: string): Promise<FlowQueue | undefined>;
  /** The queue of the contact's instance with this name: configured flows only (refs.ts says why). */
  queueNamed(name: string): Promise<FlowQueue | undefined>;
  /** Hours of operation of the contact's instance with this id. */
  hours(id: string): Promise<FlowHours | undefined>;
  /** Whether the contact's instance has this agent (user id): an agent's queue. */
  agent(id: string): Promise<boolean>;
  /** Whether flow `flowId` of the contact's instance comes from the configuration file. */
  configured(flowId: string): boolean;
  /**
   * Makes the chat continue an ended one (CreatePersistentContactAssociation), in the flow's transaction:
   * the contact continued from, or why not (Connect's persistent-chat rules). Absent: not available.
   */
  persist?(rehydrationType: string, sourceContactId: string): Promise<{ continuedFromContactId: string } | { why: string }>;
  /**
   * The customer's last ended chat (its initial contact id) for $.SegmentAttributes['connect-chat:PreviousContactId']:
   * asked for only by flows that read segment attributes, once per run. Absent or undefined: none.
   */
  previousContact?(): Promise<string | undefined>;
}

/** A queue as flows see it. */
export interface FlowQueue {
  id: string;
  name: string;
  hoursOfOperationId: string;
}

/** Hours of operation as CheckHoursOfOperation reads them. */
export interface FlowHours {
  timeZone: string;
  config: readonly HoursSlice[];
}

/** What resumes a parked action. */
export type ResumeEvent =
  | { type: "input"; text: string }
  | { type: "timeout" }
  | { type: "event"; name: "BotParticipantDisconnected" }
  | { type: "lambda"; ok: true; result: Record<string, unknown> }
  | { type: "lambda"; ok: false; why: string };

export type Outcome =
  /** Transitions.NextAction. */
  | { next: true; result?: string }
  /** A value the action's Conditions are checked against (NoMatchingCondition when none match). */
  | { value: string }
  /** An error branch (NoMatchingError when the action has no branch of this type). */
  | { error: string; why: string }
  /** Wait: the run parks until a ResumeEvent (or `dueAt`, when set, as a timeout). */
  | { park: { kind: WaitKind; events?: string[]; dueAt?: number } }
  /** The flow ends here; `disconnect`: the chat ends too (otherwise it ends only when not queued). */
  | { end: "disconnect" | "end" }
  /** TransferToFlow. */
  | { flow: string };

export interface ActionCtx {
  host: FlowHost;
  run: FlowRun;
  action: FlowAction;
  /** The queue name the designer recorded for this action (exports' Metadata), if any. */
  designerQueue?: string;
  /** Parameters after JSONPath substitution. */
  params: Record<string, unknown>;
}

export interface ActionHandler {
  run(ctx: ActionCtx): Outcome | Promise<Outcome>;
  /** How a parked action goes on; absent: the action never parks. */
  resume?(ctx: ActionCtx, ev: ResumeEvent): Outcome | Promise<Outcome>;
}
