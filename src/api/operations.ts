// The operations the server implements: AWS name → service, HTTP binding (from the model), auth and wire types.
import type * as C from "@aws-sdk/client-connect";
import { models, type OperationModel, type ServiceName } from "./model.js";

/** Wire input and output of each implemented operation, as the AWS SDK types them. */
export interface OperationTypes {
  SendChatIntegrationEvent: { input: C.SendChatIntegrationEventRequest; output: C.SendChatIntegrationEventResponse };
  DescribeContact: { input: C.DescribeContactRequest; output: C.DescribeContactResponse };
  GetContactAttributes: { input: C.GetContactAttributesRequest; output: C.GetContactAttributesResponse };
  UpdateContactAttributes: { input: C.UpdateContactAttributesRequest; output: C.UpdateContactAttributesResponse };
  StopContact: { input: C.StopContactRequest; output: C.StopContactResponse };
}
export type OperationName = keyof OperationTypes;
export type Input<N extends OperationName> = OperationTypes[N]["input"];
export type Output<N extends OperationName> = OperationTypes[N]["output"];

export type Auth = "sigv4" | "bearer";

export interface OperationSpec {
  name: OperationName;
  service: ServiceName;
  auth: Auth;
  model: OperationModel;
  /** Error code for shape violations (min/max/enum/required) in this service. */
  validationError: "InvalidRequestException" | "ValidationException";
}

const spec = (service: ServiceName, name: OperationName, auth: Auth): OperationSpec => {
  const model = models[service].operations[name];
  if (!model) throw new Error(`operation ${name} is not in the ${service} model; run scripts/gen-model.mjs`);
  return {
    name,
    service,
    auth,
    model,
    validationError: service === "connect" ? "InvalidRequestException" : "ValidationException",
  };
};

export const operations = {
  SendChatIntegrationEvent: spec("connect", "SendChatIntegrationEvent", "sigv4"),
  DescribeContact: spec("connect", "DescribeContact", "sigv4"),
  GetContactAttributes: spec("connect", "GetContactAttributes", "sigv4"),
  UpdateContactAttributes: spec("connect", "UpdateContactAttributes", "sigv4"),
  StopContact: spec("connect", "StopContact", "sigv4"),
} satisfies Record<OperationName, OperationSpec>;
