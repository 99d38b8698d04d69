// CreateQuickResponse — connect-chat extension: a quick response (canned reply) shared by the instance. Amazon Connect
// keeps quick responses in an Amazon Q in Connect knowledge base (qconnect's CreateQuickResponse, keyed by a
// knowledge base, signed for "wisdom"); this server has no Q in Connect, so they belong to the instance and are served
// on Connect's own SigV4 edge with InstanceId in the path, as every Connect instance resource is. That edge already
// gives them session credentials, security-profile grants (SearchQuickResponses for every agent, the changes for
// supervisors: src/auth/permissions.ts), model validation, ClientToken idempotency and AWS-shaped errors.
import type { Handler } from "./context.js";
import { arnOf } from "./routing-wire.js";

export const CreateQuickResponse: Handler<"CreateQuickResponse"> = async (input, ctx) => {
  const r = await ctx.tx(({ routing }) => routing.quickResponses.create(ctx.caller, input.InstanceId!, { name: input.Name!, content: input.Content! }));
  return { QuickResponseId: r.id, QuickResponseArn: arnOf("quickResponse", r, ctx.region) };
};
