// Validates flow-language content and returns Connect's `problems` list (InvalidContactFlowException), one entry per
// problem, or the flow normalized for an engine. Messages start as Connect's do ("Invalid Action property value.
// Path: Actions[1].Transitions.NextAction", seen in CloudTrail records of real refusals) and then name the action's
// Identifier and say what is wrong, since Connect's own text names neither.
import { ACTIONS, type ActionSpec } from "./catalog.js";
import { put } from "./kinds.js";
import { FLOW_LANGUAGE_VERSION, MAX_ACTIONS, OPERATORS, type FlowAction, type FlowContent, type Problem, type Transitions } from "./model.js";

export type Validation = { ok: true; flow: FlowContent } | { ok: false; problems: Problem[] };

/** ProblemDetail.message is 1–256 characters; Problems has at most 50 members (the Connect model). */
const MAX_MESSAGE = 256;
const MAX_PROBLEMS = 50;
const MAX_IDENTIFIER = 50;
const FORBIDDEN_IN_IDENTIFIER = /[%:()\\/=$,;[\]{}]/;
const RESERVED_IDENTIFIERS = new Set(Object.getOwnPropertyNames(Object.prototype).concat("prototype"));

export const LEGACY_FORMAT =
  "This is the legacy flow designer's export ({\"modules\": ...}); the API takes only Flow language JSON (Version 2019-10-30). " +
  "Open the flow in the current flow designer and export it again, or read it with DescribeContactFlow.";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const short = (v: unknown) => {
  const s = typeof v === "string" ? v : JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

class Problems {
  readonly list: Problem[] = [];
  add(kind: string, path: string | undefined, detail: string) {
    if (this.list.length >= MAX_PROBLEMS) return;
    const m = `${kind}.${path ? ` Path: ${path}.` : ""} ${detail}`;
    this.list.push({ message: m.length > MAX_MESSAGE ? `${m.slice(0, MAX_MESSAGE - 3)}...` : m });
  }
}

/** Parses and validates a Content string (CreateContactFlow, UpdateContactFlowContent, a config file's flow). */
export function validateFlow(content: string): Validation {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch (e) {
    const p = new Problems();
    p.add("Invalid flow content", undefined, `The content is not valid JSON: ${(e as Error).message}`);
    return { ok: false, problems: p.list };
  }
  return validateFlowObject(raw);
}

export function validateFlowObject(raw: unknown): Validation {
  const p = new Problems();
  if (!isObject(raw)) {
    p.add("Invalid flow content", undefined, "The content must be a JSON object with Version, StartAction and Actions");
    return { ok: false, problems: p.list };
  }
  if ("modules" in raw && !("Actions" in raw)) {
    p.add("Legacy flow format", undefined, LEGACY_FORMAT);
    return { ok: false, problems: p.list };
  }
  if (raw.Version === undefined) p.add("Flow is missing required property", "Version", `The flow needs Version "${FLOW_LANGUAGE_VERSION}"`);
  else if (raw.Version !== FLOW_LANGUAGE_VERSION) p.add("Invalid flow property value", "Version", `Version ${short(raw.Version)} is not supported; the only Flow language version is "${FLOW_LANGUAGE_VERSION}"`);
  if (raw.Metadata !== undefined && !isObject(raw.Metadata)) p.add("Invalid flow property value", "Metadata", "Metadata must be an object");

  const actionsRaw = raw.Actions;
  let actions: unknown[] = [];
  if (actionsRaw === undefined) p.add("Flow is missing required property", "Actions", "The flow needs a list of Actions");
  else if (!Array.isArray(actionsRaw)) p.add("Invalid flow property value", "Actions", "Actions must be a list");
  else actions = actionsRaw;
  if (actions.length > MAX_ACTIONS) p.add("Invalid flow property value", "Actions", `The flow has ${actions.length} actions; a flow can have at most ${MAX_ACTIONS}`);

  // Identifiers first, so transitions to actions listed later are checked against the whole flow.
  const ids = new Map<string, number>();
  actions.forEach((a, i) => {
    const id = isObject(a) ? a.Identifier : undefined;
    if (typeof id !== "string") return;
    const first = ids.get(id);
    if (first === undefined) ids.set(id, i);
    else p.add("Duplicate Action identifier", `Actions[${i}].Identifier`, `Action '${short(id)}' has the same Identifier as Actions[${first}]; Identifiers must be unique`);
  });

  if (raw.StartAction === undefined) p.add("Flow is missing required property", "StartAction", "The flow needs a StartAction naming its first action");
  else if (typeof raw.StartAction !== "string" || !ids.has(raw.StartAction)) p.add("Invalid flow property value", "StartAction", `StartAction ${short(raw.StartAction)} is not the Identifier of any action`);

  const out = actions.map((a, i) => checkAction(a, i, ids, p));
  if (p.list.length) return { ok: false, problems: p.list };
  const flow: FlowContent = { Version: FLOW_LANGUAGE_VERSION, StartAction: raw.StartAction as string, Actions: out as FlowAction[] };
  if (raw.Metadata !== undefined) flow.Metadata = raw.Metadata as Record<string, unknown>;
  return { ok: true, flow };
}

function checkAction(a: unknown, i: number, ids: Map<string, number>, p: Problems): FlowAction | undefined {
  const at = `Actions[${i}]`;
  if (!isObject(a)) {
    p.add("Invalid Action", at, "Each action must be an object with Identifier, Type, Parameters and Transitions");
    return undefined;
  }
  const id = a.Identifier;
  const who = typeof id === "string" ? `Action '${short(id)}'` : `Action ${at}`;
  if (id === undefined) p.add("Action is missing required property", `${at}.Identifier`, `${who} needs an Identifier`);
  else if (typeof id !== "string" || id.length === 0) p.add("Invalid Action property value", `${at}.Identifier`, `${who}: Identifier must be a non-empty string`);
  else if (id.length > MAX_IDENTIFIER) p.add("Invalid Action property value", `${at}.Identifier`, `${who}: an Identifier has at most ${MAX_IDENTIFIER} characters, not ${id.length}`);
  else if (FORBIDDEN_IN_IDENTIFIER.test(id)) p.add("Invalid Action property value", `${at}.Identifier`, `${who}: an Identifier may not contain any of % : ( \\ / ) = $ , ; [ ] { }`);
  else if (RESERVED_IDENTIFIERS.has(id)) p.add("Invalid Action property value", `${at}.Identifier`, `${who}: '${id}' is a reserved name`);

  const type = a.Type;
  let spec: ActionSpec | undefined;
  if (type === undefined) p.add("Action is missing required property", `${at}.Type`, `${who} needs a Type`);
  else if (typeof type !== "string" || !Object.hasOwn(ACTIONS, type)) p.add("Invalid Action type", `${at}.Type`, `${who}: ${short(type)} is not an action type of the Flow language`);
  else spec = ACTIONS[type];
  const label = spec ? `${who} (${type})` : who;

  const parameters = checkParameters(a.Parameters, spec, `${at}.Parameters`, label, p);
  const transitions = checkTransitions(a.Transitions, spec, at, label, ids, p);
  checkCoverage(spec, parameters, transitions, `${at}.Transitions.Conditions`, label, p);
  return { Identifier: id as string, Type: type as string, Parameters: parameters, Transitions: transitions };
}

function checkParameters(raw: unknown, spec: ActionSpec | undefined, at: string, who: string, p: Problems): Record<string, unknown> {
  if (raw === undefined) raw = {}; // exports leave Parameters out of TransferContactToQueue
  if (!isObject(raw)) {
    p.add("Invalid Action property value", at, `${who}: Parameters must be an object`);
    return {};
  }
  const empty = emptyString(raw);
  if (empty !== undefined) p.add("Invalid Action property value", `${at}.${empty}`, `${who}: a parameter value may not be an empty string`);
  if (!spec) return raw;
  const out: Record<string, unknown> = {};
  const canonical = new Map<string, string>();
  for (const [name, ps] of Object.entries(spec.params)) for (const n of [name, ...(ps.aliases ?? [])]) canonical.set(n, name);
  for (const [given, value] of Object.entries(raw)) {
    const name = canonical.get(given);
    if (!name) {
      if (spec.closed) p.add("Invalid Action property name", `${at}.${given}`, `${who} has no parameter ${given}${listOf(spec)}`);
      else put(out, given, value);
      continue;
    }
    if (name in out) {
      p.add("Invalid Action property value", `${at}.${given}`, `${who}: ${given} and ${name} are the same parameter; give one`);
      continue;
    }
    const c = spec.params[name].kind(value);
    if (c.ok) put(out, name, c.value);
    else p.add("Invalid Action property value", `${at}.${given}`, `${who}: ${given} ${c.why}`);
  }
  for (const [name, ps] of Object.entries(spec.params))
    if (ps.required && !(name in out) && ![name, ...(ps.aliases ?? [])].some((n) => n in raw)) p.add("Action is missing required property", `${at}.${name}`, `${who} needs Parameters.${name}`);
  for (const group of spec.exactlyOne ?? []) {
    const given = group.filter((n) => n in raw);
    if (given.length === 0) p.add("Action is missing required property", `${at}.${group[0]}`, `${who} needs one of Parameters.${group.join(", ")}`);
    else if (given.length > 1) p.add("Invalid Action property value", `${at}.${given[1]}`, `${who} takes only one of ${group.join(", ")}, not ${given.join(" and ")}`);
  }
  for (const group of spec.atMostOne ?? []) {
    const given = group.filter((n) => n in raw);
    if (given.length > 1) p.add("Invalid Action property value", `${at}.${given[1]}`, `${who} takes at most one of ${group.join(", ")}, not ${given.join(" and ")}`);
  }
  return out;
}

const listOf = (spec: ActionSpec) => {
  const names = Object.keys(spec.params);
  return names.length ? ` (its parameters: ${names.join(", ")})` : " (it takes no parameters)";
};

/** The path (below Parameters) of the first empty string, if any: Connect refuses "" anywhere in Parameters. */
function emptyString(v: unknown, path = ""): string | undefined {
  if (v === "") return path;
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) {
      const r = emptyString(x, `${path}[${i}]`);
      if (r !== undefined) return r;
    }
  } else if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      const r = emptyString(x, path ? `${path}.${k}` : k);
      if (r !== undefined) return r;
    }
  }
  return undefined;
}

