// The flow engine: runs a contact's flow block by block as far as it can without waiting, then parks the run on a
// wait (customer input, a timer, a Lambda call). Everything it changes is in the run and the contact it is given;
// the domain (src/domain/flow-runs.ts) stores both in the transaction that produced the blocks' items, so a crash
// replays at most the step whose effects did not commit.
import type { Operator } from "./model.js";
import { indexFlow, type FlowAction, type IndexedFlow } from "./model.js";
import { resolveParams, type FlowData } from "./jsonpath.js";
import { validateFlow } from "./validate.js";
import { handlerOf } from "./actions/index.js";
import type { FlowHost, Outcome, ResumeEvent } from "./actions/types.js";
import type { FlowLogLine, FlowRun } from "./run.js";

/** A published flow ready to run: its id, name, content checksum and indexed actions. */
export interface LoadedFlow {
  id: string;
  name: string;
  sha: string;
  flow: IndexedFlow;
}

/** Where TransferToFlow finds flows (configured first, then stored; published and active only). */
export interface FlowSource {
  load(id: string): Promise<LoadedFlow | undefined>;
}

const NO_PARAMS: Record<string, unknown> = Object.freeze({});

/** Blocks one advance may run without waiting: more is a loop that never waits, and the flow ends. */
export const MAX_BLOCKS_PER_ADVANCE = 1000;

const compiledBySha = new Map<string, IndexedFlow>();
/** Parses and indexes a published content once per checksum (a new chat costs a map lookup, not a parse). */
export function compile(sha: string, content: string): IndexedFlow {
  const hit = compiledBySha.get(sha);
  if (hit) return hit;
  const v = validateFlow(content);
  if (!v.ok) throw new Error(`published flow ${sha} does not validate: ${v.problems[0]?.message}`);
  const flow = indexFlow(v.flow);
  if (compiledBySha.size >= 1000) compiledBySha.delete(compiledBySha.keys().next().value!);
  compiledBySha.set(sha, flow);
  return flow;
}

export function newRun(host: FlowHost, flow: LoadedFlow, systemParticipantId: string, logging: boolean): FlowRun {
  const now = host.now();
  const c = host.chat;
  return {
    contactId: c.id,
    accountId: c.accountId,
    instanceId: c.instanceId,
    flowId: flow.id,
    sha: flow.sha,
    action: flow.flow.start.Identifier,
    step: 0,
    state: "running",
    external: {},
    loops: {},
    logging,
    attributeWrites: {},
    systemParticipantId,
    startedAt: now,
    updatedAt: now,
  };
}

/** The contact data JSONPath references read. */
export function flowData(host: Pick<FlowHost, "chat" | "region">, run: FlowRun): FlowData {
  const c = host.chat;
  const instanceArn = `arn:aws:connect:${host.region}:${c.accountId}:instance/${c.instanceId}`;
  const queueId = c.queue?.id ?? run.targetQueue;
  const queueName = queueId !== undefined && queueId === run.targetQueue ? (run.targetQueueName ?? queueId) : queueId;
  return {
    Attributes: c.attributes,
    External: run.external,
    Channel: "CHAT",
    ContactId: c.id,
    InitialContactId: c.initialContactId,
    InstanceARN: instanceArn,
    InitiationMethod: c.initiationMethod,
    Name: "",
    StoredCustomerInput: run.storedInput,
    CustomerEndpoint: c.identity ? { Address: c.identity.sourceId, Type: "TELEPHONE_NUMBER" } : undefined,
    SystemEndpoint: c.identity ? { Address: c.identity.destinationId, Type: "TELEPHONE_NUMBER" } : undefined,
    Queue: queueId ? { Id: queueId, Name: queueName, ARN: `${instanceArn}/queue/${queueId}` } : undefined,
    SegmentAttributes: segmentData(c.subtype, run.previousContactId),
  };
}

/** connect:Subtype, and our extension's connect-chat:PreviousContactId (a returning customer's last ended chat). */
function segmentData(subtype: string | undefined, previous: string | undefined): FlowData | undefined {
  if (!subtype && !previous) return undefined;
  return { ...(subtype ? { "connect:Subtype": subtype } : {}), ...(previous ? { "connect-chat:PreviousContactId": previous } : {}) };
}

const num = (s: string) => (s.trim() === "" ? NaN : Number(s));
/** A condition's test of a value: text operators compare as written, number operators as numbers (NaN: false). */
export function test(op: Operator, value: string, operand: string): boolean {
  switch (op) {
    case "Equals":
      return value === operand || (!Number.isNaN(num(value)) && num(value) === num(operand));
    case "TextContains":
      return value.includes(operand);
    case "TextStartsWith":
      return value.startsWith(operand);
    case "TextEndsWith":
      return value.endsWith(operand);
    case "NumberGreaterThan":
      return num(value) > num(operand);
    case "NumberLessThan":
      return num(value) < num(operand);
    case "NumberGreaterOrEqualTo":
      return num(value) >= num(operand);
    case "NumberLessOrEqualTo":
      return num(value) <= num(operand);
  }
}

