// StartChatContact — a web chat: the customer participant (joined), its ParticipantToken, the initial message, and
// its flow (ContactFlowId: unknown is ResourceNotFoundException, unpublished or archived InvalidRequestException)
// run until it waits, in the same transaction. Knowingly differs from AWS: PersistentChat,
// RelatedContactId, SegmentAttributes, CustomerId and ParticipantConfiguration are accepted and ignored.
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
    }),
  );
  return { ContactId: r.contactId, ParticipantId: r.participantId, ParticipantToken: r.participantToken };
};