function checkTransitions(raw: unknown, spec: ActionSpec | undefined, at: string, who: string, ids: Map<string, number>, p: Problems): Transitions {
  const tp = `${at}.Transitions`;
  if (raw === undefined) raw = {};
  if (!isObject(raw)) {
    p.add("Invalid Action property value", tp, `${who}: Transitions must be an object`);
    return {};
  }
  const out: Transitions = {};
  const target = (v: unknown, path: string) => {
    if (typeof v !== "string") p.add("Invalid Action property value", path, `${who}: NextAction must be the Identifier of an action`);
    else if (!ids.has(v)) p.add("Invalid Action property value", path, `${who}: no action has the Identifier '${short(v)}'`);
  };
  if (raw.NextAction !== undefined) {
    if (spec?.next === "none") p.add("Invalid Action property value", `${tp}.NextAction`, `${who} ends the flow and takes no NextAction`);
    else target(raw.NextAction, `${tp}.NextAction`);
    out.NextAction = raw.NextAction as string;
  } else if (spec?.next === "required") p.add("Action is missing required property", `${tp}.NextAction`, `${who} needs Transitions.NextAction`);

  if (raw.Conditions !== undefined) {
    if (!Array.isArray(raw.Conditions)) p.add("Invalid Action property value", `${tp}.Conditions`, `${who}: Conditions must be a list`);
    else {
      if (raw.Conditions.length && spec?.conditions === "none") p.add("Invalid Action property value", `${tp}.Conditions`, `${who} takes no Conditions`);
      raw.Conditions.forEach((c, j) => checkCondition(c, `${tp}.Conditions[${j}]`, spec, who, target, p));
      out.Conditions = raw.Conditions as Transitions["Conditions"];
    }
  }
  if (raw.Errors !== undefined) {
    if (!Array.isArray(raw.Errors)) p.add("Invalid Action property value", `${tp}.Errors`, `${who}: Errors must be a list`);
    else {
      raw.Errors.forEach((e, j) => {
        const ep = `${tp}.Errors[${j}]`;
        if (!isObject(e)) return p.add("Invalid Action property value", ep, `${who}: an error branch is an object with ErrorType and NextAction`);
        target(e.NextAction, `${ep}.NextAction`);
        const allowed = spec?.errors;
        if (typeof e.ErrorType !== "string") p.add("Action is missing required property", `${ep}.ErrorType`, `${who}: an error branch needs an ErrorType`);
        else if (allowed && !allowed.includes(e.ErrorType))
          p.add("Invalid Action error", undefined, `Error: ${short(e.ErrorType)}, Path: ${at}. ${who} has no error branch ${short(e.ErrorType)}; it takes ${allowed.join(", ")}`);
      });
      out.Errors = raw.Errors as Transitions["Errors"];
    }
  }
  return out;
}

