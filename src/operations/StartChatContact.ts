// StartChatContact — a web chat: the customer participant (joined), its ParticipantToken, the initial message, and
// its flow (ContactFlowId: unknown is ResourceNotFoundException, unpublished or archived InvalidRequestException)
// run until it waits, in the same transaction. PersistentChat continues an ended chat (src/domain/persistent.ts);
// RelatedContactId copies the related contact's attributes; SegmentAttributes, CustomerId and ParticipantConfiguration
// are kept on the contact (DescribeContact); DisconnectOnCustomerExit sends the customer who leaves into the disconnect
// flow with the agents disconnected (participants.ts). Knowingly differs from AWS: the exact
// error messages of persistent chat are ours (Connect documents the rules, not the texts).
import type { Handler } from "./context.js";

export const StartChatContact: Handler<"StartChatContact"> = async (input, ctx) => {
  const r = await ctx.tx(({ participants }) =>
    participants.startChat(ctx.caller, {
      instanceId: input.InstanceId!,
      contactFlowId: input.ContactFlowId!,
      displayName: input.ParticipantDetails!.DisplayName!,
      attributes: input.Attributes,
      initialMessage: input.InitialMessage && { contentType: input.InitialMessage.ContentType!, content: input.InitialMessage.Content! },
      chatDurationMinutes: input.ChatDurationInMinutes,
      supportedContentTypes: input.SupportedMessagingContentTypes,
      options: {
        persistentChat: input.PersistentChat && { rehydrationType: input.PersistentChat.RehydrationType, sourceContactId: input.PersistentChat.SourceContactId },
        relatedContactId: input.RelatedContactId,
        segmentAttributes: input.SegmentAttributes as Record<string, never> | undefined,
        customerId: input.CustomerId,
        disconnectOnCustomerExit: input.DisconnectOnCustomerExit,
        responseMode: input.ParticipantConfiguration?.ResponseMode,
      },
    }),
  );
  return { ContactId: r.contactId, ParticipantId: r.participantId, ParticipantToken: r.participantToken, ContinuedFromContactId: r.continuedFromContactId };
};
