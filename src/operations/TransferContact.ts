// TransferContact — a chat to another queue (QueueId) or to an agent (UserId, through the agent's own queue). A
// connected agent leaves the chat into after-contact work; the matcher offers the chat in its new queue. Knowingly
// differs from AWS: the chat keeps its contact id (Connect answers a new ContactId for the transferred leg), and
// ContactFlowId (the transfer flow, required by the model) is not run.
import type { Handler } from "./context.js";

export const TransferContact: Handler<"TransferContact"> = async (input, ctx) => {
  const chat = await ctx.tx(({ routed }) => routed.transfer(ctx.caller, input.InstanceId!, input.ContactId!, { queueId: input.QueueId, userId: input.UserId }));
  return { ContactId: chat.id, ContactArn: `arn:aws:connect:${ctx.region}:${ctx.caller.accountId}:instance/${input.InstanceId}/contact/${chat.id}` };
};
