// The operations the server implements: AWS name → service, HTTP binding (from the model), auth and wire types.
import type * as C from "@aws-sdk/client-connect";
import type * as P from "@aws-sdk/client-connectparticipant";
import { models, type OperationModel, type ServiceName } from "./model.js";

/** Operations whose model has no output shape answer an empty body. */
type NoOutput = Record<string, never>;

/** The extension operations' input (no SDK types them): the contact, and the acting agent for access-key callers. */
export interface AgentContactRequest {
  InstanceId: string | undefined;
  ContactId: string | undefined;
  UserId?: string;
}
export interface AcceptContactResponse {
  ParticipantId?: string;
  ParticipantCredentials?: { ParticipantToken?: string; Expiry?: string };
}

/** Quick responses (our extension; Connect keeps them in Amazon Q in Connect): the instance's canned replies. */
export interface CreateQuickResponseRequest {
  InstanceId: string | undefined;
  Name: string | undefined;
  Content: string | undefined;
  ClientToken?: string;
}
export interface UpdateQuickResponseRequest {
  InstanceId: string | undefined;
  QuickResponseId: string | undefined;
  Name?: string;
  Content?: string;
}
export interface QuickResponseRef {
  InstanceId: string | undefined;
  QuickResponseId: string | undefined;
}
export interface SearchQuickResponsesRequest {
  InstanceId: string | undefined;
  QueryText?: string;
  MaxResults?: number;
  NextToken?: string;
}
export interface QuickResponseSummary {
  Id?: string;
  Arn?: string;
  Name?: string;
  Content?: string;
  LastModifiedTime?: Date;
  LastModifiedBy?: string;
}

