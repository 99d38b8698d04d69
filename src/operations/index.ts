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
import { StartAttachmentUpload } from "./StartAttachmentUpload.js";
import { CompleteAttachmentUpload } from "./CompleteAttachmentUpload.js";
import { GetAttachment } from "./GetAttachment.js";
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
// Routing configuration (issue 17)
import { CreateQueue } from "./CreateQueue.js";
import { DescribeQueue } from "./DescribeQueue.js";
import { ListQueues } from "./ListQueues.js";
import { UpdateQueueStatus } from "./UpdateQueueStatus.js";
import { UpdateQueueMaxContacts } from "./UpdateQueueMaxContacts.js";
import { CreateRoutingProfile } from "./CreateRoutingProfile.js";
import { DescribeRoutingProfile } from "./DescribeRoutingProfile.js";
import { ListRoutingProfiles } from "./ListRoutingProfiles.js";
import { UpdateRoutingProfileConcurrency } from "./UpdateRoutingProfileConcurrency.js";
import { AssociateRoutingProfileQueues } from "./AssociateRoutingProfileQueues.js";
import { CreateUser } from "./CreateUser.js";
import { DescribeUser } from "./DescribeUser.js";
import { ListUsers } from "./ListUsers.js";
import { SearchUsers } from "./SearchUsers.js";
import { UpdateUserRoutingProfile } from "./UpdateUserRoutingProfile.js";
import { UpdateUserConfig } from "./UpdateUserConfig.js";
import { DeleteUser } from "./DeleteUser.js";
import { ListAgentStatuses } from "./ListAgentStatuses.js";
import { CreateAgentStatus } from "./CreateAgentStatus.js";
import { PutUserStatus } from "./PutUserStatus.js";
import { ListSecurityProfiles } from "./ListSecurityProfiles.js";
import { CreateHoursOfOperation } from "./CreateHoursOfOperation.js";
import { DescribeHoursOfOperation } from "./DescribeHoursOfOperation.js";
import { StartOutboundChatContact } from "./StartOutboundChatContact.js";
import { UpdateParticipantRoleConfig } from "./UpdateParticipantRoleConfig.js";
import { CreatePersistentContactAssociation } from "./CreatePersistentContactAssociation.js";
// The matcher (issue 17): TransferContact and the agent-side extensions.
import { TransferContact } from "./TransferContact.js";
import { GetCurrentUserData } from "./GetCurrentUserData.js";
import { GetCurrentMetricData } from "./GetCurrentMetricData.js";
import { MonitorContact } from "./MonitorContact.js";
import { CreateQuickConnect } from "./CreateQuickConnect.js";
import { DescribeQuickConnect } from "./DescribeQuickConnect.js";
import { ListQuickConnects } from "./ListQuickConnects.js";
import { DeleteQuickConnect } from "./DeleteQuickConnect.js";
import { UpdateQuickConnectConfig } from "./UpdateQuickConnectConfig.js";
import { UpdateQuickConnectName } from "./UpdateQuickConnectName.js";
import { AssociateQueueQuickConnects } from "./AssociateQueueQuickConnects.js";
import { ListQueueQuickConnects } from "./ListQueueQuickConnects.js";
import { DisassociateQueueQuickConnects } from "./DisassociateQueueQuickConnects.js";
import { AcceptContact } from "./AcceptContact.js";
import { RejectContact } from "./RejectContact.js";
import { CompleteContactWork } from "./CompleteContactWork.js";
import { CreateQuickResponse } from "./CreateQuickResponse.js";
import { UpdateQuickResponse } from "./UpdateQuickResponse.js";
import { DeleteQuickResponse } from "./DeleteQuickResponse.js";
import { SearchQuickResponses } from "./SearchQuickResponses.js";

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
  StartAttachmentUpload,
  CompleteAttachmentUpload,
  GetAttachment,
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
  CreateQueue,
  DescribeQueue,
  ListQueues,
  UpdateQueueStatus,
  UpdateQueueMaxContacts,
  CreateRoutingProfile,
  DescribeRoutingProfile,
  ListRoutingProfiles,
  UpdateRoutingProfileConcurrency,
  AssociateRoutingProfileQueues,
  CreateUser,
  DescribeUser,
  ListUsers,
  SearchUsers,
  UpdateUserRoutingProfile,
  UpdateUserConfig,
  DeleteUser,
  ListAgentStatuses,
  CreateAgentStatus,
  PutUserStatus,
  ListSecurityProfiles,
  CreateHoursOfOperation,
  DescribeHoursOfOperation,
  TransferContact,
  GetCurrentUserData,
  GetCurrentMetricData,
  MonitorContact,
  CreateQuickConnect,
  DescribeQuickConnect,
  ListQuickConnects,
  DeleteQuickConnect,
  UpdateQuickConnectConfig,
  UpdateQuickConnectName,
  AssociateQueueQuickConnects,
  ListQueueQuickConnects,
  DisassociateQueueQuickConnects,
  AcceptContact,
  RejectContact,
  CompleteContactWork,
  CreateQuickResponse,
  UpdateQuickResponse,
  DeleteQuickResponse,
  SearchQuickResponses,
  StartOutboundChatContact,
  UpdateParticipantRoleConfig,
  CreatePersistentContactAssociation,
} satisfies { [N in OperationName]: Handler<N> };
