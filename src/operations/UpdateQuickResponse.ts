// UpdateQuickResponse — connect-chat extension (see CreateQuickResponse.ts): a new Name, Content or both; a member
// left out is kept. A name another quick response of the instance has is DuplicateResourceException.
import type { Handler } from "./context.js";

export const UpdateQuickResponse: Handler<"UpdateQuickResponse"> = async (input, ctx) => {
  await ctx.tx(({ routing }) => routing.quickResponses.update(ctx.caller, input.InstanceId!, input.QuickResponseId!, { name: input.Name, content: input.Content }));
  return {};
};
