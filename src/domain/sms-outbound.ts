// StartOutboundChatContact for SMS: an agent-initiated chat from a destination (SourceEndpoint: its phone-number
// ARN, CONNECT_PHONENUMBER_ARN) to a customer's number (DestinationEndpoint, TELEPHONE_NUMBER). The chat is the one
// that number's texts to the destination then continue (identity SourceId = the customer's number, Subtype
// connect:sms); InitialSystemMessage goes out to the phone through the outbox as a SYSTEM message.
import { ConflictException, InvalidRequestException, ResourceNotFoundException } from "../api/errors.js";
import { Chats } from "./chats.js";
import type { Sender } from "./chat-base.js";
import { checkAttributes, checkMessage, checkSupportedContentTypes, E164, subtypeRule } from "./rules.js";
import { checkSmsLength } from "./sms.js";
import { checkSegmentAttributes } from "./start-options.js";
import type { Caller, Contact, SegmentAttributeValue } from "./types.js";

export interface OutboundChat {
  instanceId: string;
  source: { type?: string; address?: string };
  destination: { type?: string; address?: string };
  /** SegmentAttributes' connect:Subtype ValueString. */
  subtype?: string;
  /** The whole SegmentAttributes map: kept on the contact (DescribeContact, SearchContacts) as StartChatContact's. */
  segmentAttributes?: Record<string, SegmentAttributeValue>;
  /** RelatedContactId: a contact of the instance this one is linked to (DescribeContact), its attributes copied. */
  relatedContactId?: string;
  attributes?: Record<string, string>;
  displayName?: string;
  supportedContentTypes?: string[];
  initialMessage?: { contentType?: string; content?: string };
}

const SYSTEM: Sender = { id: "SYSTEM", displayName: "SYSTEM_MESSAGE", role: "SYSTEM" };

export class OutboundChats extends Chats {
  async startOutbound(caller: Caller, o: OutboundChat): Promise<{ contactId: string }> {
    if (!this.env.directory.hasInstance(caller.accountId, o.instanceId))
      throw new ResourceNotFoundException(`Instance '${o.instanceId}' was not found in account ${caller.accountId}`);
    if (o.source.type !== "CONNECT_PHONENUMBER_ARN") throw new InvalidRequestException("SourceEndpoint.Type must be CONNECT_PHONENUMBER_ARN");
    if (o.destination.type !== "TELEPHONE_NUMBER") throw new InvalidRequestException("DestinationEndpoint.Type must be TELEPHONE_NUMBER");
    const to = o.destination.address ?? "";
    if (!E164.test(to)) throw new InvalidRequestException(`DestinationEndpoint.Address '${to}' must be an E.164 phone number (+ then 2 to 15 digits)`);
    if ((o.subtype ?? "").toLowerCase() !== "connect:sms")
      throw new InvalidRequestException(`SegmentAttributes connect:Subtype must be connect:SMS (got '${o.subtype ?? ""}'); only SMS is sent here`);
    const from = o.source.address ?? "";
    const d = this.env.directory.destination(from);
    if (!d || d.accountId !== caller.accountId || d.instanceId !== o.instanceId)
      throw new ResourceNotFoundException(`SourceEndpoint.Address '${from}' is not a phone number of instance ${o.instanceId}`);
    if (!d.sms) throw new InvalidRequestException(`SourceEndpoint.Address '${from}' has no SMS provider configured (sms)`);
    // As StartChatContact's RelatedContactId: the related contact must be one of the instance's (any state), and the
    // new contact starts with a copy of its attributes under the request's own.
    const related: Contact | undefined = o.relatedContactId !== undefined ? await this.contact(caller, o.instanceId, o.relatedContactId, "RelatedContactId") : undefined;
    const attributes = related ? { ...related.attributes, ...o.attributes } : o.attributes;
    if (attributes) checkAttributes("Attributes", attributes);
    if (o.segmentAttributes) checkSegmentAttributes(o.segmentAttributes, o.supportedContentTypes ?? ["text/plain"]);
    if (o.supportedContentTypes) checkSupportedContentTypes("SupportedMessagingContentTypes", o.supportedContentTypes);
    const m = o.initialMessage;
    if (m) {
      checkMessage("InitialSystemMessage", m.contentType, m.content, ["text/plain"], true);
      checkSmsLength("SYSTEM", m.content!, d.sms.maxSegments, d.sms.split);
    }
    const optedOut = await this.tx.smsOptedOut(d.destinationId, to);
    if (optedOut !== undefined)
      throw new InvalidRequestException(`${to} opted out of SMS from this destination (texted STOP at ${new Date(optedOut).toISOString()}); no chat was started`);
    const identity = { accountId: caller.accountId, destinationId: d.destinationId, sourceId: to, subtypeKey: "connect:sms" };
    const active = await this.activeChat(identity);
    if (active) throw new ConflictException(`An SMS chat with ${to} from this number is already active (ContactId ${active.id})`);
    const { chat, created } = await this.createIntegrationChat(
      identity,
      d,
      subtypeRule("SegmentAttributes", "connect:sms")?.canonical,
      { displayName: o.displayName, attributes, supportedContentTypes: o.supportedContentTypes },
      { ...(related ? { relatedContactId: related.id } : {}), ...(o.segmentAttributes ? { segmentAttributes: o.segmentAttributes } : {}) },
    );
    if (!created) throw new ConflictException(`An SMS chat with ${to} from this number is already active (ContactId ${chat.id})`);
    if (m) await this.append(chat, { Type: "MESSAGE", ContentType: m.contentType!, Content: m.content }, SYSTEM, "ALL", true);
    return { contactId: chat.id };
  }
}
