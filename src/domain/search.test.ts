// SearchContacts rules at and past their limits: time range span and look-back, defaults, match types, criteria that
// match nothing, and the NextToken check. The model's own limits (MaxResults 1..100, list sizes) are checked too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AwsError } from "../api/errors.js";
import { ShapeValidator } from "../api/validate.js";
import { contactQuery, pageOf, SEARCH_LOOKBACK_MS, SEARCH_MAX_RANGE_MS, type SearchCriteria, type SearchRequest } from "./search.js";
import { decodeCursor, encodeCursor } from "./search-cursor.js";
import type { Contact } from "./types.js";

const NOW = Date.parse("2026-11-25T12:00:00.000Z");
const req = (over: Partial<SearchRequest> = {}): SearchRequest => ({ instanceId: "i", timeRange: { type: "INITIATION_TIMESTAMP", start: NOW - 1000, end: NOW }, ...over });
const q = (over: Partial<SearchRequest> = {}) => contactQuery("123456789012", "us-east-1", NOW, req(over));
const refused = (over: Partial<SearchRequest>, code: string, text: RegExp) =>
  assert.throws(() => q(over), (e: unknown) => e instanceof AwsError && e.code === code && e.status === 400 && text.test(e.message));
const range = (start: number, end: number, type = "INITIATION_TIMESTAMP") => ({ timeRange: { type, start, end } });
const FALSE = { kind: "any", of: [] };
const conditions = (criteria: SearchCriteria) => (q({ criteria }).query.where as { of: unknown[] }).of.slice(1);

test("the time range may span 8 weeks exactly, not 1 ms more; StartTime equal to EndTime is a range", () => {
  q(range(NOW - SEARCH_MAX_RANGE_MS, NOW));
  refused(range(NOW - SEARCH_MAX_RANGE_MS - 1, NOW), "InvalidParameterException", /^TimeRange must not span more than 8 weeks/);
  q(range(NOW, NOW));
  refused(range(NOW, NOW - 1), "InvalidParameterException", /^TimeRange\.StartTime must not be after TimeRange\.EndTime$/);
});

test("StartTime may reach back 2 years, not 1 ms more; EndTime in the future is fine", () => {
  q(range(NOW - SEARCH_LOOKBACK_MS, NOW - SEARCH_LOOKBACK_MS + 1000));
  refused(range(NOW - SEARCH_LOOKBACK_MS - 1, NOW - SEARCH_LOOKBACK_MS + 1000), "InvalidParameterException", /^TimeRange\.StartTime must not be more than 2 years in the past$/);
  q(range(NOW, NOW + 7 * 86_400_000));
  refused(range(Number.NaN, NOW), "InvalidParameterException", /timestamps/);
});

test("defaults: INITIATION_TIMESTAMP DESCENDING, 100 per page; time types we never record match nothing", () => {
  const { query } = q();
  assert.deepEqual(query.sort, { key: "initiated", missing: -1, descending: true });
  assert.equal(query.limit, 100);
  assert.deepEqual(q({ sort: { field: "DISCONNECT_TIMESTAMP", order: "ASCENDING" } }).query.sort, { key: "disconnected", missing: 8_640_000_000_000_000, descending: false });
  assert.deepEqual(q({ sort: { field: "CHANNEL", order: "ASCENDING" } }).query.sort.key, undefined);
  assert.deepEqual((q(range(NOW - 1, NOW, "SCHEDULED_TIMESTAMP")).query.where as { of: unknown[] }).of[0], FALSE);
  assert.deepEqual((q(range(NOW - 1, NOW, "ENQUEUE_TIMESTAMP")).query.where as { of: unknown[] }).of[0], FALSE);
  refused(range(NOW - 1, NOW, "SOMETHING"), "InvalidParameterException", /TimeRange\.Type/);
});

test("criteria our contacts cannot carry match nothing; ours become conditions", () => {
  assert.deepEqual(conditions({ channels: ["CHAT", "VOICE"], initiationMethods: ["API", "TRANSFER"], activeRegions: ["us-east-1"] }), []);
  assert.deepEqual(conditions({ initiationMethods: ["API", "INBOUND"] }), [{ kind: "transferred", is: false }], "API: chats started here");
  assert.deepEqual(conditions({ initiationMethods: ["TRANSFER"] }), [{ kind: "transferred", is: true }], "TRANSFER: the next contacts of transferred chats");
  assert.deepEqual(conditions({ channels: [] }), [], "an empty list filters nothing");
  for (const c of [{ channels: ["VOICE"] }, { initiationMethods: ["INBOUND"] }, { hierarchyGroupIds: ["h"] }, { transcriptCriteria: 1 }, { tagConditions: 1 }, { routingAgentIds: ["a"] }, { activeRegions: ["eu-west-1"] }, { name: { texts: ["x"], match: "MATCH_ANY" as const } }])
    assert.deepEqual(conditions(c), [FALSE], JSON.stringify(c));
  assert.deepEqual(conditions({ name: { texts: ["x"], match: "MATCH_NONE" } }), [], "no contact has a name, so none matches the texts");
  assert.deepEqual(conditions({ agentIds: ["p1"] }), [{ kind: "in", field: "agentId", values: ["p1"] }]);
  assert.deepEqual(conditions({ queueIds: ["q"] }), [{ kind: "in", field: "queueId", values: ["q"] }], "a flow's TransferContactToQueue sets the queue");
  assert.deepEqual(conditions({ contactAttributes: { criteria: [{ key: "tier", values: ["a"] }, { key: "bad key", values: ["a"] }] } }), [
    { kind: "all", of: [{ kind: "attribute", key: "tier", values: ["a"] }, FALSE] },
  ]);
  assert.deepEqual(conditions({ segmentAttributes: { match: "MATCH_ANY", criteria: [{ key: "connect:Subtype", values: ["connect:SMS"] }, { key: "connect:Other", values: ["x"] }] } }), [
    { kind: "any", of: [{ kind: "in", field: "subtypeKey", values: ["connect:sms"] }, { kind: "segment", key: "connect:Other", values: ["x"] }] },
  ], "other keys: the SegmentAttributes StartChatContact stored");
  assert.deepEqual(conditions({ additionalTimeRange: { criteria: [{ notExists: "DISCONNECT_TIMESTAMP" }, { notExists: "SCHEDULED_TIMESTAMP" }] } }), [
    { kind: "all", of: [{ kind: "all", of: [{ kind: "missing", field: "disconnected" }] }, { kind: "all", of: [{ kind: "all", of: [] }] }] },
  ]);
});

