// Row ⇄ record mapping of the flow engine's tables (flow_runs, flow_timers), shared by the SQL adapters.
import type { FlowRun, FlowTimer } from "../flows/run.js";

export interface TimerRow {
  contact_id: string;
  kind: string;
  step: number | string;
  due_at: number | string;
  attempts: number | string;
}

export const timerFrom = (r: TimerRow): FlowTimer => ({ contactId: r.contact_id, kind: r.kind as FlowTimer["kind"], step: Number(r.step), dueAt: Number(r.due_at), attempts: Number(r.attempts) });
export const runFrom = (r: { data: string }): FlowRun => JSON.parse(r.data) as FlowRun;