function checkCondition(c: unknown, path: string, spec: ActionSpec | undefined, who: string, target: (v: unknown, path: string) => void, p: Problems) {
  if (!isObject(c) || !isObject(c.Condition)) return p.add("Invalid Action property value", path, `${who}: a condition is an object with NextAction and Condition {Operator, Operands}`);
  target(c.NextAction, `${path}.NextAction`);
  const { Operator: op, Operands: operands } = c.Condition;
  const rule = spec?.conditions === "none" ? undefined : spec?.conditions;
  const operators: readonly string[] = rule?.operators ?? OPERATORS;
  if (typeof op !== "string" || !operators.includes(op)) {
    const which = operators.length === OPERATORS.length ? "a Flow language comparison operator" : `one of ${operators.join(", ")}`;
    p.add("Invalid Action property value", `${path}.Condition.Operator`, `${who}: Operator ${short(op)} is not ${which}`);
  }
  if (!Array.isArray(operands) || operands.length === 0 || operands.some((o) => typeof o !== "string"))
    p.add("Invalid Action property value", `${path}.Condition.Operands`, `${who}: Operands must be a non-empty list of strings`);
  else if (rule?.operands) {
    const wrong = operands.find((o) => !rule.operands!.includes(o as string));
    if (wrong !== undefined) p.add("Invalid Action property value", `${path}.Condition.Operands`, `${who}: operand ${short(wrong)} is not one of ${rule.operands.join(", ")}`);
  }
}

/** Results that must each have a condition (CheckHoursOfOperation's True and False; Wait's WaitCompleted and events). */
function checkCoverage(spec: ActionSpec | undefined, parameters: Record<string, unknown>, t: Transitions, at: string, who: string, p: Problems) {
  const rule = spec?.conditions;
  if (!rule || rule === "none") return;
  const listed = rule.coverParameter ? parameters[rule.coverParameter] : undefined;
  const needed = [...(rule.cover ?? []), ...(Array.isArray(listed) ? listed.filter((x): x is string => typeof x === "string") : [])];
  const have = new Set((t.Conditions ?? []).flatMap((c) => (Array.isArray(c?.Condition?.Operands) ? c.Condition.Operands : [])));
  const missing = needed.filter((o) => !have.has(o));
  if (missing.length) p.add("Invalid Action property value", at, `${who} needs a condition for each of ${needed.join(", ")}; none for ${missing.join(", ")}`);
}
