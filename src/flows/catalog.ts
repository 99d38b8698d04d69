// The action types of the flow language as data: parameters (required, optional, their kinds and the spellings
// real exports use), whether the action needs a NextAction, the error branches and condition operators it takes.
// The validator reads this table; it has no per-type code. Sources: the flow-language action pages of the Amazon
// Connect API reference and real exports (test/fixtures/flows/, SOURCES.md there); where they differ, both are
// accepted and the export's spelling is canonical (the docs' TimeoutSeconds, InputTimeoutSeconds and the misspelt
// LexInitilizationData are aliases).
import { any, bool, integer, jsonPath, list, object, oneOf, resourceRef, shape, stringMap, text, type Kind } from "./kinds.js";
import { OPERATORS, type Operator } from "./model.js";

export interface ParamSpec {
  kind: Kind;
  required?: boolean;
  /** Other spellings accepted for this parameter (the canonical name is the table key). */
  aliases?: readonly string[];
}

export interface ActionSpec {
  params: Record<string, ParamSpec>;
  /** Unknown parameter names are refused. Types whose parameters the server only carries stay open. */
  closed?: boolean;
  /** Groups of parameters of which exactly one must be given (MessageParticipant: Text, PromptId, SSML or Media). */
  exactlyOne?: readonly (readonly string[])[];
  /** Groups of parameters of which at most one may be given (GetParticipantInput's optional prompt). */
  atMostOne?: readonly (readonly string[])[];
  /** "none": a terminal action (Transitions {}); "optional": exports show both. */
  next: "required" | "optional" | "none";
  /** ErrorTypes the action can take; absent: not checked. */
  errors?: readonly string[];
  /**
   * Operators its Conditions may use and the operands allowed (absent: any); `cover`: operands that must each have a
   * condition; `coverParameter`: a list parameter whose values must each have one too. "none": no Conditions.
   */
  conditions?: { operators: readonly Operator[]; operands?: readonly string[]; cover?: readonly string[]; coverParameter?: string } | "none";
}

const seconds = (max: number) => integer(1, max);
const E = { noMatch: "NoMatchingError", noCondition: "NoMatchingCondition" } as const;
const prompt = { Text: { kind: text }, PromptId: { kind: text }, SSML: { kind: text }, Media: { kind: object } };
/** A type this server carries in flows without interpreting its parameters (voice, cases, profiles, …). */
const carried: ActionSpec = { params: {}, next: "optional" };
/** Carried, and terminal. */
const carriedEnd: ActionSpec = { params: {}, next: "none", conditions: "none" };

