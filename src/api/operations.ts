// The operations the server implements: AWS name → service, HTTP binding (from the model), auth and wire types.
import type * as C from "@aws-sdk/client-connect";
import type * as P from "@aws-sdk/client-connectparticipant";
import { models, type OperationModel, type ServiceName } from "./model.js";

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
  CreateContactFlow: { input: C.CreateContactFlowRequest; output: C.CreateContactFlowResponse };
  DescribeContactFlow: { input: C.DescribeContactFlowRequest; output: C.DescribeContactFlowResponse };
  UpdateContactFlowContent: { input: C.UpdateContactFlowContentRequest; output: C.UpdateContactFlowContentResponse };
  UpdateContactFlowName: { input: C.UpdateContactFlowNameRequest; output: C.UpdateContactFlowNameResponse };
  UpdateContactFlowMetadata: { input: C.UpdateContactFlowMetadataRequest; output: C.UpdateContactFlowMetadataResponse };
  ListContactFlows: { input: C.ListContactFlowsRequest; output: C.ListContactFlowsResponse };
  DeleteContactFlow: { input: C.DeleteContactFlowRequest; output: C.DeleteContactFlowResponse };
  CreateParticipantConnection: { input: P.CreateParticipantConnectionRequest; output: P.CreateParticipantConnectionResponse };
  SendMessage: { input: P.SendMessageRequest; output: P.SendMessageResponse };
  SendEvent: { input: P.SendEventRequest; output: P.SendEventResponse };
  GetTranscript: { input: P.GetTranscriptRequest; output: P.GetTranscriptResponse };
  DisconnectParticipant: { input: P.DisconnectParticipantRequest; output: P.DisconnectParticipantResponse };
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
  CreateContactFlow: spec("connect", "CreateContactFlow", "sigv4"),
  DescribeContactFlow: spec("connect", "DescribeContactFlow", "sigv4"),
  UpdateContactFlowContent: spec("connect", "UpdateContactFlowContent", "sigv4"),
  UpdateContactFlowName: spec("connect", "UpdateContactFlowName", "sigv4"),
  UpdateContactFlowMetadata: spec("connect", "UpdateContactFlowMetadata", "sigv4"),
  ListContactFlows: spec("connect", "ListContactFlows", "sigv4"),
  DeleteContactFlow: spec("connect", "DeleteContactFlow", "sigv4"),
  CreateParticipantConnection: spec("connectparticipant", "CreateParticipantConnection", "participant-token"),
  SendMessage: spec("connectparticipant", "SendMessage", "connection-token"),
  SendEvent: spec("connectparticipant", "SendEvent", "connection-token"),
  GetTranscript: spec("connectparticipant", "GetTranscript", "connection-token"),
  DisconnectParticipant: spec("connectparticipant", "DisconnectParticipant", "connection-token"),
} satisfies Record<OperationName, OperationSpec>;