test("MATCH_EXACT and MATCH_NONE are refused for attribute and additional-time criteria; a criterion needs a part", () => {
  for (const match of ["MATCH_EXACT", "MATCH_NONE"] as const) {
    refused({ criteria: { contactAttributes: { match, criteria: [{ key: "a", values: ["b"] }] } } }, "InvalidParameterException", /^SearchCriteria\.SearchableContactAttributes\.MatchType must be MATCH_ALL or MATCH_ANY/);
    refused({ criteria: { segmentAttributes: { match, criteria: [{ key: "a", values: ["b"] }] } } }, "InvalidParameterException", /SearchableSegmentAttributes\.MatchType/);
    refused({ criteria: { additionalTimeRange: { match, criteria: [{ notExists: "DISCONNECT_TIMESTAMP" }] } } }, "InvalidParameterException", /AdditionalTimeRange\.MatchType/);
  }
  refused({ criteria: { additionalTimeRange: { criteria: [{}] } } }, "InvalidParameterException", /^SearchCriteria\.AdditionalTimeRange\.Criteria\[0\] needs a TimeRange or a TimestampCondition/);
  refused({ criteria: { additionalTimeRange: { criteria: [{ range: { type: "INITIATION_TIMESTAMP", start: 2, end: 1 } }] } } }, "InvalidParameterException", /Criteria\[0\]\.TimeRange\.StartTime must not be after/);
});

test("a NextToken is accepted only by the search that issued it, unedited", () => {
  const { query, fingerprint } = q();
  const c = (id: string, initiatedAt: number) => ({ id, initiatedAt }) as Contact;
  const page = pageOf({ ...query, limit: 2 }, fingerprint, [c("b", 5), c("a", 4), c("z", 3)], 9);
  assert.deepEqual(page.contacts.map((x) => x.id), ["b", "a"]);
  assert.equal(page.total, 9);
  assert.deepEqual(q({ nextToken: page.nextToken }).query.after, { value: 4, id: "a" });
  assert.equal(pageOf({ ...query, limit: 3 }, fingerprint, [c("b", 5), c("a", 4), c("z", 3)], 3).nextToken, undefined, "no token on the last page");
  refused({ nextToken: page.nextToken, sort: { field: "INITIATION_TIMESTAMP", order: "ASCENDING" } }, "InvalidRequestException", /^NextToken is not valid/);
  refused({ nextToken: page.nextToken, instanceId: "other" }, "InvalidRequestException", /NextToken/);
  const edited = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(page.nextToken!, "base64url").toString()), i: "b" })).toString("base64url");
  refused({ nextToken: edited }, "InvalidRequestException", /NextToken/);
  for (const bad of ["", "!!!", "bm90IGpzb24", Buffer.from("null").toString("base64url"), Buffer.from('{"v":2}').toString("base64url")]) refused({ nextToken: bad }, "InvalidRequestException", /NextToken/);
  assert.deepEqual(decodeCursor(encodeCursor({ value: -1, id: "ü😀" }, "f"), "f"), { value: -1, id: "ü😀" });
});

test("the model bounds MaxResults to 1..100 and criteria lists to their sizes", () => {
  const base = { InstanceId: "i", TimeRange: { Type: "INITIATION_TIMESTAMP", StartTime: 1, EndTime: 2 } };
  const check = (v: Record<string, unknown>) => ShapeValidator.check("connect", "SearchContactsRequest", v, "InvalidRequestException");
  const fails = (v: Record<string, unknown>, text: RegExp) => assert.throws(() => check(v), (e: unknown) => e instanceof AwsError && e.code === "InvalidRequestException" && text.test(e.message));
  check({ ...base, MaxResults: 1 });
  check({ ...base, MaxResults: 100 });
  fails({ ...base, MaxResults: 0 }, /'MaxResults' .*greater than or equal to 1/);
  fails({ ...base, MaxResults: 101 }, /'MaxResults' .*less than or equal to 100/);
  fails({ InstanceId: "i" }, /Value null at 'TimeRange'/);
  fails({ ...base, TimeRange: { Type: "NOW", StartTime: 1, EndTime: 2 } }, /TimeRange\.Type/);
  const attrs = (n: number) => ({ ...base, SearchCriteria: { SearchableContactAttributes: { Criteria: Array.from({ length: n }, () => ({ Key: "k", Values: ["v"] })) } } });
  check(attrs(15));
  fails(attrs(16), /SearchableContactAttributes\.Criteria' .*less than or equal to 15/);
  fails({ ...base, SearchCriteria: { SearchableSegmentAttributes: { Criteria: [] } } }, /SearchableSegmentAttributes\.Criteria' .*greater than or equal to 1/);
  fails({ ...base, Sort: { FieldName: "NAME", Order: "ASCENDING" } }, /Sort\.FieldName/);
  fails({ ...base, NextToken: "" }, /'NextToken' .*greater than or equal to 1/);
});