/** Wire input and output of each implemented operation, as the AWS SDK types them. */
export interface OperationTypes {
  SendChatIntegrationEvent: { input: C.SendChatIntegrationEventRequest; output: C.SendChatIntegrationEventResponse };
  DescribeContact: { input: C.DescribeContactRequest; output: C.DescribeContactResponse };
  GetContactAttributes: { input: C.GetContactAttributesRequest; output: C.GetContactAttributesResponse };
  UpdateContactAttributes: { input: C.UpdateContactAttributesRequest; output: C.UpdateContactAttributesResponse };
  StopContact: { input: C.StopContactRequest; output: C.StopContactResponse };
  StartChatContact: { input: C.StartChatContactRequest; output: C.StartChatContactResponse };
  CreateParticipant: { input: C.CreateParticipantRequest; output: C.CreateParticipantResponse };
  StartContactStreaming: { input: C.StartContactStreamingRequest; output: C.StartContactStreamingResponse };
  StopContactStreaming: { input: C.StopContactStreamingRequest; output: C.StopContactStreamingResponse };
  SearchContacts: { input: C.SearchContactsRequest; output: C.SearchContactsResponse };
  StartOutboundChatContact: { input: C.StartOutboundChatContactRequest; output: C.StartOutboundChatContactResponse };
  UpdateParticipantRoleConfig: { input: C.UpdateParticipantRoleConfigRequest; output: C.UpdateParticipantRoleConfigResponse };
  CreatePersistentContactAssociation: { input: C.CreatePersistentContactAssociationRequest; output: C.CreatePersistentContactAssociationResponse };
  CreateContactFlow: { input: C.CreateContactFlowRequest; output: C.CreateContactFlowResponse };
  DescribeContactFlow: { input: C.DescribeContactFlowRequest; output: C.DescribeContactFlowResponse };
  UpdateContactFlowContent: { input: C.UpdateContactFlowContentRequest; output: C.UpdateContactFlowContentResponse };
  UpdateContactFlowName: { input: C.UpdateContactFlowNameRequest; output: C.UpdateContactFlowNameResponse };
  UpdateContactFlowMetadata: { input: C.UpdateContactFlowMetadataRequest; output: C.UpdateContactFlowMetadataResponse };
  ListContactFlows: { input: C.ListContactFlowsRequest; output: C.ListContactFlowsResponse };
  DeleteContactFlow: { input: C.DeleteContactFlowRequest; output: C.DeleteContactFlowResponse };
  // Routing configuration (issue 17)
  CreateQueue: { input: C.CreateQueueRequest; output: C.CreateQueueResponse };
  DescribeQueue: { input: C.DescribeQueueRequest; output: C.DescribeQueueResponse };
  ListQueues: { input: C.ListQueuesRequest; output: C.ListQueuesResponse };
  UpdateQueueStatus: { input: C.UpdateQueueStatusRequest; output: NoOutput };
  UpdateQueueMaxContacts: { input: C.UpdateQueueMaxContactsRequest; output: NoOutput };
  CreateRoutingProfile: { input: C.CreateRoutingProfileRequest; output: C.CreateRoutingProfileResponse };
  DescribeRoutingProfile: { input: C.DescribeRoutingProfileRequest; output: C.DescribeRoutingProfileResponse };
  ListRoutingProfiles: { input: C.ListRoutingProfilesRequest; output: C.ListRoutingProfilesResponse };
  UpdateRoutingProfileConcurrency: { input: C.UpdateRoutingProfileConcurrencyRequest; output: NoOutput };
  AssociateRoutingProfileQueues: { input: C.AssociateRoutingProfileQueuesRequest; output: NoOutput };
  CreateUser: { input: C.CreateUserRequest; output: C.CreateUserResponse };
  DescribeUser: { input: C.DescribeUserRequest; output: C.DescribeUserResponse };
  ListUsers: { input: C.ListUsersRequest; output: C.ListUsersResponse };
  SearchUsers: { input: C.SearchUsersRequest; output: C.SearchUsersResponse };
  UpdateUserRoutingProfile: { input: C.UpdateUserRoutingProfileRequest; output: NoOutput };
  UpdateUserConfig: { input: C.UpdateUserConfigRequest; output: NoOutput };
  DeleteUser: { input: C.DeleteUserRequest; output: NoOutput };
  ListAgentStatuses: { input: C.ListAgentStatusRequest; output: C.ListAgentStatusResponse };
  CreateAgentStatus: { input: C.CreateAgentStatusRequest; output: C.CreateAgentStatusResponse };
  PutUserStatus: { input: C.PutUserStatusRequest; output: C.PutUserStatusResponse };
  ListSecurityProfiles: { input: C.ListSecurityProfilesRequest; output: C.ListSecurityProfilesResponse };
  CreateHoursOfOperation: { input: C.CreateHoursOfOperationRequest; output: C.CreateHoursOfOperationResponse };
  DescribeHoursOfOperation: { input: C.DescribeHoursOfOperationRequest; output: C.DescribeHoursOfOperationResponse };
  // The matcher (issue 17): Connect's TransferContact, and our agent-side extensions (model/connect-extensions.json).
  TransferContact: { input: C.TransferContactRequest; output: C.TransferContactResponse };
  GetCurrentUserData: { input: C.GetCurrentUserDataRequest; output: C.GetCurrentUserDataResponse };
  GetCurrentMetricData: { input: C.GetCurrentMetricDataRequest; output: C.GetCurrentMetricDataResponse };
  MonitorContact: { input: C.MonitorContactRequest; output: C.MonitorContactResponse };
  CreateQuickConnect: { input: C.CreateQuickConnectRequest; output: C.CreateQuickConnectResponse };
  DescribeQuickConnect: { input: C.DescribeQuickConnectRequest; output: C.DescribeQuickConnectResponse };
  ListQuickConnects: { input: C.ListQuickConnectsRequest; output: C.ListQuickConnectsResponse };
  DeleteQuickConnect: { input: C.DeleteQuickConnectRequest; output: NoOutput };
  UpdateQuickConnectConfig: { input: C.UpdateQuickConnectConfigRequest; output: NoOutput };
  UpdateQuickConnectName: { input: C.UpdateQuickConnectNameRequest; output: NoOutput };
  AssociateQueueQuickConnects: { input: C.AssociateQueueQuickConnectsRequest; output: NoOutput };
  ListQueueQuickConnects: { input: C.ListQueueQuickConnectsRequest; output: C.ListQueueQuickConnectsResponse };
  DisassociateQueueQuickConnects: { input: C.DisassociateQueueQuickConnectsRequest; output: NoOutput };
  AcceptContact: { input: AgentContactRequest; output: AcceptContactResponse };
  RejectContact: { input: AgentContactRequest; output: NoOutput };
  CompleteContactWork: { input: AgentContactRequest; output: NoOutput };
  CreateQuickResponse: { input: CreateQuickResponseRequest; output: { QuickResponseId?: string; QuickResponseArn?: string } };
  UpdateQuickResponse: { input: UpdateQuickResponseRequest; output: NoOutput };
  DeleteQuickResponse: { input: QuickResponseRef; output: NoOutput };
  SearchQuickResponses: { input: SearchQuickResponsesRequest; output: { QuickResponses?: QuickResponseSummary[]; NextToken?: string } };
  CreateParticipantConnection: { input: P.CreateParticipantConnectionRequest; output: P.CreateParticipantConnectionResponse };
  SendMessage: { input: P.SendMessageRequest; output: P.SendMessageResponse };
  SendEvent: { input: P.SendEventRequest; output: P.SendEventResponse };
  GetTranscript: { input: P.GetTranscriptRequest; output: P.GetTranscriptResponse };
  DisconnectParticipant: { input: P.DisconnectParticipantRequest; output: P.DisconnectParticipantResponse };
  StartAttachmentUpload: { input: P.StartAttachmentUploadRequest; output: P.StartAttachmentUploadResponse };
  CompleteAttachmentUpload: { input: P.CompleteAttachmentUploadRequest; output: P.CompleteAttachmentUploadResponse };
  GetAttachment: { input: P.GetAttachmentRequest; output: P.GetAttachmentResponse };
}
export type OperationName = keyof OperationTypes;
export type Input<N extends OperationName> = OperationTypes[N]["input"];
export type Output<N extends OperationName> = OperationTypes[N]["output"];

