// DescribeContact — a chat contact as Connect describes it (timestamps become epoch seconds on the wire).
// Knowingly differs from AWS: only the members a chat of this server has are returned (QueueInfo is the queue a flow's TransferContactToQueue
// set, with no routing behind it yet; AgentInfo is the
// first AGENT participant — our extension's agents — with its ParticipantId as Id, as SearchContacts has it);
// SystemEndpoint carries the DestinationId as its Address (Connect would show the imported phone number).
// RelatedContactId: StartChatContact's or StartOutboundChatContact's, or for a persistent chat (PersistentChat,
// CreatePersistentContactAssociation, the flow block, a destination's persistentChat) the contact it continues, as
// Connect's contact record carries it. A transferred chat is a chain of contacts (domain/segments.ts): the new one has
// PreviousContactId, the chain's InitialContactId and InitiationMethod TRANSFER; the one before answers as the record
// it ended as (DisconnectTimestamp the transfer's time, its agent and queue, no DisconnectReason).
import type { Contact } from "../domain/types.js";
import type { Handler } from "./context.js";

export const DescribeContact: Handler<"DescribeContact"> = async (input, ctx) => {
  const c = await ctx.tx(({ chats }) => chats.contact(ctx.caller, input.InstanceId!, input.ContactId!));
  return { Contact: describe(c, ctx.region) };
};

function describe(c: Contact, region: string) {
  const sms = c.identity;
  return {
    Arn: `arn:aws:connect:${region}:${c.accountId}:instance/${c.instanceId}/contact/${c.id}`,
    Id: c.id,
    InitialContactId: c.initialContactId,
    PreviousContactId: c.previousContactId,
    Channel: c.channel,
    InitiationMethod: c.initiationMethod,
    InitiationTimestamp: new Date(c.initiatedAt),
    ConnectedToSystemTimestamp: new Date(c.initiatedAt),
    DisconnectTimestamp: c.endedAt !== undefined ? new Date(c.endedAt) : undefined,
    QueueInfo: c.queue ? { Id: c.queue.id, EnqueueTimestamp: new Date(c.queue.enqueuedAt) } : undefined,
    QueuePriority: c.queue?.priority,
    AgentInfo: c.agent ? { Id: c.agent.id, ConnectedToAgentTimestamp: new Date(c.agent.connectedAt) } : undefined,
    LastUpdateTimestamp: new Date(c.updatedAt),
    CustomerEndpoint: sms ? { Type: "TELEPHONE_NUMBER" as const, Address: sms.sourceId } : undefined,
    SystemEndpoint: sms ? { Address: sms.destinationId } : undefined,
    SegmentAttributes: segmentAttributes(c),
    RelatedContactId: c.relatedContactId,
    CustomerId: c.customerId,
    Attributes: c.attributes,
    DisconnectReason: c.endReason,
  };
}

/** StartChatContact's SegmentAttributes, and connect:Subtype of SMS and WhatsApp chats. */
function segmentAttributes(c: Contact) {
  if (!c.subtype && !c.segmentAttributes) return undefined;
  return { ...c.segmentAttributes, ...(c.subtype ? { "connect:Subtype": { ValueString: c.subtype } } : {}) };
}
