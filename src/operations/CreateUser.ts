// CreateUser — an agent: Username (unique in the instance), Password (Connect's rule; stored only as an scrypt hash),
// RoutingProfileId and SecurityProfileIds (must exist), IdentityInfo, PhoneConfig (its AutoAccept is VOICE's) and
// per-channel AutoAcceptConfigs / AfterContactWorkConfigs. The user starts Offline. A weak password is refused before
// anything else is checked (it is checked before the transaction).
// Knowingly differs from AWS: PhoneNumberConfigs and VoiceEnhancementConfigs are accepted and not kept (no voice).
import { checkPassword } from "../routing/users.js";
import type { Handler } from "./context.js";
import { arnOf, identityIn, phoneIn, userConfigIn } from "./routing-wire.js";

export const CreateUser: Handler<"CreateUser"> = async (input, ctx) => {
  // Checked and hashed before the transaction: scrypt takes tens of milliseconds that no lock should be held for.
  if (input.Password !== undefined) checkPassword(input.Password);
  const passwordHash = input.Password === undefined ? undefined : await ctx.passwords.hash(input.Password);
  const u = await ctx.tx(({ routing }) =>
    routing.users.create(ctx.caller, input.InstanceId!, {
      username: input.Username!,
      passwordHash,
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
