// CreateUser — an agent: Username (unique in the instance), Password (Connect's rule; stored only as an scrypt hash),
// RoutingProfileId and SecurityProfileIds (must exist), IdentityInfo, PhoneConfig (its AutoAccept is VOICE's) and
// per-channel AutoAcceptConfigs / AfterContactWorkConfigs. The user starts Offline.
// Knowingly differs from AWS: PhoneNumberConfigs and VoiceEnhancementConfigs are accepted and not kept (no voice).
import type { Handler } from "./context.js";
import { arnOf, identityIn, phoneIn, userConfigIn } from "./routing-wire.js";

export const CreateUser: Handler<"CreateUser"> = async (input, ctx) => {
  const u = await ctx.tx(({ routing }) =>
    routing.users.create(ctx.caller, input.InstanceId!, {
      username: input.Username!,
      password: input.Password,
      routingProfileId: input.RoutingProfileId!,
      securityProfileIds: input.SecurityProfileIds!,
      identityInfo: identityIn(input.IdentityInfo),
      phoneConfig: phoneIn(input.PhoneConfig),
      directoryUserId: input.DirectoryUserId,
      hierarchyGroupId: input.HierarchyGroupId,
      tags: input.Tags,
      ...userConfigIn(input),
    }),
  );
  return { UserId: u.id, UserArn: arnOf("user", u, ctx.region) };
};
