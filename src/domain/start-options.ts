// StartChatContact's members beyond the basics — PersistentChat, RelatedContactId, SegmentAttributes, CustomerId,
// DisconnectOnCustomerExit, ParticipantConfiguration — checked as Connect checks them and turned into what the new
// contact record carries. Nothing is written here; the caller claims the rehydration once the contact exists.
import { InvalidRequestException } from "../api/errors.js";
import { PersistentChats, type PersistentRequest, type Rehydration } from "./persistent.js";
import { ATTRIBUTE_KEY, CT } from "./rules.js";
import type { Caller, Contact, SegmentAttributeValue } from "./types.js";

export interface StartOptions {
  persistentChat?: PersistentRequest;
  relatedContactId?: string;
  segmentAttributes?: Record<string, SegmentAttributeValue>;
  customerId?: string;
  disconnectOnCustomerExit?: string[];
  responseMode?: string;
}

/** What the new chat's contact gets from the options, and the attributes it inherits from a related contact. */
export interface StartExtras {
  fields: Pick<Contact, "rehydration" | "relatedContactId" | "segmentAttributes" | "customerId" | "disconnectOnCustomerExit" | "responseMode">;
  inheritedAttributes: Record<string, string>;
  rehydration?: Rehydration;
}

export async function startExtras(pc: PersistentChats, caller: Caller, instanceId: string, o: StartOptions, supportedTypes: readonly string[]): Promise<StartExtras> {
  if (o.persistentChat && o.relatedContactId !== undefined)
    throw new InvalidRequestException("You cannot provide data for both RelatedContactId and PersistentChat");
  if (o.segmentAttributes) checkSegmentAttributes(o.segmentAttributes, supportedTypes);
  let rehydration: Rehydration | undefined;
  let related: Contact | undefined;
  if (o.persistentChat) {
    rehydration = await pc.resolve(caller, instanceId, o.persistentChat, "PersistentChat");
    related = await pc.contact(caller, instanceId, rehydration.continuedFromContactId, "PersistentChat.SourceContactId");
  } else if (o.relatedContactId !== undefined) {
    related = await pc.contact(caller, instanceId, o.relatedContactId, "RelatedContactId");
  }
  return {
    rehydration,
    // "This new contact contains a copy of the contact properties from the related contact": its attributes, under the request's own.
    inheritedAttributes: related ? { ...related.attributes } : {},
    fields: {
      ...(rehydration ? { rehydration } : {}),
      ...(related ? { relatedContactId: related.id } : {}),
      ...(o.segmentAttributes ? { segmentAttributes: o.segmentAttributes } : {}),
      ...(o.customerId !== undefined ? { customerId: o.customerId } : {}),
      ...(o.disconnectOnCustomerExit ? { disconnectOnCustomerExit: o.disconnectOnCustomerExit } : {}),
      ...(o.responseMode !== undefined ? { responseMode: o.responseMode } : {}),
    },
  };
}

/**
 * Connect's rules for SegmentAttributes: user keys of alphanumerics, `-` and `_` (system keys start with `connect:`);
 * ValueList and ValueArn only on system keys; `connect:Subtype` = `connect:Guide` needs both interactive types.
 */
export function checkSegmentAttributes(attrs: Record<string, SegmentAttributeValue>, supportedTypes: readonly string[]) {
  for (const [key, value] of Object.entries(attrs)) {
    const system = key.startsWith("connect:");
    if (!system && !ATTRIBUTE_KEY.test(key))
      throw new InvalidRequestException(`SegmentAttributes key '${key}' may contain only alphanumeric characters, '-' and '_'`);
    if (!system && (value.ValueList !== undefined || value.ValueArn !== undefined))
      throw new InvalidRequestException(`SegmentAttributes.${key}: ValueList and ValueArn are supported only for system-defined attributes`);
  }
  const subtype = attrs["connect:Subtype"]?.ValueString;
  if (subtype === "connect:Guide" && !(supportedTypes.includes(CT.interactive) && supportedTypes.includes(CT.interactiveResponse)))
    throw new InvalidRequestException(
      `SegmentAttributes connect:Subtype connect:Guide needs ${CT.interactive} and ${CT.interactiveResponse} in SupportedMessagingContentTypes`,
    );
}
