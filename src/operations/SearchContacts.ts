// SearchContacts — an instance's contacts in a time range (at most 8 weeks, StartTime at most 2 years back), filtered,
// sorted (default INITIATION_TIMESTAMP DESCENDING), paged by keyset (MaxResults 1–100, default 100) with TotalCount.
//
// Criteria. Matched: Channels (every chat is CHAT), InitiationMethods (API; TRANSFER: a transferred chat's next contact), AgentIds (the AgentInfo.Id below),
// ActiveRegions (the configured region), AdditionalTimeRange (TimeRange and TimestampCondition NOT_EXISTS, e.g.
// DISCONNECT_TIMESTAMP NOT_EXISTS for live chats), SearchableContactAttributes (a criterion holds when the attribute
// equals one of its Values), SearchableSegmentAttributes (MATCH_ALL / MATCH_ANY over at most 15 criteria of at most
// 20 values: a criterion holds when the SegmentAttributes StartChatContact stored has the key with a ValueString equal
// to one of its Values; `connect:Subtype` case-insensitively; our `connect-chat:CustomerAddress`: the SMS SourceId;
// ValueInteger, ValueMap values and values over 128 characters match nothing), QueueIds (the queue a flow's TransferContactToQueue set). Accepted but matching
// nothing (our contacts carry none of these): AgentHierarchyGroups, ContactAnalysis, RoutingCriteria, ContactTags, Name (except MATCH_NONE, which every contact
// passes), TimeRange/AdditionalTimeRange types SCHEDULED_TIMESTAMP and ENQUEUE_TIMESTAMP.
// Refused (400 InvalidParameterException naming the field): StartTime after EndTime, a range over 8 weeks or starting
// more than 2 years ago, MatchType MATCH_EXACT/MATCH_NONE for attribute and additional-time criteria (MATCH_ALL is
// the default), an AdditionalTimeRange criterion with neither part. A NextToken that is not from the previous page of
// the same search (same instance, time range, criteria and sort): 400 InvalidRequestException. A search that runs past
// the server's search budget (storage URL `search_budget_ms`, default 3 s) is stopped: 400 InvalidRequestException
// asking to narrow it (not a retryable 429/503: the same search would run as long again).
// Sort on SCHEDULED_TIMESTAMP, EXPIRY_TIMESTAMP, INITIATION_METHOD or CHANNEL orders by contact id (all equal here);
// missing timestamps sort last either way. TotalCount counts every match at the time of the page (it may grow
// between pages; the pages themselves do not shift).
//
// Extension (README "Extension: contact search summaries"): each summary's SegmentAttributes also carries
// `connect-chat:CustomerAddress` (SourceId of SMS/WhatsApp chats), `connect-chat:LastMessage` (the contact's newest
// message's first 200 characters; after a transfer, later messages are the next contact's), `connect-chat:LastMessageTimestamp` (its AbsoluteTime) and `connect-chat:LastMessageRole`,
// each as {ValueString}. The SDKs keep them: SegmentAttributes is an open map.
// Knowingly differs from AWS: AgentInfo.Id is the ParticipantId of the first AGENT participant (our agents have no
// user id); no Name, Tags, RoutingCriteria or GlobalResiliencyMetadata.
import { InvalidParameterException, InvalidRequestException } from "../api/errors.js";
import type { Input } from "../api/operations.js";
import { iso } from "../domain/chat-base.js";
import { SearchBudgetExceeded } from "../domain/ports.js";
import { pageOf, type Match, type SearchCriteria, type TimeRange } from "../domain/search.js";
import type { Contact } from "../domain/types.js";
import type { Handler } from "./context.js";

type Wire = Input<"SearchContacts">;
type WireRange = { Type?: string; StartTime?: unknown; EndTime?: unknown };

export const SearchContacts: Handler<"SearchContacts"> = async (input, ctx) => {
  const req = {
    instanceId: input.InstanceId!,
    timeRange: timeRange("TimeRange", input.TimeRange as WireRange),
    criteria: input.SearchCriteria ? criteria(input.SearchCriteria) : undefined,
    maxResults: input.MaxResults,
    nextToken: input.NextToken,
    sort: input.Sort ? { field: input.Sort.FieldName!, order: input.Sort.Order! } : undefined,
  };
  const { query, fingerprint } = await ctx.tx(({ chats }) => chats.prepareSearch(ctx.caller, req));
  // After the commit, outside any transaction: a long search holds up neither writers nor (SQLite) the event loop.
  const found = await ctx.search({ ...query, limit: query.limit + 1 }).catch((e: unknown) => {
    if (!(e instanceof SearchBudgetExceeded)) throw e;
    throw new InvalidRequestException(
      `The search ran longer than ${e.budgetMs} ms (this server's search budget) and was stopped; narrow it: a shorter TimeRange, ` +
        "or more selective SearchCriteria (AgentIds, SearchableContactAttributes, AdditionalTimeRange).",
    );
  });
  const page = pageOf(query, fingerprint, found.contacts, found.total);
  return { Contacts: page.contacts.map((c) => summary(c, ctx.region)), TotalCount: page.total, NextToken: page.nextToken };
};

