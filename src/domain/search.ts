// SearchContacts: the request's criteria as one storage condition, its limits, and keyset paging with a
// NextToken bound to the query. What our contacts cannot carry (queues, hierarchy groups, Contact Lens, names,
// tags, scheduled times) is accepted and matches nothing, as a Connect instance without those would answer.
import { InvalidParameterException } from "../api/errors.js";
import type { ContactQuery, SearchCondition, SearchTime } from "./ports.js";
import { decodeCursor, encodeCursor } from "./search-cursor.js";
import type { Contact } from "./types.js";

const DAY = 86_400_000;
/** Connect searches a time range of at most 8 weeks, reaching back at most two years (admin guide, contact search). */
export const SEARCH_MAX_RANGE_MS = 56 * DAY;
export const SEARCH_LOOKBACK_MS = 2 * 365 * DAY;
export const SEARCH_DEFAULT_MAX_RESULTS = 100;

// The tables below are looked up with names from the request: Maps, so `constructor` or `__proto__` finds nothing.
/** Timestamp types we keep; SCHEDULED_TIMESTAMP and ENQUEUE_TIMESTAMP never exist on our contacts. */
const TIMES: ReadonlyMap<string, SearchTime | null> = new Map<string, SearchTime | null>([
  ["INITIATION_TIMESTAMP", "initiated"],
  ["DISCONNECT_TIMESTAMP", "disconnected"],
  ["CONNECTED_TO_AGENT_TIMESTAMP", "agent"],
  ["SCHEDULED_TIMESTAMP", null],
  ["ENQUEUE_TIMESTAMP", null],
]);
/** Sort fields; those without a kept value (or equal on every chat: CHANNEL, INITIATION_METHOD) order by id. */
const SORTS: ReadonlyMap<string, SearchTime | null> = new Map<string, SearchTime | null>([
  ...TIMES,
  ["EXPIRY_TIMESTAMP", null],
  ["INITIATION_METHOD", null],
  ["CHANNEL", null],
]);
/** A missing sort timestamp sorts last in either order, as search engines place missing values. */
const MISSING = { ascending: 8_640_000_000_000_000, descending: -1 };

export interface TimeRange {
  type: string;
  start: number;
  end: number;
}
export type Match = "MATCH_ALL" | "MATCH_ANY" | "MATCH_EXACT" | "MATCH_NONE";
export interface KeyValues {
  key: string;
  values: string[];
}

export interface SearchCriteria {
  channels?: string[];
  initiationMethods?: string[];
  agentIds?: string[];
  queueIds?: string[];
  /** L1Ids … L5Ids together. */
  hierarchyGroupIds?: string[];
  /** ContactAnalysis.Transcript.Criteria, counted. */
  transcriptCriteria?: number;
  name?: { texts: string[]; match?: Match };
  routingAgentIds?: string[];
  additionalTimeRange?: { match?: Match; criteria: { range?: TimeRange; notExists?: string }[] };
  contactAttributes?: { match?: Match; criteria: KeyValues[] };
  segmentAttributes?: { match?: Match; criteria: KeyValues[] };
  activeRegions?: string[];
  /** ContactTags conditions, counted. */
  tagConditions?: number;
}

export interface SearchRequest {
  instanceId: string;
  timeRange: TimeRange;
  criteria?: SearchCriteria;
  maxResults?: number;
  nextToken?: string;
  sort?: { field: string; order: "ASCENDING" | "DESCENDING" };
}

export interface SearchPage {
  contacts: Contact[];
  total: number;
  nextToken?: string;
}

const TRUE: SearchCondition = { kind: "all", of: [] };
const FALSE: SearchCondition = { kind: "any", of: [] };
const ATTRIBUTE_KEY = /^[A-Za-z0-9_-]+$/;
/** Segment attributes a contact search can match, and the column each compares with. */
const SEGMENTS: ReadonlyMap<string, (values: string[]) => SearchCondition> = new Map<string, (values: string[]) => SearchCondition>([
  ["connect:Subtype", (values) => ({ kind: "in", field: "subtypeKey", values: values.map((v) => v.toLowerCase()) })],
  ["connect-chat:CustomerAddress", (values) => ({ kind: "in", field: "sourceId", values })],
]);

/** The storage query for a request: checks limits, builds the condition and reads the keyset from NextToken. */
export function contactQuery(accountId: string, region: string, now: number, req: SearchRequest): { query: ContactQuery; fingerprint: string } {
  checkRange("TimeRange", req.timeRange, now, true);
  const where: SearchCondition = { kind: "all", of: [timeCondition(req.timeRange), ...criteria(req.criteria ?? {}, region, now)] };
  const sortField = req.sort?.field ?? "INITIATION_TIMESTAMP";
  if (!SORTS.has(sortField)) throw new InvalidParameterException(`Sort.FieldName '${sortField}' is not supported`);
  const descending = (req.sort?.order ?? "DESCENDING") === "DESCENDING";
  const sort = { key: SORTS.get(sortField) ?? undefined, missing: descending ? MISSING.descending : MISSING.ascending, descending };
  const query: ContactQuery = { accountId, instanceId: req.instanceId, where, sort, limit: req.maxResults ?? SEARCH_DEFAULT_MAX_RESULTS };
  const fingerprint = JSON.stringify([accountId, req.instanceId, where, sort]);
  if (req.nextToken !== undefined) query.after = decodeCursor(req.nextToken, fingerprint);
  return { query, fingerprint };
}

/** One page: reads limit + 1 rows to know whether another page follows. */
export function pageOf(query: ContactQuery, fingerprint: string, rows: Contact[], total: number): SearchPage {
  const contacts = rows.slice(0, query.limit);
  if (rows.length <= query.limit) return { contacts, total };
  const last = contacts[contacts.length - 1];
  return { contacts, total, nextToken: encodeCursor({ value: sortValue(last, query), id: last.id }, fingerprint) };
}

