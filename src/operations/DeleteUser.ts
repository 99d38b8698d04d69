// DeleteUser — removes the user and its routing state, and ends the user's session credentials (src/auth).
import type { Handler } from "./context.js";

export const DeleteUser: Handler<"DeleteUser"> = async (input, ctx) => {
  await ctx.tx(async ({ routing, sessions }) => {
    await routing.users.delete(ctx.caller, input.InstanceId!, input.UserId!);
    await sessions.deleteUserSessions(input.UserId!);
  });
  return {};
};
