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
import { CreateContactFlow } from "./CreateContactFlow.js";
import { DescribeContactFlow } from "./DescribeContactFlow.js";
import { UpdateContactFlowContent } from "./UpdateContactFlowContent.js";
import { UpdateContactFlowName } from "./UpdateContactFlowName.js";
import { UpdateContactFlowMetadata } from "./UpdateContactFlowMetadata.js";
import { ListContactFlows } from "./ListContactFlows.js";
import { DeleteContactFlow } from "./DeleteContactFlow.js";
import { StartOutboundChatContact } from "./StartOutboundChatContact.js";

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
  CreateContactFlow,
  DescribeContactFlow,
  UpdateContactFlowContent,
  UpdateContactFlowName,
  UpdateContactFlowMetadata,
  ListContactFlows,
  DeleteContactFlow,
  StartOutboundChatContact,
} satisfies { [N in OperationName]: Handler<N> };
