// UpdateQuickConnectConfig — replaces the type and destination (checked as CreateQuickConnect checks them).
import type { Handler } from "./context.js";
import { quickConnectConfigIn } from "./routing-wire.js";

export const UpdateQuickConnectConfig: Handler<"UpdateQuickConnectConfig"> = async (input, ctx) => {
  await ctx.tx(({ routing }) => routing.quickConnects.updateConfig(ctx.caller, input.InstanceId!, input.QuickConnectId!, quickConnectConfigIn(input.QuickConnectConfig!)));
  return {};
};
