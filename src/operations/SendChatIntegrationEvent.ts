// SendChatIntegrationEvent — finds or creates the chat for (SourceId, DestinationId, Subtype), then applies Event.
// Knowingly differs from AWS: open to every configured account (AWS restricts it to End User Messaging);
// Subtype is compared case-insensitively; EVENT/DISCONNECT without a chat answer 200 with no InitialContactId.
import type { Input } from "../api/operations.js";
import type { IntegrationEvent } from "../domain/chats.js";
import type { Handler } from "./context.js";

export const SendChatIntegrationEvent: Handler<"SendChatIntegrationEvent"> = async (input, ctx) => {
  const r = await ctx.tx(({ chats }) => chats.integrationEvent(ctx.caller, toIntegrationEvent(input)));
  return { InitialContactId: r.initialContactId, NewChatCreated: r.newChatCreated };
};

function toIntegrationEvent(input: Input<"SendChatIntegrationEvent">): IntegrationEvent {
  const ns = input.NewSessionDetails;
  return {
    sourceId: input.SourceId!,
    destinationId: input.DestinationId!,
    subtype: input.Subtype,
    event: { type: input.Event!.Type as IntegrationEvent["event"]["type"], contentType: input.Event!.ContentType, content: input.Event!.Content },
    newSession: ns && {
      supportedContentTypes: ns.SupportedMessagingContentTypes,
      displayName: ns.ParticipantDetails?.DisplayName,
      attributes: ns.Attributes,
      streamingEndpointArn: ns.StreamingConfiguration?.StreamingEndpointArn,
    },
  };
}
