// The handler table: one entry per implemented operation; a missing one fails to compile.
import type { OperationName } from "../api/operations.js";
import type { Handler } from "./context.js";
import { DescribeContact } from "./DescribeContact.js";
import { GetContactAttributes } from "./GetContactAttributes.js";
import { SendChatIntegrationEvent } from "./SendChatIntegrationEvent.js";
import { StopContact } from "./StopContact.js";
import { UpdateContactAttributes } from "./UpdateContactAttributes.js";
import { StartChatContact } from "./StartChatContact.js";
import { CreateParticipant } from "./CreateParticipant.js";
import { CreateParticipantConnection } from "./CreateParticipantConnection.js";
import { SendMessage } from "./SendMessage.js";
import { SendEvent } from "./SendEvent.js";
import { GetTranscript } from "./GetTranscript.js";
import { DisconnectParticipant } from "./DisconnectParticipant.js";
import { StartContactStreaming } from "./StartContactStreaming.js";
import { StopContactStreaming } from "./StopContactStreaming.js";
import { SearchContacts } from "./SearchContacts.js";

export const handlers = {
  SendChatIntegrationEvent,
  DescribeContact,
  GetContactAttributes,
  UpdateContactAttributes,
  StopContact,
  StartChatContact,
  CreateParticipant,
  CreateParticipantConnection,
  SendMessage,
  SendEvent,
  GetTranscript,
  DisconnectParticipant,
  StartContactStreaming,
  StopContactStreaming,
  SearchContacts,
} satisfies { [N in OperationName]: Handler<N> };
