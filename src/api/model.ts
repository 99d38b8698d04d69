// The AWS wire model (a trimmed copy of botocore's, see scripts/gen-model.mjs) as typed data for server and CLI.
import connectJson from "./model/connect.json" with { type: "json" };
import participantJson from "./model/connectparticipant.json" with { type: "json" };
import extensionsJson from "./model/connect-extensions.json" with { type: "json" };

export interface MemberRef {
  shape: string;
  location?: "uri" | "querystring" | "header" | "headers" | "statusCode";
  locationName?: string;
  idempotencyToken?: boolean;
  documentation?: string;
  deprecated?: boolean;
  jsonvalue?: boolean;
}

export interface Shape {
  type: "structure" | "list" | "map" | "string" | "integer" | "long" | "boolean" | "timestamp" | "blob" | "double" | "float";
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  min?: number;
  max?: number;
  enum?: string[];
  pattern?: string;
  error?: { httpStatusCode: number; senderFault?: boolean };
  exception?: boolean;
  union?: boolean;
  sensitive?: boolean;
  timestampFormat?: string;
  documentation?: string;
}

export interface OperationModel {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string };
  errors: string[];
  documentation: string;
  /** An operation of connect-chat that AWS does not have (model/connect-extensions.json). */
  extension?: boolean;
}

export interface ServiceModel {
  metadata: Record<string, unknown> & { signingName?: string; endpointPrefix: string; serviceId: string };
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}

/**
 * Connect's model with our extension operations (the agent side of routing, which Connect's CCP does through a
 * private API) merged in: same edge, same validation; their shapes reuse the connect model's.
 */
const extensions = extensionsJson as unknown as Pick<ServiceModel, "operations" | "shapes">;
const connect = connectJson as unknown as ServiceModel;
export const EXTENSION_OPERATIONS = Object.keys(extensions.operations);

export const models = {
  connect: { ...connect, operations: { ...connect.operations, ...extensions.operations }, shapes: { ...connect.shapes, ...extensions.shapes } } as ServiceModel,
  connectparticipant: participantJson as unknown as ServiceModel,
};
export type ServiceName = keyof typeof models;

export function shape(service: ServiceName, name: string): Shape {
  const s = models[service].shapes[name];
  if (!s) throw new Error(`unknown shape ${service}.${name}`);
  return s;
}