function sortValue(c: Contact, q: ContactQuery): number {
  const v = q.sort.key === "initiated" ? c.initiatedAt : q.sort.key === "disconnected" ? c.endedAt : q.sort.key === "agent" ? c.agent?.connectedAt : 0;
  return v ?? q.sort.missing;
}

function checkRange(field: string, r: TimeRange, now: number, limits: boolean): void {
  if (!Number.isFinite(r.start) || !Number.isFinite(r.end)) throw new InvalidParameterException(`${field}.StartTime and ${field}.EndTime must be timestamps`);
  if (r.start > r.end) throw new InvalidParameterException(`${field}.StartTime must not be after ${field}.EndTime`);
  if (!limits) return;
  if (r.end - r.start > SEARCH_MAX_RANGE_MS) throw new InvalidParameterException(`${field} must not span more than 8 weeks (EndTime - StartTime <= 56 days)`);
  if (r.start < now - SEARCH_LOOKBACK_MS) throw new InvalidParameterException(`${field}.StartTime must not be more than 2 years in the past`);
}

function timeCondition(r: TimeRange): SearchCondition {
  const field = TIMES.get(r.type);
  if (field === undefined) throw new InvalidParameterException(`TimeRange.Type '${r.type}' is not supported`);
  return field ? { kind: "time", field, from: r.start, to: r.end } : FALSE;
}

const some = (xs?: unknown[]) => xs !== undefined && xs.length > 0;

function criteria(c: SearchCriteria, region: string, now: number): SearchCondition[] {
  const out: SearchCondition[] = [];
  // Every contact here is a CHAT initiated by API or TRANSFER, in this region, with no hierarchy, analysis or tags.
  if (some(c.channels) && !c.channels!.includes("CHAT")) out.push(FALSE);
  const initiated = some(c.initiationMethods) ? initiatedBy(c.initiationMethods!) : undefined;
  if (initiated) out.push(initiated);
  if (some(c.activeRegions) && !c.activeRegions!.includes(region)) out.push(FALSE);
  if (some(c.hierarchyGroupIds) || some(c.routingAgentIds) || (c.transcriptCriteria ?? 0) > 0 || (c.tagConditions ?? 0) > 0) out.push(FALSE);
  // No contact has a Name: only MATCH_NONE ("matches none of the texts") holds for all of them.
  if (c.name && c.name.texts.length > 0 && c.name.match !== "MATCH_NONE") out.push(FALSE);
  if (some(c.agentIds)) out.push({ kind: "in", field: "agentId", values: c.agentIds! });
  if (some(c.queueIds)) out.push({ kind: "in", field: "queueId", values: c.queueIds! });
  if (c.additionalTimeRange) {
    const parts = c.additionalTimeRange.criteria.map((x, i) => additional(`SearchCriteria.AdditionalTimeRange.Criteria[${i}]`, x, now));
    out.push(combine("SearchCriteria.AdditionalTimeRange.MatchType", c.additionalTimeRange.match ?? "MATCH_ALL", parts));
  }
  const kv = (field: string, g: { match?: Match; criteria: KeyValues[] } | undefined, one: (k: KeyValues) => SearchCondition) => {
    if (g && g.criteria.length) out.push(combine(`${field}.MatchType`, g.match ?? "MATCH_ALL", g.criteria.map(one)));
  };
  kv("SearchCriteria.SearchableContactAttributes", c.contactAttributes, (k) => (ATTRIBUTE_KEY.test(k.key) ? { kind: "attribute", key: k.key, values: k.values } : FALSE));
  // Any other key: the contact's SegmentAttributes[key].ValueString is one of the Values (exact, case-sensitive).
  kv("SearchCriteria.SearchableSegmentAttributes", c.segmentAttributes, (k) => SEGMENTS.get(k.key)?.(k.values) ?? { kind: "segment", key: k.key, values: k.values });
  return out;
}

function additional(field: string, x: { range?: TimeRange; notExists?: string }, now: number): SearchCondition {
  if (!x.range && !x.notExists) throw new InvalidParameterException(`${field} needs a TimeRange or a TimestampCondition`);
  const parts: SearchCondition[] = [];
  if (x.range) {
    checkRange(`${field}.TimeRange`, x.range, now, false);
    parts.push(timeCondition(x.range));
  }
  if (x.notExists) {
    const t = TIMES.get(x.notExists);
    if (t === undefined) throw new InvalidParameterException(`${field}.TimestampCondition.Type '${x.notExists}' is not supported`);
    parts.push(t ? { kind: "missing", field: t } : TRUE);
  }
  return { kind: "all", of: parts };
}

/** InitiationMethods: API (started here) and TRANSFER (a transferred chat's next contact) are the ones contacts have. */
function initiatedBy(methods: string[]): SearchCondition | undefined {
  const api = methods.includes("API");
  const transfer = methods.includes("TRANSFER");
  if (api && transfer) return undefined;
  return api || transfer ? { kind: "transferred", is: transfer } : FALSE;
}

/** MATCH_ALL and MATCH_ANY combine criteria; MATCH_EXACT and MATCH_NONE are refused (not defined for these). */
function combine(field: string, match: Match, parts: SearchCondition[]): SearchCondition {
  if (match === "MATCH_ALL") return { kind: "all", of: parts };
  if (match === "MATCH_ANY") return { kind: "any", of: parts };
  throw new InvalidParameterException(`${field} must be MATCH_ALL or MATCH_ANY here; got ${match}`);
}
