// CreateQuickConnect — a transfer destination: USER or QUEUE (with the transfer flow's id), PHONE_NUMBER (E.164,
// stored as Connect stores it; chat transfers use USER and QUEUE ones) or FLOW.
import type { Handler } from "./context.js";
import { arnOf, quickConnectConfigIn } from "./routing-wire.js";

export const CreateQuickConnect: Handler<"CreateQuickConnect"> = async (input, ctx) => {
  const q = await ctx.tx(({ routing }) =>
    routing.quickConnects.create(ctx.caller, input.InstanceId!, { name: input.Name!, description: input.Description, config: quickConnectConfigIn(input.QuickConnectConfig!), tags: input.Tags }),
  );
  return { QuickConnectId: q.id, QuickConnectARN: arnOf("quickConnect", q, ctx.region) };
};
