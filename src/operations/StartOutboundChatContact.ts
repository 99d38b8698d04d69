// StartOutboundChatContact — an agent-initiated SMS chat: from a destination's phone number to a customer's, its
// InitialSystemMessage sent out through the destination's SMS provider. Knowingly differs from AWS: only
// connect:SMS (no WhatsApp); ContactFlowId is recorded as the destination's, not run; a second chat with a number
// that already has an active one is a ConflictException; InitialTemplatedSystemMessage is accepted and ignored.
// RelatedContactId links the new contact to one of the instance's (DescribeContact's RelatedContactId) and copies its
// attributes under the request's, as StartChatContact's does (the copy is our reading of that page; the outbound
// page only says "related to the contact starting"); unknown: ResourceNotFoundException. SegmentAttributes are kept
// whole (DescribeContact, SearchContacts). PersistentChat is not a member of this operation in Connect's model: an
// outbound chat starts as no rehydration (CreatePersistentContactAssociation can make it one afterwards).
import type { Handler } from "./context.js";

export const StartOutboundChatContact: Handler<"StartOutboundChatContact"> = async (input, ctx) => {
  const r = await ctx.tx(({ outbound }) =>
    outbound.startOutbound(ctx.caller, {
      instanceId: input.InstanceId!,
      source: { type: input.SourceEndpoint?.Type, address: input.SourceEndpoint?.Address },
      destination: { type: input.DestinationEndpoint?.Type, address: input.DestinationEndpoint?.Address },
      subtype: input.SegmentAttributes?.["connect:Subtype"]?.ValueString,
      segmentAttributes: input.SegmentAttributes,
      relatedContactId: input.RelatedContactId,
      attributes: input.Attributes,
      displayName: input.ParticipantDetails?.DisplayName,
      supportedContentTypes: input.SupportedMessagingContentTypes,
      initialMessage: input.InitialSystemMessage && { contentType: input.InitialSystemMessage.ContentType, content: input.InitialSystemMessage.Content },
    }),
  );
  return { ContactId: r.contactId };
};
