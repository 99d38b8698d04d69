// DeleteUser — removes the user and its routing state.
import type { Handler } from "./context.js";

export const DeleteUser: Handler<"DeleteUser"> = async (input, ctx) => {
  await ctx.tx(({ routing }) => routing.users.delete(ctx.caller, input.InstanceId!, input.UserId!));
  return {};
};
