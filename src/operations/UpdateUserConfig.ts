// UpdateUserConfig — per-channel AutoAcceptConfigs, AfterContactWorkConfigs and PersistentConnectionConfigs
// (the channels given are replaced, the others kept); VOICE's also show in PhoneConfig, as Connect has it.
// Knowingly differs from AWS: PhoneNumberConfigs and VoiceEnhancementConfigs are accepted and not kept (no voice).
import type { Handler } from "./context.js";
import { userConfigIn } from "./routing-wire.js";

export const UpdateUserConfig: Handler<"UpdateUserConfig"> = async (input, ctx) => {
  await ctx.tx(({ routing }) => routing.users.setConfig(ctx.caller, input.InstanceId!, input.UserId!, userConfigIn(input)));
  return {};
};
