// TransferContact — a chat to another queue (QueueId) or to an agent (UserId, through the agent's own queue). As in
// Connect, the chat goes on as a new contact (InitiationMethod TRANSFER, PreviousContactId the given one, same
// InitialContactId; domain/segments.ts), answered as {ContactId, ContactArn}: the given contact ends, its connected
// agent goes into after-contact work on it, and the matcher offers the new contact in the target queue. The customer
// keeps its participant, tokens, socket and transcript. Knowingly differs from AWS: ContactFlowId (the transfer flow,
// required by the model) is not run.
import type { Handler } from "./context.js";

export const TransferContact: Handler<"TransferContact"> = async (input, ctx) => {
  const chat = await ctx.tx(({ routed }) => routed.transfer(ctx.caller, input.InstanceId!, input.ContactId!, { queueId: input.QueueId, userId: input.UserId }));
  return { ContactId: chat.id, ContactArn: `arn:aws:connect:${ctx.region}:${ctx.caller.accountId}:instance/${input.InstanceId}/contact/${chat.id}` };
};