/** SigV4 for Connect; for the participant service the X-Amz-Bearer token of this kind (SigV4 headers ignored). */
export type Auth = "sigv4" | "participant-token" | "connection-token";

export interface OperationSpec {
  name: OperationName;
  service: ServiceName;
  auth: Auth;
  model: OperationModel;
  /** Error code for shape violations (min/max/enum/required) in this service. */
  validationError: "InvalidRequestException" | "ValidationException";
  /** The input member AWS marks idempotencyToken (ClientToken), if any. */
  idempotencyMember?: string;
}

const spec = (service: ServiceName, name: OperationName, auth: Auth): OperationSpec => {
  const model = models[service].operations[name];
  if (!model) throw new Error(`operation ${name} is not in the ${service} model; run scripts/gen-model.mjs`);
  const input = model.input ? models[service].shapes[model.input.shape] : undefined;
  const idempotencyMember = Object.entries(input?.members ?? {}).find(([, m]) => m.idempotencyToken)?.[0];
  return {
    name,
    service,
    auth,
    model,
    validationError: service === "connect" ? "InvalidRequestException" : "ValidationException",
    idempotencyMember,
  };
};

export const operations = {
  SendChatIntegrationEvent: spec("connect", "SendChatIntegrationEvent", "sigv4"),
  DescribeContact: spec("connect", "DescribeContact", "sigv4"),
  GetContactAttributes: spec("connect", "GetContactAttributes", "sigv4"),
  UpdateContactAttributes: spec("connect", "UpdateContactAttributes", "sigv4"),
  StopContact: spec("connect", "StopContact", "sigv4"),
  StartChatContact: spec("connect", "StartChatContact", "sigv4"),
  CreateParticipant: spec("connect", "CreateParticipant", "sigv4"),
  StartContactStreaming: spec("connect", "StartContactStreaming", "sigv4"),
  StopContactStreaming: spec("connect", "StopContactStreaming", "sigv4"),
  SearchContacts: spec("connect", "SearchContacts", "sigv4"),
  StartOutboundChatContact: spec("connect", "StartOutboundChatContact", "sigv4"),
  UpdateParticipantRoleConfig: spec("connect", "UpdateParticipantRoleConfig", "sigv4"),
  CreatePersistentContactAssociation: spec("connect", "CreatePersistentContactAssociation", "sigv4"),
  CreateContactFlow: spec("connect", "CreateContactFlow", "sigv4"),
  DescribeContactFlow: spec("connect", "DescribeContactFlow", "sigv4"),
  UpdateContactFlowContent: spec("connect", "UpdateContactFlowContent", "sigv4"),
  UpdateContactFlowName: spec("connect", "UpdateContactFlowName", "sigv4"),
  UpdateContactFlowMetadata: spec("connect", "UpdateContactFlowMetadata", "sigv4"),
  ListContactFlows: spec("connect", "ListContactFlows", "sigv4"),
  DeleteContactFlow: spec("connect", "DeleteContactFlow", "sigv4"),
  CreateQueue: spec("connect", "CreateQueue", "sigv4"),
  DescribeQueue: spec("connect", "DescribeQueue", "sigv4"),
  ListQueues: spec("connect", "ListQueues", "sigv4"),
  UpdateQueueStatus: spec("connect", "UpdateQueueStatus", "sigv4"),
  UpdateQueueMaxContacts: spec("connect", "UpdateQueueMaxContacts", "sigv4"),
  CreateRoutingProfile: spec("connect", "CreateRoutingProfile", "sigv4"),
  DescribeRoutingProfile: spec("connect", "DescribeRoutingProfile", "sigv4"),
  ListRoutingProfiles: spec("connect", "ListRoutingProfiles", "sigv4"),
  UpdateRoutingProfileConcurrency: spec("connect", "UpdateRoutingProfileConcurrency", "sigv4"),
  AssociateRoutingProfileQueues: spec("connect", "AssociateRoutingProfileQueues", "sigv4"),
  CreateUser: spec("connect", "CreateUser", "sigv4"),
  DescribeUser: spec("connect", "DescribeUser", "sigv4"),
  ListUsers: spec("connect", "ListUsers", "sigv4"),
  SearchUsers: spec("connect", "SearchUsers", "sigv4"),
  UpdateUserRoutingProfile: spec("connect", "UpdateUserRoutingProfile", "sigv4"),
  UpdateUserConfig: spec("connect", "UpdateUserConfig", "sigv4"),
  DeleteUser: spec("connect", "DeleteUser", "sigv4"),
  ListAgentStatuses: spec("connect", "ListAgentStatuses", "sigv4"),
  CreateAgentStatus: spec("connect", "CreateAgentStatus", "sigv4"),
  PutUserStatus: spec("connect", "PutUserStatus", "sigv4"),
  ListSecurityProfiles: spec("connect", "ListSecurityProfiles", "sigv4"),
  CreateHoursOfOperation: spec("connect", "CreateHoursOfOperation", "sigv4"),
  DescribeHoursOfOperation: spec("connect", "DescribeHoursOfOperation", "sigv4"),
  TransferContact: spec("connect", "TransferContact", "sigv4"),
  GetCurrentUserData: spec("connect", "GetCurrentUserData", "sigv4"),
  GetCurrentMetricData: spec("connect", "GetCurrentMetricData", "sigv4"),
  MonitorContact: spec("connect", "MonitorContact", "sigv4"),
  CreateQuickConnect: spec("connect", "CreateQuickConnect", "sigv4"),
  DescribeQuickConnect: spec("connect", "DescribeQuickConnect", "sigv4"),
  ListQuickConnects: spec("connect", "ListQuickConnects", "sigv4"),
  DeleteQuickConnect: spec("connect", "DeleteQuickConnect", "sigv4"),
  UpdateQuickConnectConfig: spec("connect", "UpdateQuickConnectConfig", "sigv4"),
  UpdateQuickConnectName: spec("connect", "UpdateQuickConnectName", "sigv4"),
  AssociateQueueQuickConnects: spec("connect", "AssociateQueueQuickConnects", "sigv4"),
  ListQueueQuickConnects: spec("connect", "ListQueueQuickConnects", "sigv4"),
  DisassociateQueueQuickConnects: spec("connect", "DisassociateQueueQuickConnects", "sigv4"),
  AcceptContact: spec("connect", "AcceptContact", "sigv4"),
  RejectContact: spec("connect", "RejectContact", "sigv4"),
  CompleteContactWork: spec("connect", "CompleteContactWork", "sigv4"),
  CreateQuickResponse: spec("connect", "CreateQuickResponse", "sigv4"),
  UpdateQuickResponse: spec("connect", "UpdateQuickResponse", "sigv4"),
  DeleteQuickResponse: spec("connect", "DeleteQuickResponse", "sigv4"),
  SearchQuickResponses: spec("connect", "SearchQuickResponses", "sigv4"),
  CreateParticipantConnection: spec("connectparticipant", "CreateParticipantConnection", "participant-token"),
  SendMessage: spec("connectparticipant", "SendMessage", "connection-token"),
  SendEvent: spec("connectparticipant", "SendEvent", "connection-token"),
  GetTranscript: spec("connectparticipant", "GetTranscript", "connection-token"),
  DisconnectParticipant: spec("connectparticipant", "DisconnectParticipant", "connection-token"),
  StartAttachmentUpload: spec("connectparticipant", "StartAttachmentUpload", "connection-token"),
  CompleteAttachmentUpload: spec("connectparticipant", "CompleteAttachmentUpload", "connection-token"),
  GetAttachment: spec("connectparticipant", "GetAttachment", "connection-token"),
} satisfies Record<OperationName, OperationSpec>;
