// The wire shapes of the SMS sends extension (GET /_connect-chat/sms/sends, /failures), PascalCase like the
// participant API: written by the server (src/domain/sms-failures.ts), read by the console (src/console).

export type SmsStatus = "PENDING" | "RETRYING" | "SENT" | "DELIVERED" | "FAILED";

/** One outbound message's SMS state. */
export interface SmsSendState {
  MessageId: string;
  Status: SmsStatus;
  /** The provider's error text (FAILED), or the last attempt's (RETRYING). */
  Error?: string;
  Attempts: number;
  /** When the provider answered last (epoch ms); absent while nothing was answered. */
  AnsweredAt?: number;
}

/** A failed send for the supervisors' view: who wrote the message, when, to whom, and why it failed. */
export interface SmsFailure extends SmsSendState {
  InitialContactId: string;
  ContactId?: string;
  DestinationId: string;
  To?: string;
  Content?: string;
  DisplayName?: string;
  ParticipantRole?: string;
  SentAt?: string;
}
