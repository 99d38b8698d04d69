// AWS End User Messaging SMS (pinpoint-sms-voice-v2) SendTextMessage: OriginationIdentity = the destination's
// phone-number ARN, DestinationPhoneNumber = the chat's SourceId; endpoint from the config, credentials from the
// SDK's chain. One client per region and endpoint, loaded on first use (SQLite-only users never pay for it).
import type { PinpointSMSVoiceV2Client } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { SmsSendError } from "./errors.js";

export interface EumTarget {
  region: string;
  endpoint?: string;
  originationIdentity: string;
  configurationSetName?: string;
}

/** The region of an ARN (arn:aws:sms-voice:REGION:ACCOUNT:phone-number/ID), if it is one. */
export const arnRegion = (id: string): string | undefined => /^arn:aws[a-zA-Z-]*:sms-voice:([a-z0-9-]+):/.exec(id)?.[1];

// Refusals that a later attempt may get past; anything else in 4xx is permanent (ValidationException, an opted-out
// number's ConflictException, AccessDenied, ResourceNotFound).
const TRANSIENT = new Set(["ThrottlingException", "ServiceQuotaExceededException", "InternalServerException", "TimeoutError", "RequestTimeout"]);

export class EndUserMessaging {
  private readonly clients = new Map<string, Promise<PinpointSMSVoiceV2Client>>();

  /**
   * Sends one text; resolves with End User Messaging's MessageId. SendTextMessageRequest has no client token, so a
   * retry after a timeout may send twice (at least once); the item id goes in Context, which End User Messaging
   * copies into its delivery events, so duplicates can be told apart there.
   */
  async send(t: EumTarget, to: string, body: string, itemId: string): Promise<string> {
    const { SendTextMessageCommand } = await import("@aws-sdk/client-pinpoint-sms-voice-v2");
    const client = await this.client(t.region, t.endpoint);
    try {
      const out = await client.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: to,
          OriginationIdentity: t.originationIdentity,
          MessageBody: body,
          ...(t.configurationSetName ? { ConfigurationSetName: t.configurationSetName } : {}),
          Context: { connectChatItemId: itemId },
        }),
      );
      if (!out.MessageId) throw new SmsSendError("EndUserMessagingBadAnswer", "SendTextMessage answered without a MessageId", false);
      return out.MessageId;
    } catch (e) {
      if (e instanceof SmsSendError) throw e;
      const err = e as Error & { $metadata?: { httpStatusCode?: number }; $retryable?: unknown; Reason?: string };
      const status = err.$metadata?.httpStatusCode;
      const permanent = status !== undefined && status >= 400 && status < 500 && !err.$retryable && !TRANSIENT.has(err.name);
      const reason = err.Reason ? ` (Reason ${err.Reason})` : "";
      throw new SmsSendError("EndUserMessagingError", `${err.name}: ${err.message}${reason}${status ? ` (HTTP ${status})` : ""}`, permanent);
    }
  }

  private client(region: string, endpoint?: string): Promise<PinpointSMSVoiceV2Client> {
    const key = `${region} ${endpoint ?? ""}`;
    let c = this.clients.get(key);
    if (!c) {
      // One SDK attempt per delivery: the relay's backoff is in charge; a send finishes well within its lease.
      c = import("@aws-sdk/client-pinpoint-sms-voice-v2").then(({ PinpointSMSVoiceV2Client }) => new PinpointSMSVoiceV2Client({
        region,
        maxAttempts: 1,
        requestHandler: { connectionTimeout: 3000, requestTimeout: 10_000 },
        ...(endpoint ? { endpoint } : {}),
      }));
      this.clients.set(key, c);
    }
    return c;
  }

  destroy(): void {
    for (const c of this.clients.values()) void c.then((x) => x.destroy());
  }
}