function summary(c: Contact, region: string) {
  const segment: Record<string, { ValueString: string }> = {};
  if (c.subtype) segment["connect:Subtype"] = { ValueString: c.subtype };
  if (c.identity) segment["connect-chat:CustomerAddress"] = { ValueString: c.identity.sourceId };
  if (c.lastMessage) {
    segment["connect-chat:LastMessage"] = { ValueString: c.lastMessage.content };
    segment["connect-chat:LastMessageTimestamp"] = { ValueString: iso(c.lastMessage.at) };
    segment["connect-chat:LastMessageRole"] = { ValueString: c.lastMessage.role };
  }
  return {
    Arn: `arn:aws:connect:${region}:${c.accountId}:instance/${c.instanceId}/contact/${c.id}`,
    Id: c.id,
    InitialContactId: c.initialContactId,
    PreviousContactId: c.previousContactId,
    InitiationMethod: c.initiationMethod,
    Channel: c.channel,
    QueueInfo: c.queue ? { Id: c.queue.id, EnqueueTimestamp: new Date(c.queue.enqueuedAt) } : undefined,
    AgentInfo: c.agent ? { Id: c.agent.id, ConnectedToAgentTimestamp: new Date(c.agent.connectedAt) } : undefined,
    InitiationTimestamp: new Date(c.initiatedAt),
    DisconnectTimestamp: c.endedAt !== undefined ? new Date(c.endedAt) : undefined,
    SegmentAttributes: Object.keys(segment).length ? segment : undefined,
  };
}

/** rest-json timestamps: epoch seconds (what the SDKs, boto3 and the CLI send) or an ISO 8601 string. */
function time(field: string, v: unknown): number {
  const ms = typeof v === "number" ? v * 1000 : typeof v === "string" ? (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) * 1000 : Date.parse(v)) : NaN;
  if (!Number.isFinite(ms)) throw new InvalidParameterException(`${field} is not a valid timestamp`);
  return Math.round(ms);
}

function timeRange(field: string, r: WireRange): TimeRange {
  return { type: r.Type!, start: time(`${field}.StartTime`, r.StartTime), end: time(`${field}.EndTime`, r.EndTime) };
}

function criteria(c: NonNullable<Wire["SearchCriteria"]>): SearchCriteria {
  const h = c.AgentHierarchyGroups;
  const kv = (g?: { Criteria?: { Key?: string; Values?: string[] }[]; MatchType?: string }) =>
    g ? { match: g.MatchType as Match | undefined, criteria: (g.Criteria ?? []).map((x) => ({ key: x.Key!, values: x.Values ?? [] })) } : undefined;
  const at = c.AdditionalTimeRange;
  const tags = c.ContactTags;
  return {
    channels: c.Channels,
    initiationMethods: c.InitiationMethods,
    agentIds: c.AgentIds,
    queueIds: c.QueueIds,
    hierarchyGroupIds: h ? [h.L1Ids, h.L2Ids, h.L3Ids, h.L4Ids, h.L5Ids].flatMap((x) => x ?? []) : undefined,
    transcriptCriteria: c.ContactAnalysis?.Transcript?.Criteria?.length,
    name: c.Name ? { texts: c.Name.SearchText ?? [], match: c.Name.MatchType as Match } : undefined,
    routingAgentIds: c.RoutingCriteria?.Steps?.flatMap((s) => s.AgentCriteria?.AgentIds ?? []),
    additionalTimeRange: at
      ? {
          match: at.MatchType as Match,
          criteria: (at.Criteria ?? []).map((x, i) => ({
            range: x.TimeRange ? timeRange(`SearchCriteria.AdditionalTimeRange.Criteria[${i}].TimeRange`, x.TimeRange as WireRange) : undefined,
            notExists: x.TimestampCondition?.Type,
          })),
        }
      : undefined,
    contactAttributes: kv(c.SearchableContactAttributes),
    segmentAttributes: kv(c.SearchableSegmentAttributes),
    activeRegions: c.ActiveRegions,
    tagConditions: tags ? (tags.AndConditions?.length ?? 0) + (tags.OrConditions?.length ?? 0) + (tags.TagCondition ? 1 : 0) : undefined,
  };
}
