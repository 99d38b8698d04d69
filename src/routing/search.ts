// SearchUsers: string conditions on Username, FirstName, LastName (case-insensitive), RoutingProfileId,
// SecurityProfileId, ResourceId, HierarchyGroupId and DirectoryUserId, nested And/Or, a hierarchy-group condition;
// ordered by Username, paged by keyset, with the count of every match (ApproximateTotalCount, exact here).
import { InvalidParameterException } from "../api/errors.js";
import type { Caller } from "../domain/types.js";
import { DEFAULT_PAGE, makeToken, QUOTAS, readToken, RoutingBase } from "./base.js";
import type { User } from "./types.js";

export type Comparison = "STARTS_WITH" | "CONTAINS" | "EXACT";

export interface UserCriteria {
  and?: UserCriteria[];
  or?: UserCriteria[];
  string?: { field?: string; value?: string; comparison?: string };
  hierarchyGroup?: { value?: string; matchType?: string };
  /** ListCondition: not supported here (no proficiencies). */
  list?: boolean;
}

/**
 * FieldName (compared case-insensitively, as Connect accepts `username` and `Username`) → the user's values. A Map:
 * the name comes from the request, and `constructor` must not find Object.prototype's.
 */
const FIELDS = new Map<string, (u: User) => string[]>(Object.entries({
  username: (u: User) => [u.name],
  firstname: (u: User) => [u.identityInfo?.firstName ?? ""],
  lastname: (u: User) => [u.identityInfo?.lastName ?? ""],
  routingprofileid: (u: User) => [u.routingProfileId],
  securityprofileid: (u: User) => u.securityProfileIds,
  resourceid: (u: User) => [u.id],
  hierarchygroupid: (u: User) => (u.hierarchyGroupId ? [u.hierarchyGroupId] : []),
  agentgroupid: (u: User) => (u.hierarchyGroupId ? [u.hierarchyGroupId] : []),
  directoryuserid: (u: User) => (u.directoryUserId ? [u.directoryUserId] : []),
}));

type Test = (u: User) => boolean;

export function compile(c: UserCriteria, path = "SearchCriteria"): Test {
  const parts: Test[] = [];
  if (c.and) parts.push(all(c.and.map((x, i) => compile(x, `${path}.AndConditions[${i}]`))));
  if (c.or) {
    const any = c.or.map((x, i) => compile(x, `${path}.OrConditions[${i}]`));
    parts.push((u) => any.some((t) => t(u)));
  }
  if (c.string) parts.push(stringTest(c.string, `${path}.StringCondition`));
  if (c.hierarchyGroup) {
    const v = c.hierarchyGroup.value;
    if (!v) throw new InvalidParameterException(`${path}.HierarchyGroupCondition.Value is required`);
    parts.push((u) => u.hierarchyGroupId === v);
  }
  if (c.list) throw new InvalidParameterException(`${path}.ListCondition is not supported: users here have no proficiencies`);
  return all(parts);
}

const all = (tests: Test[]): Test => (u) => tests.every((t) => t(u));

function stringTest(s: NonNullable<UserCriteria["string"]>, path: string): Test {
  const read = s.field ? FIELDS.get(s.field.toLowerCase()) : undefined;
  if (!read) throw new InvalidParameterException(`${path}.FieldName '${s.field ?? ""}' is not one of Username, FirstName, LastName, RoutingProfileId, SecurityProfileId, ResourceId, HierarchyGroupId, DirectoryUserId`);
  if (s.value === undefined) throw new InvalidParameterException(`${path}.Value is required`);
  const comparison = (s.comparison ?? "EXACT") as Comparison;
  const want = s.value.toLowerCase();
  const match =
    comparison === "STARTS_WITH" ? (v: string) => v.startsWith(want) : comparison === "CONTAINS" ? (v: string) => v.includes(want) : (v: string) => v === want;
  return (u) => read(u).some((v) => match(v.toLowerCase()));
}

export class UserSearch extends RoutingBase {
  async search(caller: Caller, instanceId: string, criteria: UserCriteria | undefined, nextToken?: string, maxResults?: number) {
    this.instance(caller, instanceId);
    const test = criteria ? compile(criteria) : () => true;
    const scope = `search-users/${instanceId}/${JSON.stringify(criteria ?? null)}`;
    const after = nextToken === undefined ? undefined : readToken(nextToken, scope);
    // Users of one instance are at most QUOTAS.user: read them in name order and filter here.
    const matches = (await this.tx.list("user", caller.accountId, instanceId, undefined, QUOTAS.user)).filter(test);
    const start = after === undefined ? 0 : matches.findIndex((u) => u.name > after);
    const rest = start < 0 ? [] : matches.slice(start);
    const limit = maxResults ?? DEFAULT_PAGE;
    const users = rest.slice(0, limit);
    return { users, total: matches.length, nextToken: rest.length > limit ? makeToken(scope, users[users.length - 1].name) : undefined };
  }
}
