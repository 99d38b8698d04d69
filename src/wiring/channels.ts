// The SMS channel's moving parts: the outbound sink the relay sends through, Twilio's inbound and status webhooks,
// and the SQS consumers of End User Messaging's two-way messages and delivery events.
import type { Config } from "../config.js";
import type { Journal, DomainEnv } from "../domain/chat-base.js";
import type { Clock, Logger, Store } from "../domain/ports.js";
import { SmsSink } from "../channels/sink.js";
import { eumQueues, smsRoutes, twilioNumbers } from "../channels/routes.js";
import { SqsConsumer } from "../channels/sqs-consumer.js";
import { eumEventHandler } from "../channels/eum-events.js";
import { eumInboundHandler } from "../channels/eum-inbound.js";
import { TwilioInbound } from "../channels/twilio-inbound.js";
import { TwilioStatus } from "../channels/twilio-status.js";

export interface SmsDeps {
  store: Store;
  env: DomainEnv;
  clock: Clock;
  log: Logger;
  /** What a transaction produced goes out (pushes, relay, flow timers): the app's one `published`. */
  published(journal: Journal): void;
}

export function wireSms(config: Config, deps: SmsDeps) {
  const { store, env, clock, log, published } = deps;
  const sink = new SmsSink(smsRoutes(config), { publicUrl: config.server?.publicUrl, region: config.region, now: () => clock.now() });
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
    /** Consumers first (they stop taking messages), the sink's sockets when the relay has stopped. */
    stopConsumers: () => Promise.all(consumers.map((c) => c.stop())),
    destroy: () => sink.destroy(),
  };
}