export const ACTIONS: Record<string, ActionSpec> = {
  // Participant actions
  MessageParticipant: { params: prompt, closed: true, exactlyOne: [["Text", "PromptId", "SSML", "Media"]], next: "required", errors: [E.noMatch], conditions: "none" },
  GetParticipantInput: {
    params: {
      ...prompt,
      InputTimeLimitSeconds: { kind: seconds(604_800), aliases: ["InputTimeoutSeconds"] },
      StoreInput: { kind: bool },
      InputValidation: { kind: object },
      InputEncryption: { kind: object },
      DTMFConfiguration: { kind: object },
      LexV2Bot: { kind: object },
      LexBot: { kind: object },
    },
    atMostOne: [["Text", "PromptId", "SSML", "Media"]],
    next: "required",
    errors: ["InputTimeLimitExceeded", E.noCondition, E.noMatch, "InvalidPhoneNumber"],
    conditions: { operators: OPERATORS },
  },
  ConnectParticipantWithLexBot: {
    params: {
      ...prompt,
      LexV2Bot: { kind: object },
      LexBot: { kind: object },
      LexSessionAttributes: { kind: stringMap },
      LexInitializationData: { kind: object, aliases: ["LexInitilizationData"] },
      LexTimeoutSeconds: { kind: object },
    },
    next: "required",
    errors: ["InputTimeLimitExceeded", E.noCondition, E.noMatch],
    conditions: { operators: OPERATORS },
  },
  DisconnectParticipant: { params: {}, closed: true, next: "none", conditions: "none" },
  MessageParticipantIteratively: { params: { Messages: { kind: list(object, 1), required: true }, InterruptFrequencySeconds: { kind: seconds(604_800) } }, next: "optional", errors: [E.noMatch] },
  ShowView: { params: { ViewResource: { kind: object, required: true }, InvocationTimeLimitSeconds: { kind: seconds(604_800) }, ViewData: { kind: any } }, next: "optional", errors: [E.noCondition, E.noMatch, "TimeLimitExceeded"] },

  // Flow control actions
  Compare: {
    params: { ComparisonValue: { kind: jsonPath, required: true } },
    closed: true,
    next: "required",
    errors: [E.noCondition],
    conditions: { operators: OPERATORS },
  },
  Wait: {
    params: {
      TimeLimitSeconds: { kind: seconds(604_800), aliases: ["TimeoutSeconds"] },
      Events: { kind: list(oneOf(["CustomerReturned", "BotParticipantDisconnected"])) },
    },
    next: "required",
    errors: [E.noMatch, "ParticipantNotFound", "TimeLimitExceeded"],
    // "WaitCompleted and each listed event must appear as operands" (the Wait action page).
    conditions: { operators: ["Equals"], operands: ["WaitCompleted", "CustomerReturned", "BotParticipantDisconnected"], cover: ["WaitCompleted"], coverParameter: "Events" },
  },
  // Open: the designer's newer "array" mode adds parameters the API reference does not list yet.
  Loop: { params: { LoopCount: { kind: integer(0, 100) } }, next: "required", conditions: { operators: ["Equals"], operands: ["ContinueLooping", "DoneLooping"], cover: ["ContinueLooping", "DoneLooping"] } },
  EndFlowExecution: { params: {}, closed: true, next: "none", conditions: "none" },
  TransferToFlow: { params: { ContactFlowId: { kind: text, required: true } }, closed: true, next: "optional", errors: [E.noMatch], conditions: "none" },
  CheckHoursOfOperation: { params: { HoursOfOperationId: { kind: resourceRef("operating-hours") } }, closed: true, next: "optional", errors: [E.noMatch], conditions: { operators: ["Equals"], operands: ["True", "False"], cover: ["True", "False"] } },
  UpdateFlowLoggingBehavior: { params: { FlowLoggingBehavior: { kind: oneOf(["Enabled", "Disabled"]), required: true } }, closed: true, next: "required", conditions: "none" },
  UpdateFlowAttributes: { params: { FlowAttributes: { kind: object, required: true } }, next: "required", errors: [E.noMatch] },
  DistributeByPercentage: { params: {}, next: "required", errors: [E.noCondition] },
  CheckMetricData: carried,
  GetMetricData: carried,
  CheckOutboundCallStatus: carried,
  CheckVoiceId: carried,
  StartVoiceIdStream: carried,
  UpdateRoutingCriteria: carried,

  // Contact actions
  UpdateContactAttributes: {
    params: { Attributes: { kind: stringMap, required: true }, TargetContact: { kind: oneOf(["Current", "Related"]) } },
    closed: true,
    next: "required",
    errors: [E.noMatch],
    conditions: "none",
  },
  UpdateContactTargetQueue: { params: { QueueId: { kind: resourceRef("queue") }, AgentId: { kind: resourceRef("agent") } }, closed: true, exactlyOne: [["QueueId", "AgentId"]], next: "required", errors: [E.noMatch], conditions: "none" },
  TransferContactToQueue: { params: {}, closed: true, next: "optional", errors: ["QueueAtCapacity", E.noMatch], conditions: "none" },
  DequeueContactAndTransferToQueue: { params: { QueueId: { kind: resourceRef("queue") }, AgentId: { kind: resourceRef("agent") } }, next: "optional", errors: ["QueueAtCapacity", E.noMatch] },
  UpdateContactEventHooks: { params: { EventHooks: { kind: stringMap, required: true } }, next: "required", errors: [E.noMatch], conditions: "none" },
  UpdateContactRoutingBehavior: {
    params: { QueuePriority: { kind: integer(1, Number.MAX_SAFE_INTEGER) }, QueueTimeAdjustmentSeconds: { kind: integer(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) }, RoutingCriteria: { kind: object } },
    next: "required",
    errors: [E.noMatch],
  },
  UpdateContactRecordingBehavior: { params: { RecordingBehavior: { kind: object, required: true } }, next: "required", errors: [E.noMatch] },
  UpdateContactRecordingAndAnalyticsBehavior: carried,
  UpdateContactCallbackNumber: { params: { CallbackNumber: { kind: text, required: true } }, next: "required", errors: ["InvalidCallbackNumber", "CallbackNumberNotDialable", E.noMatch] },
  UpdateContactTextToSpeechVoice: carried,
  UpdateContactData: carried,
  UpdateContactMediaProcessing: carried,
  UpdateContactMediaStreamingBehavior: carried,
  UpdateContactRoutingCriteria: carried,
  UpdatePreviousContactParticipantState: carried,
  CreateTask: carried,
  CreateCase: carried,
  GetCase: carried,
  UpdateCase: carried,
  CreateWisdomSession: carried,
  CreateContact: carried,
  CompleteOutboundCall: carried,
  StartOutboundChatContact: carried,
  StartOutboundEmailContact: carried,
  // Chat only; Success / Error. RehydrationType may be a reference too (the designer's "Set dynamically").
  CreatePersistentContactAssociation: {
    params: { RehydrationType: { kind: oneOf(["ENTIRE_PAST_SESSION", "FROM_SEGMENT"], true), required: true }, SourceContactId: { kind: text, required: true } },
    closed: true,
    next: "required",
    errors: [E.noMatch],
    conditions: "none",
  },
  TagContact: carried,
  UnTagContact: carried,
  UntagContact: carried,
  TransferContactToAgent: carried,
  TransferParticipantToThirdParty: carried,
  ResumeContact: carried,
  InvokeFlowModule: carried,
  EndFlowModuleExecution: carriedEnd,
  LoadContactContent: carried,
  EvaluateDataTableValues: carried,
  AuthenticateParticipant: carried,
  RenderMessageTemplate: carried,

  // Interactions
  InvokeLambdaFunction: {
    params: {
      LambdaFunctionARN: { kind: text, required: true },
      InvocationTimeLimitSeconds: { kind: seconds(8) },
      InvocationType: { kind: oneOf(["SYNCHRONOUS", "ASYNCHRONOUS"]) },
      LambdaInvocationAttributes: { kind: stringMap },
      ResponseValidation: { kind: shape({ ResponseType: oneOf(["STRING_MAP", "JSON"]) }) },
    },
    closed: true,
    next: "required",
    errors: [E.noMatch],
  },
  CreateCallbackContact: carried,
  AssociateContactToCustomerProfile: carried,
  CreateCustomerProfile: carried,
  GetCustomerProfile: carried,
  GetCustomerProfileObject: carried,
  GetCalculatedAttributesForCustomerProfile: carried,
  UpdateCustomerProfile: carried,
};
