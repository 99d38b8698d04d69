// The write operations the fuzzers aim at: where they live, a realistic base input against the seeded data,
// and refusals with well-typed values that reach the domain and the store (each must still change nothing).
import { DEST, INSTANCE, OTHER_DEST, OTHER_INSTANCE } from "../support/server.js";
import type { OperationName } from "../../src/api/operations.js";
import { SMS_SOURCE, type Seeded } from "./seed.js";
import { flowTargets } from "./flow-targets.js";
import { routingTargets } from "./routing-targets.js";

export interface Target {
  name: OperationName;
  method: string;
  path: string;
  /** participant-service operations authenticate with this bearer token instead of SigV4 */
  bearer?: string;
  base: Record<string, unknown>;
  /** Well-typed inputs that must be refused (4xx) with nothing stored: merged over `base`. */
  refusals: Record<string, unknown>[];
}

const SNS = "arn:aws:sns:us-east-1:123456789012:fuzz";
const NEW = "+14155550999"; // no chat: NewSessionDetails applies, so its refusals are exercised
const T = "application/vnd.amazonaws.connect.event.";
const DAY = 86_400_000;

export function targets(s: Seeded): Target[] {
  const msg = { Type: "MESSAGE", ContentType: "text/plain", Content: "x" };
  return [
    {
      name: "SendChatIntegrationEvent",
      method: "POST",
      path: "/chat-integration-event",
      base: {
        SourceId: SMS_SOURCE,
        DestinationId: DEST,
        Subtype: "connect:sms",
        Event: msg,
        NewSessionDetails: { SupportedMessagingContentTypes: ["text/plain"], ParticipantDetails: { DisplayName: "n" }, Attributes: { k: "v" }, StreamingConfiguration: { StreamingEndpointArn: SNS } },
      },
      refusals: [
        { SourceId: "4155550142" },
        { Subtype: "connect:fax" },
        { Event: { ...msg, ContentType: "text/html" } },
        { Event: { Type: "MESSAGE", ContentType: "text/plain" } },
        { Event: { ...msg, Content: "x".repeat(1025) } },
        { Event: { Type: "EVENT", ContentType: `${T}participant.joined` } },
        { Event: { Type: "EVENT", ContentType: `${T}message.read`, Content: '{"messageId":"nope"}' } },
        { Event: { Type: "EVENT", ContentType: `${T}message.read`, Content: "not json" } },
        { DestinationId: "arn:aws:sms-voice:us-east-1:123456789012:phone-number/none" },
        { DestinationId: OTHER_DEST },
        { SourceId: NEW, NewSessionDetails: { Attributes: { "bad key": "v" } } },
        { SourceId: NEW, NewSessionDetails: { Attributes: { a: "x".repeat(32_800) } } },
        { SourceId: NEW, NewSessionDetails: { SupportedMessagingContentTypes: ["text/markdown"] } },
        { SourceId: NEW, NewSessionDetails: { StreamingConfiguration: { StreamingEndpointArn: "arn:aws:sqs:us-east-1:123456789012:q" } } },
        { SourceId: NEW, NewSessionDetails: { StreamingConfiguration: { StreamingEndpointArn: "arn:aws:sns:eu-west-1:123456789012:t" } } },
      ],
    },
    {
      name: "StartChatContact",
      method: "PUT",
      path: "/contact/chat",
      base: {
        InstanceId: INSTANCE,
        ContactFlowId: "flow",
        ParticipantDetails: { DisplayName: "x" },
        Attributes: { a: "b" },
        InitialMessage: { ContentType: "text/plain", Content: "hi" },
        ChatDurationInMinutes: 60,
        SupportedMessagingContentTypes: ["text/plain"],
        SegmentAttributes: { "connect:Subtype": { ValueString: "connect:Chat", ValueMap: { k: { ValueList: [{ ValueInteger: 1 }] } } } },
        PersistentChat: { RehydrationType: "ENTIRE_PAST_SESSION", SourceContactId: s.webContactId },
        DisconnectOnCustomerExit: ["AGENT"],
      },
      refusals: [
        { InstanceId: "00000000-0000-4000-8000-000000000000" },
        { InstanceId: OTHER_INSTANCE },
        { InitialMessage: { ContentType: "text/html", Content: "x" } },
        { InitialMessage: { ContentType: "text/plain", Content: "x".repeat(1025) } },
        { ChatDurationInMinutes: 59 },
        { SupportedMessagingContentTypes: ["application/json"] },
        { Attributes: { "bad key": "v" } },
        { ParticipantDetails: { DisplayName: "" } },
      ],
    },
    {
      name: "UpdateContactAttributes",
      method: "POST",
      path: "/contact/attributes",
      base: { InitialContactId: s.smsContactId, InstanceId: INSTANCE, Attributes: { a: "b" } },
      refusals: [
        { InitialContactId: "00000000-0000-4000-8000-000000000000" },
        { InstanceId: OTHER_INSTANCE },
        { Attributes: { "bad key": "x" } },
        { Attributes: { a: "x".repeat(32_800) } },
      ],
    },
    {
      name: "StopContact",
      method: "POST",
      path: "/contact/stop",
      base: { ContactId: s.smsContactId, InstanceId: INSTANCE, DisconnectReason: { Code: "x" } },
      refusals: [{ ContactId: "00000000-0000-4000-8000-000000000000" }, { InstanceId: OTHER_INSTANCE }],
    },
    {
      name: "CreateParticipant",
      method: "POST",
      path: "/contact/create-participant",
      base: { InstanceId: INSTANCE, ContactId: s.webContactId, ParticipantDetails: { ParticipantRole: "CUSTOM_BOT", DisplayName: "bot", ParticipantCapabilities: { Video: "SEND" } } },
      refusals: [
        { ContactId: "00000000-0000-4000-8000-000000000000" },
        { InstanceId: OTHER_INSTANCE },
        { ParticipantDetails: { ParticipantRole: "CUSTOMER", DisplayName: "c" } },
        { ParticipantDetails: { ParticipantRole: "BOGUS", DisplayName: "c" } },
      ],
    },
    {
      name: "StartContactStreaming",
      method: "POST",
      path: "/contact/start-streaming",
      base: { InstanceId: INSTANCE, ContactId: s.smsContactId, ChatStreamingConfiguration: { StreamingEndpointArn: SNS }, ClientToken: "t" },
      refusals: [
        { ChatStreamingConfiguration: { StreamingEndpointArn: "arn:aws:sqs:us-east-1:123456789012:q" } },
        { ChatStreamingConfiguration: { StreamingEndpointArn: "arn:aws:sns:eu-west-1:123456789012:t" } },
        { ContactId: "00000000-0000-4000-8000-000000000000" },
        { ClientToken: "" },
      ],
    },
    {
      name: "StopContactStreaming",
      method: "POST",
      path: "/contact/stop-streaming",
      base: { InstanceId: INSTANCE, ContactId: s.smsContactId, StreamingId: "x" },
      refusals: [{ ContactId: "00000000-0000-4000-8000-000000000000" }, { StreamingId: "no-such-stream" }],
    },
    {
      name: "UpdateParticipantRoleConfig",
      method: "PUT",
      path: `/contact/participant-role-config/${INSTANCE}/${s.webContactId}`,
      base: {
        ChannelConfiguration: {
          Chat: {
            ParticipantTimerConfigList: [
              { ParticipantRole: "CUSTOMER", TimerType: "IDLE", TimerValue: { ParticipantTimerDurationInMinutes: 5 } },
              { ParticipantRole: "AGENT", TimerType: "DISCONNECT_NONCUSTOMER", TimerValue: { ParticipantTimerAction: "Unset" } },
            ],
          },
        },
      },
      refusals: [
        { ChannelConfiguration: {} },
        { ChannelConfiguration: { Chat: { ParticipantTimerConfigList: [{ ParticipantRole: "CUSTOMER", TimerType: "IDLE", TimerValue: {} }] } } },
        { ChannelConfiguration: { Chat: { ParticipantTimerConfigList: [{ ParticipantRole: "CUSTOMER", TimerType: "IDLE", TimerValue: { ParticipantTimerDurationInMinutes: 1 } }] } } },
        { ChannelConfiguration: { Chat: { ParticipantTimerConfigList: [{ ParticipantRole: "CUSTOMER", TimerType: "IDLE", TimerValue: { ParticipantTimerAction: "Unset", ParticipantTimerDurationInMinutes: 5 } }] } } },
        {
          ChannelConfiguration: {
            Chat: {
              ParticipantTimerConfigList: [
                { ParticipantRole: "AGENT", TimerType: "IDLE", TimerValue: { ParticipantTimerDurationInMinutes: 5 } },
                { ParticipantRole: "AGENT", TimerType: "IDLE", TimerValue: { ParticipantTimerDurationInMinutes: 6 } },
              ],
            },
          },
        },
      ],
    },
    {
      name: "CreateParticipantConnection",
      method: "POST",
      path: "/participant/connection",
      bearer: s.participantToken,
      base: { Type: ["CONNECTION_CREDENTIALS"], ConnectParticipant: true },
      refusals: [{ Type: ["BOGUS"] }, { Type: [] }],
    },
    {
      name: "SendMessage",
      method: "POST",
      path: "/participant/message",
      bearer: s.connectionToken,
      base: { ContentType: "text/plain", Content: "x", ClientToken: "c" },
      refusals: [{ ContentType: "text/html" }, { Content: "x".repeat(1025) }, { ClientToken: "x".repeat(501) }, { ContentType: "application/json", Content: "x".repeat(12_001) }],
    },
    {
      name: "StartAttachmentUpload",
      method: "POST",
      path: "/participant/start-attachment-upload",
      bearer: s.connectionToken,
      base: { ContentType: "image/png", AttachmentSizeInBytes: 10, AttachmentName: "a.png", ClientToken: "u" },
      refusals: [{ ContentType: "application/x-msdownload" }, { AttachmentSizeInBytes: 21 * 1024 * 1024 }, { AttachmentSizeInBytes: 0 }, { ClientToken: "x".repeat(501) }],
    },
    {
      // No upload of the seeded chat was started: completing or reading an id is refused (and changes nothing).
      name: "CompleteAttachmentUpload",
      method: "POST",
      path: "/participant/complete-attachment-upload",
      bearer: s.connectionToken,
      base: { AttachmentIds: ["no-such-attachment"], ClientToken: "c" },
      refusals: [{ AttachmentIds: ["other"] }, { AttachmentIds: ["a", "b"] }],
    },
    {
      name: "GetAttachment",
      method: "POST",
      path: "/participant/attachment",
      bearer: s.connectionToken,
      base: { AttachmentId: "no-such-attachment", UrlExpiryInSeconds: 60 },
      refusals: [{ AttachmentId: "other" }, { UrlExpiryInSeconds: 1 }, { UrlExpiryInSeconds: 301 }],
    },
    {
      name: "SendEvent",
      method: "POST",
      path: "/participant/event",
      bearer: s.connectionToken,
      base: { ContentType: `${T}typing`, ClientToken: "e" },
      refusals: [{ ContentType: `${T}participant.joined` }, { ContentType: `${T}message.read`, Content: '{"messageId":"nope"}' }, { ContentType: "text/plain" }],
    },
    {
      // A read, but it parses criteria, a time range and a NextToken: none of it may change anything either.
      name: "SearchContacts",
      method: "POST",
      path: "/search-contacts",
      base: {
        InstanceId: INSTANCE,
        TimeRange: { Type: "INITIATION_TIMESTAMP", StartTime: (Date.now() - DAY) / 1000, EndTime: (Date.now() + DAY) / 1000 },
        SearchCriteria: {
          Channels: ["CHAT"],
          InitiationMethods: ["API"],
          SearchableSegmentAttributes: { Criteria: [{ Key: "connect:Subtype", Values: ["connect:SMS"] }, { Key: "tier", Values: ["vip"] }], MatchType: "MATCH_ANY" },
        },
        Sort: { FieldName: "INITIATION_TIMESTAMP", Order: "DESCENDING" },
        MaxResults: 10,
      },
      refusals: [
        { TimeRange: { Type: "INITIATION_TIMESTAMP", StartTime: (Date.now() - 60 * DAY) / 1000, EndTime: Date.now() / 1000 } },
        { TimeRange: { Type: "INITIATION_TIMESTAMP", StartTime: (Date.now() + DAY) / 1000, EndTime: Date.now() / 1000 } },
        { MaxResults: 101 },
        { NextToken: "not-a-token" },
        { InstanceId: OTHER_INSTANCE },
        { SearchCriteria: { SearchableContactAttributes: { Criteria: [{ Key: "k", Values: ["v"] }], MatchType: "MATCH_EXACT" } } },
        { SearchCriteria: { SearchableSegmentAttributes: { Criteria: Array.from({ length: 16 }, () => ({ Key: "tier", Values: ["vip"] })) } } },
        { SearchCriteria: { SearchableSegmentAttributes: { Criteria: [{ Key: "tier", Values: ["v".repeat(129)] }] } } },
      ],
    },
    {
      name: "GetTranscript",
      method: "POST",
      path: "/participant/transcript",
      bearer: s.connectionToken,
      base: { ContactId: s.webContactId, MaxResults: 10, ScanDirection: "BACKWARD", SortOrder: "ASCENDING", StartPosition: { MostRecent: 1 } },
      refusals: [{ ScanDirection: "FORWARD", StartPosition: undefined }, { MaxResults: 101 }, { SortOrder: "SIDEWAYS" }],
    },
    {
      name: "DisconnectParticipant",
      method: "POST",
      path: "/participant/disconnect",
      bearer: s.connectionToken,
      base: { ClientToken: "d" },
      refusals: [{ ClientToken: "x".repeat(501) }, { ClientToken: "" }],
    },
    {
      // The seeded chats are live: the base is refused too (only ended chats can be continued).
      name: "CreatePersistentContactAssociation",
      method: "POST",
      path: `/contact/persistent-contact-association/${INSTANCE}/${s.webContactId}`,
      base: { RehydrationType: "ENTIRE_PAST_SESSION", SourceContactId: s.smsContactId, ClientToken: "p" },
      refusals: [
        { SourceContactId: "00000000-0000-4000-8000-000000000000" },
        { SourceContactId: s.webContactId },
        { RehydrationType: "SOMETIMES" },
        { RehydrationType: "FROM_SEGMENT", SourceContactId: "" },
      ],
    },
    {
      // The seeded destination has no SMS provider: the base is refused too, and every refusal must change nothing.
      name: "StartOutboundChatContact",
      method: "PUT",
      path: "/contact/outbound-chat",
      base: {
        InstanceId: INSTANCE,
        ContactFlowId: "12345678-1234-4234-8234-123456789012",
        SourceEndpoint: { Type: "CONNECT_PHONENUMBER_ARN", Address: DEST },
        DestinationEndpoint: { Type: "TELEPHONE_NUMBER", Address: NEW },
        SegmentAttributes: { "connect:Subtype": { ValueString: "connect:SMS" } },
        ParticipantDetails: { DisplayName: "Customer" },
        InitialSystemMessage: { ContentType: "text/plain", Content: "hello" },
      },
      refusals: [
        { DestinationEndpoint: { Type: "TELEPHONE_NUMBER", Address: "not a number" } },
        { SourceEndpoint: { Type: "TELEPHONE_NUMBER", Address: DEST } },
        { SegmentAttributes: { "connect:Subtype": { ValueString: "connect:WhatsApp" } } },
        { InstanceId: OTHER_INSTANCE },
        { SourceEndpoint: { Type: "CONNECT_PHONENUMBER_ARN", Address: OTHER_DEST } },
        { RelatedContactId: "00000000-0000-4000-8000-000000000000" },
      ],
    },
    ...flowTargets(s),
    ...routingTargets(s),
  ];
}