/** The next action an outcome leads to, and the error branch taken if any; no action: the flow ends there. */
function pick(a: FlowAction, out: Outcome): { next?: string; error?: string } {
  const t = a.Transitions ?? {};
  const branch = (type: string) => {
    const e = t.Errors?.find((x) => x.ErrorType === type) ?? t.Errors?.find((x) => x.ErrorType === "NoMatchingError");
    return { next: e?.NextAction, error: type };
  };
  if ("error" in out) return branch(out.error);
  if ("value" in out) {
    const conds = t.Conditions ?? [];
    const hit = conds.find((c) => c.Condition.Operands.some((o) => test(c.Condition.Operator, out.value, String(o))));
    if (hit) return { next: hit.NextAction };
    return conds.length === 0 ? { next: t.NextAction } : branch("NoMatchingCondition");
  }
  return { next: t.NextAction };
}

/** Runs the contact's flow from its current action (resuming it with `ev` when it was parked) until it parks or ends. */
export async function advance(host: FlowHost, source: FlowSource, run: FlowRun, start: LoadedFlow, ev?: ResumeEvent): Promise<FlowLogLine[]> {
  const logs: FlowLogLine[] = [];
  let flow = start;
  let pending = ev;
  let lookedUp = false;
  const line = (a: FlowAction, params: Record<string, unknown>, extra: Partial<FlowLogLine>) => {
    if (!run.logging) return;
    logs.push({
      Timestamp: new Date(host.now()).toISOString(),
      ContactId: run.contactId,
      ContactFlowId: flow.id,
      ContactFlowName: flow.name,
      Identifier: a.Identifier,
      ContactFlowModuleType: a.Type,
      Parameters: params,
      ...extra,
    });
  };
  for (let n = 0; ; n++) {
    const action = flow.flow.actions.get(run.action);
    if (!action || n >= MAX_BLOCKS_PER_ADVANCE) {
      await finish(host, run, "end", action ? `more than ${MAX_BLOCKS_PER_ADVANCE} blocks ran without waiting` : `no action '${run.action}'`);
      return logs;
    }
    const handler = handlerOf(action.Type);
    if (flow.flow.readsSegments && !lookedUp && run.previousContactId === undefined && host.previousContact) {
      lookedUp = true;
      run.previousContactId = await host.previousContact();
    }
    const params = (flow.flow.dynamic.has(action.Identifier) ? resolveParams(action.Parameters ?? {}, flowData(host, run)) : (action.Parameters ?? NO_PARAMS)) as Record<string, unknown>;
    const ctx = { host, run, action, params, designerQueue: flow.flow.queueNames.get(action.Identifier) };
    const resumed = pending !== undefined;
    let out: Outcome;
    // Most handlers answer at once: only a promise is awaited (a microtask per block otherwise).
    const got = pending ? (handler.resume ? handler.resume(ctx, pending) : { error: "NoMatchingError", why: `${action.Type} does not wait` }) : handler.run(ctx);
    out = got instanceof Promise ? await got : got;
    pending = undefined;
    if ("park" in out) {
      const again = resumed && out.park === run.wait;
      run.state = "waiting";
      run.wait = out.park;
      if (out.park.kind === "input" || (out.park.kind === "wait" && (out.park.events?.length ?? 0) > 0)) host.chat.flowWaiting = true;
      else delete host.chat.flowWaiting;
      if (!again) line(action, params, { Results: `waiting (${out.park.kind}${out.park.dueAt !== undefined ? ` until ${new Date(out.park.dueAt).toISOString()}` : ""})` });
      return logs;
    }
    run.step++;
    run.state = "running";
    // Deleting a property the object lacks still costs a runtime call, on every block.
    if (run.wait !== undefined) delete run.wait;
    if (host.chat.flowWaiting !== undefined) delete host.chat.flowWaiting;
    if ("end" in out) {
      line(action, params, { Results: out.end === "disconnect" ? "disconnected" : "flow ended" });
      await finish(host, run, out.end, `${action.Type} '${action.Identifier}'`);
      return logs;
    }
    if ("flow" in out) {
      const next = await source.load(out.flow);
      if (next) {
        line(action, params, { Results: `transferred to flow ${next.id}`, NextAction: next.flow.start.Identifier });
        flow = next;
        run.flowId = next.id;
        run.sha = next.sha;
        run.action = next.flow.start.Identifier;
        continue;
      }
      out = { error: "NoMatchingError", why: `flow '${out.flow}' was not found, is not published or is archived` };
    }
    const to = pick(action, out);
    // Built only when logging: the spreads cost more than the rest of the block's bookkeeping.
    if (run.logging)
      line(action, params, {
        ...("value" in out ? { Results: out.value } : "next" in out && out.result ? { Results: out.result } : {}),
        ...(action.Type === "InvokeLambdaFunction" && "next" in out ? { ExternalResults: run.external } : {}),
        ...(to.error ? { Error: to.error } : {}),
        ...("why" in out ? { Why: out.why } : {}),
        ...(to.next ? { NextAction: to.next } : {}),
      });
    if (!to.next) {
      await finish(host, run, "end", to.error ? `${action.Type} '${action.Identifier}' took ${to.error} and the flow has no branch for it` : `${action.Type} '${action.Identifier}' has no next action`);
      return logs;
    }
    run.action = to.next;
  }
}

/** The run ends; the chat too on a disconnect, or when the flow ends before the contact was queued (as Connect). */
async function finish(host: FlowHost, run: FlowRun, how: "disconnect" | "end", why: string) {
  run.state = "ended";
  run.endedBy = why;
  delete run.wait;
  delete host.chat.flowWaiting;
  if (host.chat.state === "ACTIVE" && (how === "disconnect" || !host.chat.queue)) await host.disconnect();
}
