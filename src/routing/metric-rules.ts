// GetCurrentMetricData's rules as data: each metric's Unit, the filters and groupings this server answers, and the
// combinations Connect refuses (its documented ones). Every refusal is InvalidParameterException naming the field.
import { InvalidParameterException } from "../api/errors.js";

export const METRIC_UNITS = {
  AGENTS_ONLINE: "COUNT",
  AGENTS_AVAILABLE: "COUNT",
  AGENTS_ON_CALL: "COUNT",
  AGENTS_ON_CONTACT: "COUNT",
  AGENTS_NON_PRODUCTIVE: "COUNT",
  AGENTS_AFTER_CONTACT_WORK: "COUNT",
  AGENTS_ERROR: "COUNT",
  AGENTS_STAFFED: "COUNT",
  CONTACTS_IN_QUEUE: "COUNT",
  CONTACTS_SCHEDULED: "COUNT",
  OLDEST_CONTACT_AGE: "SECONDS",
  SLOTS_ACTIVE: "COUNT",
  SLOTS_AVAILABLE: "COUNT",
  ESTIMATED_WAIT_TIME: "SECONDS",
} as const;
export type MetricName = keyof typeof METRIC_UNITS;
export type Dimension = "QUEUE" | "CHANNEL" | "ROUTING_PROFILE";

/** Groupings Connect has that need routing steps, agent statuses, subtypes or tests: not kept by this server. */
const UNSUPPORTED_GROUPINGS = new Set(["ROUTING_STEP_EXPRESSION", "AGENT_STATUS", "SUBTYPE", "VALIDATION_TEST_TYPE"]);
/** Filters of the same kind. */
const UNSUPPORTED_FILTERS = ["RoutingStepExpressions", "AgentStatuses", "Subtypes", "ValidationTestTypes"] as const;
/** "Channels: 3 (VOICE, CHAT, and TASK channels are supported.)" */
const FILTER_CHANNELS = new Set(["VOICE", "CHAT", "TASK"]);
/** With ROUTING_PROFILE grouping these need a RoutingProfiles filter (Connect's documented rule). */
const QUEUE_METRICS = new Set<MetricName>(["CONTACTS_SCHEDULED", "CONTACTS_IN_QUEUE", "OLDEST_CONTACT_AGE"]);
/** "Sorting on SLOTS_ACTIVE and SLOTS_AVAILABLE is not supported." */
const UNSORTABLE = new Set<MetricName>(["SLOTS_ACTIVE", "SLOTS_AVAILABLE"]);

export interface MetricRequest {
  queues?: string[];
  routingProfiles?: string[];
  channels?: string[];
  groupings: Dimension[];
  metrics: { name: MetricName; unit: (typeof METRIC_UNITS)[MetricName] }[];
  sort: { metric: MetricName; descending: boolean };
}

export interface WireMetricInput {
  Filters?: { Queues?: string[]; RoutingProfiles?: string[]; Channels?: string[]; RoutingStepExpressions?: unknown[]; AgentStatuses?: unknown[]; Subtypes?: unknown[]; ValidationTestTypes?: unknown[] };
  Groupings?: string[];
  CurrentMetrics?: { Name?: string; MetricId?: string; Unit?: string }[];
  SortCriteria?: { SortByMetric?: string; SortOrder?: string }[];
}

const bad = (m: string) => new InvalidParameterException(m);

/** The request checked against Connect's rules, in the domain's terms. */
export function readMetricRequest(input: WireMetricInput): MetricRequest {
  const f = input.Filters ?? {};
  for (const k of UNSUPPORTED_FILTERS)
    if (f[k]?.length) throw bad(`Filters.${k} is not supported by this server (it keeps no ${k.replace(/s$/, "")} data)`);
  const queues = f.Queues?.length ? [...new Set(f.Queues)] : undefined;
  const routingProfiles = f.RoutingProfiles?.length ? [...new Set(f.RoutingProfiles)] : undefined;
  if (!queues && !routingProfiles) throw bad("Filters must include Queues or RoutingProfiles");
  if (queues && routingProfiles) throw bad("Filters cannot include both Queues and RoutingProfiles");
  for (const c of f.Channels ?? []) if (!FILTER_CHANNELS.has(c)) throw bad(`Filters.Channels: ${c} is not supported; use VOICE, CHAT or TASK`);
  const channels = f.Channels?.length ? [...new Set(f.Channels)] : undefined;

  const groupings = (input.Groupings ?? []) as Dimension[];
  for (const g of groupings) if (UNSUPPORTED_GROUPINGS.has(g)) throw bad(`Groupings: ${g} is not supported by this server`);
  if (new Set(groupings).size !== groupings.length) throw bad("Groupings must not repeat a grouping");

  const list = input.CurrentMetrics ?? [];
  if (!list.length) throw bad("CurrentMetrics must name at least one metric");
  const metrics = list.map((m, i) => {
    if (m.Name === undefined) throw bad(`CurrentMetrics[${i}]: MetricId is not supported by this server; give the metric's Name`);
    const name = m.Name as MetricName;
    const unit = METRIC_UNITS[name];
    if (m.Unit !== undefined && m.Unit !== unit) throw bad(`CurrentMetrics[${i}]: the Unit of ${name} is ${unit}, not ${m.Unit}`);
    return { name, unit };
  });
  const names = new Set(metrics.map((m) => m.name));
  if (groupings.includes("ROUTING_PROFILE") && !routingProfiles && [...names].some((n) => QUEUE_METRICS.has(n)))
    throw bad("Grouping by ROUTING_PROFILE with CONTACTS_IN_QUEUE, OLDEST_CONTACT_AGE or CONTACTS_SCHEDULED requires a RoutingProfiles filter");
  if (names.has("ESTIMATED_WAIT_TIME") && !(queues && channels && groupings.length === 2 && groupings.includes("QUEUE") && groupings.includes("CHANNEL")))
    throw bad("ESTIMATED_WAIT_TIME requires Queues and Channels filters and grouping by QUEUE and CHANNEL");

  const criteria = input.SortCriteria?.[0];
  let sort = { metric: "AGENTS_ONLINE" as MetricName, descending: true };
  if (criteria) {
    const metric = (criteria.SortByMetric ?? "AGENTS_ONLINE") as MetricName;
    if (UNSORTABLE.has(metric)) throw bad(`SortCriteria: sorting on ${metric} is not supported`);
    sort = { metric, descending: criteria.SortOrder !== "ASCENDING" };
  }
  return { queues, routingProfiles, channels, groupings, metrics, sort };
}

/** A resource id from an id or an ARN of this instance (Connect takes either in Filters). */
export function idFromArn(value: string, instanceId: string, segment: "queue" | "routing-profile"): string {
  if (!value.startsWith("arn:")) return value;
  const m = /^arn:[a-z0-9-]+:connect:[a-z0-9-]*:\d{12}:instance\/([^/]+)\/([a-z-]+)\/([^/]+)$/.exec(value);
  if (!m || m[1] !== instanceId || m[2] !== segment) throw bad(`'${value}' is not a ${segment} ARN of instance ${instanceId}`);
  return m[3];
}

/** FNV-1a of the request: a NextToken is good only for the request that made it (Connect's rule). */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}
