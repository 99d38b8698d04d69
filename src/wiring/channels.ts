// The SMS channel's moving parts: the outbound sink the relay sends through, Twilio's inbound and status webhooks,
// and the SQS consumers of End User Messaging's two-way messages and delivery events.
import type { Config } from "../config.js";
import type { Journal, DomainEnv } from "../domain/chat-base.js";
import type { Clock, Logger, Store } from "../domain/ports.js";
import { SmsSink, type SmsSinkOptions } from "../channels/sink.js";
import { attachmentLink, type OpenedBlobs } from "../storage/blobs/index.js";
import { eumQueues, smsRoutes, twilioNumbers } from "../channels/routes.js";
import { SqsConsumer } from "../channels/sqs-consumer.js";
import { eumEventHandler } from "../channels/eum-events.js";
import { eumInboundHandler } from "../channels/eum-inbound.js";
import { TwilioInbound } from "../channels/twilio-inbound.js";
import { TwilioStatus } from "../channels/twilio-status.js";
import { SmsSendsApi } from "../channels/sms-sends.js";

export interface SmsDeps {
  store: Store;
  env: DomainEnv;
  clock: Clock;
  log: Logger;
  /** What a transaction produced goes out (pushes, relay, flow timers): the app's one `published`. */
  published(journal: Journal): void;
  /** The attachment store: an agent's attachment on an SMS chat goes out as its link (or MMS media). */
  blobs: OpenedBlobs;
}

/**
 * How long an attachment's link in a text works: the customer may open it days later (Twilio fetches MMS media at
 * once). Seven days is also the longest an S3 pre-signed URL can last.
 */
const SMS_LINK_TTL_MS = 7 * 24 * 3_600_000;

function mediaLink(config: Config, deps: SmsDeps): SmsSinkOptions["mediaLink"] {
  const publicUrl = config.server?.publicUrl;
  return async (id) => {
    const a = await deps.store.tx((tx) => tx.attachment(id));
    // The local store's links are under server.publicUrl: without one the phone could not reach them.
    if (!a || a.status !== "APPROVED" || (deps.blobs.local && !publicUrl)) return undefined;
    const url = await attachmentLink(deps.blobs.blobs, a, publicUrl ?? "", SMS_LINK_TTL_MS, deps.clock.now());
    return { name: a.name, contentType: a.contentType, url };
  };
}

export function wireSms(config: Config, deps: SmsDeps) {
  const { store, env, clock, log, published } = deps;
  // sms.messagesPerSecond: one bucket per number for all nodes when the store is shared (PostgreSQL).
  const sink = new SmsSink(smsRoutes(config), { publicUrl: config.server?.publicUrl, region: config.region, now: () => clock.now(), sharedSlot: store.smsSendSlot?.bind(store), mediaLink: mediaLink(config, deps) });
  const twilioDeps = { store, env, published, numbers: twilioNumbers(config), publicUrl: config.server?.publicUrl };
  const queues = eumQueues(config);
  const consumers = [
    ...queues.inbound.map((queueUrl) => new SqsConsumer({ queueUrl, region: config.region, log, name: "two-way SMS" }, eumInboundHandler({ ...twilioDeps, numbers: queues.numbers, log }))),
    ...queues.events.map((queueUrl) => new SqsConsumer({ queueUrl, region: config.region, log, name: "SMS delivery event" }, eumEventHandler({ ...twilioDeps, log }))),
  ];
  for (const c of consumers) c.start();
  return {
    sink,
    twilioInbound: new TwilioInbound(twilioDeps),
    twilioStatus: new TwilioStatus(twilioDeps),
    /** Failed sends and the agent's Retry (http/sms-sends.ts). */
    sends: new SmsSendsApi({ store, env, published }),
    /** Consumers first (they stop taking messages), the sink's sockets when the relay has stopped. */
    stopConsumers: () => Promise.all(consumers.map((c) => c.stop())),
    destroy: () => sink.destroy(),
  };
}
