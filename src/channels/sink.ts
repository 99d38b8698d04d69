// The relay's sink for outbox entries of kind sms: picks the destination's provider (Twilio, End User Messaging or
// a signed webhook), sends the item's text to the chat's SourceId from the destination's number, and hands back
// what the provider answered (its message id) for sms_sends.
import type { OutboxEntry, SmsSend } from "../domain/ports.js";
import { arnRegion, EndUserMessaging } from "./end-user-messaging.js";
import { SmsDeferred, SmsSendError, smsBody } from "./errors.js";
import { Pace } from "./pace.js";
import { twilioSend, type TwilioAccount } from "./twilio.js";
import { webhookSend } from "./webhook.js";

/** A destination's `sms` configuration, as the sink needs it. */
export interface SmsRoute {
  destinationId: string;
  number: string;
  provider: SmsSend["provider"];
  twilio?: TwilioAccount;
  endUserMessaging?: { endpoint?: string; originationIdentity?: string; region?: string; configurationSetName?: string };
  webhook?: { url: string; secret: string };
  /** sms.messagesPerSecond: this number's send rate. */
  messagesPerSecond?: number;
}

export interface SmsSinkOptions {
  /** server.publicUrl: Twilio's StatusCallback goes under it (delivery callbacks). */
  publicUrl?: string;
  /** The config's region: End User Messaging's when the origination identity is not an ARN. */
  region: string;
  now: () => number;
  /**
   * The number's send slot from a bucket shared by every node (Store.smsSendSlot on PostgreSQL); absent, each
   * process keeps its own (Pace). Same answer as Pace.reserve: ms to wait, or -(ms until free) when not reserved.
   */
  sharedSlot?: (number: string, perSecond: number, maxWaitMs: number) => Promise<number>;
  /**
   * An agent's attachment as a link the phone can open (a pre-signed URL under server.publicUrl, or the bucket's);
   * undefined when there is none to give (no such approved attachment, or no public base URL).
   */
  mediaLink?: (attachmentId: string) => Promise<SmsMedia | undefined>;
}

/** An attachment going out: MMS (Twilio's MediaUrl), or its name and link in the text. */
export interface SmsMedia {
  name: string;
  contentType: string;
  url: string;
}

export const TWILIO_STATUS_PATH = "/channels/twilio/status";

/** The longest a send sleeps for its rate slot inside a delivery (well within the relay's lease); beyond, deferred. */
const MAX_PACE_WAIT_MS = 2000;

export class SmsSink {
  private readonly eum = new EndUserMessaging();
  private readonly paces = new Map<string, Pace>();

  constructor(
    private readonly routes: ReadonlyMap<string, SmsRoute>,
    private readonly opts: SmsSinkOptions,
  ) {}

  async deliver(e: OutboxEntry): Promise<{ sms: SmsSend }> {
    const destinationId = e.attributes.DestinationId ?? e.endpoint.replace(/^sms:/, "");
    const route = this.routes.get(destinationId);
    // Not permanent: the entry waits (and is retried) until a node configured for this destination sends it.
    if (!route) throw new SmsSendError("SmsNotConfigured", `destination '${destinationId}' has no sms provider in this node's configuration`, false);
    const to = e.attributes.To;
    if (!to) throw new SmsSendError("SmsSendError", "the outbox entry names no recipient (To)", true);
    const media = await this.media(e);
    // A part of a split reply carries its own text; otherwise the text is the item's Content. An attachment is its
    // name with Twilio (the file goes as MMS media), its name and link with the other providers.
    const body = media ? (route.provider === "twilio" ? media.name : `${media.name}: ${media.url}`) : (e.attributes.Text ?? smsBody(e.message));
    await this.pace(route);
    const base = { itemId: e.itemId, initialContactId: e.initialContactId, destinationId, provider: route.provider, createdAt: this.opts.now() };
    try {
      return { sms: { ...base, ...(await this.send(route, e, to, body, media)) } };
    } catch (err) {
      if (err instanceof SmsSendError && err.permanent)
        throw new SmsSendError(err.name, err.message, true, { sms: { ...base, status: "failed", error: err.message } });
      throw err;
    }
  }

  /** Waits for the number's next send slot, or defers the entry when that is more than a short wait away. */
  private async pace(route: SmsRoute): Promise<void> {
    const perSecond = route.messagesPerSecond;
    if (!perSecond) return;
    const wait = this.opts.sharedSlot ? await this.opts.sharedSlot(route.number, perSecond, MAX_PACE_WAIT_MS) : this.localSlot(route.number, perSecond);
    if (wait < 0) throw new SmsDeferred(-wait, `${route.number} is at sms.messagesPerSecond (${route.messagesPerSecond}); the text waits for its turn`);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }

  private localSlot(number: string, perSecond: number): number {
    let p = this.paces.get(number);
    if (!p) this.paces.set(number, (p = new Pace(perSecond)));
    return p.reserve(this.opts.now(), MAX_PACE_WAIT_MS);
  }

  /** The attachment an ATTACHMENT item carries, as a link; a permanent refusal when there is none to send. */
  private async media(e: OutboxEntry): Promise<SmsMedia | undefined> {
    if (e.attributes.Type !== "ATTACHMENT") return undefined;
    const id = (JSON.parse(e.message) as { Attachments?: { AttachmentId?: string }[] }).Attachments?.[0]?.AttachmentId;
    const media = id && this.opts.mediaLink ? await this.opts.mediaLink(id) : undefined;
    if (!media) throw new SmsSendError("SmsAttachmentUnavailable", `attachment '${id ?? ""}' cannot be sent by SMS: it is not an approved attachment, or the server has no server.publicUrl for the phone to fetch it from`, true);
    return media;
  }

  private async send(route: SmsRoute, e: OutboxEntry, to: string, body: string, media?: SmsMedia): Promise<{ providerMessageId?: string; status: string }> {
    if (route.provider === "twilio") {
      const statusCallback = this.opts.publicUrl ? `${this.opts.publicUrl}${TWILIO_STATUS_PATH}` : undefined;
      const r = await twilioSend(route.twilio!, { from: route.number, to, body, statusCallback, ...(media ? { mediaUrl: media.url } : {}) });
      return { providerMessageId: r.sid, status: r.status };
    }
    if (route.provider === "endUserMessaging") {
      const c = route.endUserMessaging ?? {};
      const originationIdentity = c.originationIdentity ?? (arnRegion(route.destinationId) ? route.destinationId : route.number);
      const region = arnRegion(originationIdentity) ?? c.region ?? this.opts.region;
      const id = await this.eum.send({ region, endpoint: c.endpoint, originationIdentity, configurationSetName: c.configurationSetName }, to, body, e.itemId);
      return { providerMessageId: id, status: "sent" };
    }
    await webhookSend(route.webhook!, {
      To: to,
      From: route.number,
      Body: body,
      ItemId: e.itemId,
      InitialContactId: e.initialContactId,
      ContactId: e.attributes.ContactId ?? e.initialContactId,
      DestinationId: route.destinationId,
      ...(media ? { MediaUrl: media.url, MediaContentType: media.contentType } : {}),
    }, this.opts.now);
    return { status: "sent" };
  }

  destroy(): void {
    this.eum.destroy();
  }
}
