// DeleteQuickResponse — connect-chat extension (see CreateQuickResponse.ts): removes it; an unknown id is ResourceNotFound.
import type { Handler } from "./context.js";

export const DeleteQuickResponse: Handler<"DeleteQuickResponse"> = async (input, ctx) => {
  await ctx.tx(({ routing }) => routing.quickResponses.delete(ctx.caller, input.InstanceId!, input.QuickResponseId!));
  return {};
};
