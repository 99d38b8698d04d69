// SearchUsers — users matching SearchCriteria (StringCondition on Username, FirstName, LastName — case-insensitive —
// RoutingProfileId, SecurityProfileId, ResourceId, HierarchyGroupId, DirectoryUserId; nested AndConditions /
// OrConditions; HierarchyGroupCondition), in Username order, MaxResults 1–500 (default 100), ApproximateTotalCount.
// Knowingly differs from AWS: SearchFilter (tag and attribute access filters) is accepted and not applied; a
// ListCondition (proficiencies) is InvalidParameterException. As Connect documents it, AfterContactWorkTimeLimit is in
// milliseconds here (seconds in DescribeUser).
import type { Input } from "../api/operations.js";
import type { UserCriteria } from "../routing/search.js";
import type { Handler } from "./context.js";
import { userOut } from "./routing-wire.js";

type Wire = NonNullable<Input<"SearchUsers">["SearchCriteria"]>;

export const SearchUsers: Handler<"SearchUsers"> = async (input, ctx) => {
  const criteria = input.SearchCriteria ? criteriaIn(input.SearchCriteria) : undefined;
  const r = await ctx.tx(({ routing }) => routing.search.search(ctx.caller, input.InstanceId!, criteria, input.NextToken, input.MaxResults));
  return {
    Users: r.users.map((u) => {
      const { Id, Arn, Username, DirectoryUserId, HierarchyGroupId, IdentityInfo, PhoneConfig, RoutingProfileId, SecurityProfileIds, Tags, AutoAcceptConfigs, AfterContactWorkConfigs, PersistentConnectionConfigs } = userOut(u, ctx.region);
      // Connect's documented quirk: SearchUsers gives AfterContactWorkTimeLimit in milliseconds (DescribeUser: seconds).
      const ms = (seconds: number | undefined) => (seconds === undefined ? undefined : seconds * 1000);
      return {
        Arn, DirectoryUserId, HierarchyGroupId, Id, RoutingProfileId, SecurityProfileIds, Tags, Username, AutoAcceptConfigs, PersistentConnectionConfigs,
        PhoneConfig: { ...PhoneConfig, AfterContactWorkTimeLimit: ms(PhoneConfig.AfterContactWorkTimeLimit) },
        AfterContactWorkConfigs: AfterContactWorkConfigs.map((a) => ({ ...a, AfterContactWorkConfig: { AfterContactWorkTimeLimit: ms(a.AfterContactWorkConfig.AfterContactWorkTimeLimit) } })),
        IdentityInfo: IdentityInfo && { FirstName: IdentityInfo.FirstName, LastName: IdentityInfo.LastName },
      };
    }),
    NextToken: r.nextToken,
    ApproximateTotalCount: r.total,
  };
};

function criteriaIn(c: Wire): UserCriteria {
  return {
    and: c.AndConditions?.map(criteriaIn),
    or: c.OrConditions?.map(criteriaIn),
    string: c.StringCondition && { field: c.StringCondition.FieldName, value: c.StringCondition.Value, comparison: c.StringCondition.ComparisonType },
    hierarchyGroup: c.HierarchyGroupCondition && { value: c.HierarchyGroupCondition.Value, matchType: c.HierarchyGroupCondition.HierarchyGroupMatchType },
    list: c.ListCondition !== undefined,
  };
}
