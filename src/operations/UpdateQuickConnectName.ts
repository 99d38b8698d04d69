// UpdateQuickConnectName — Name and/or Description (a taken name: DuplicateResourceException).
import type { Handler } from "./context.js";

export const UpdateQuickConnectName: Handler<"UpdateQuickConnectName"> = async (input, ctx) => {
  await ctx.tx(({ routing }) => routing.quickConnects.updateName(ctx.caller, input.InstanceId!, input.QuickConnectId!, input.Name, input.Description));
  return {};
};
