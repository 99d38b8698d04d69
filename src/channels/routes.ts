// From the configuration to what the SMS adapters need: each destination's `sms` block by DestinationId (outbound)
// the destinations Twilio delivers inbound SMS to, by their own number, and End User Messaging's SQS queues.
import type { Config } from "../config.js";
import type { SmsRoute } from "./sink.js";
import type { TwilioNumber } from "./twilio-inbound.js";
import type { EumNumber } from "./eum-inbound.js";

export function smsRoutes(config: Config): Map<string, SmsRoute> {
  const routes = new Map<string, SmsRoute>();
  for (const a of config.accounts)
    for (const i of a.instances)
      for (const d of i.destinations) if (d.sms) routes.set(d.destinationId, { destinationId: d.destinationId, ...d.sms });
  return routes;
}

export function twilioNumbers(config: Config): TwilioNumber[] {
  return config.accounts.flatMap((a) =>
    a.instances.flatMap((i) =>
      i.destinations.flatMap((d) =>
        d.sms?.twilio ? [{ number: d.sms.number, accountId: a.accountId, destinationId: d.destinationId, accountSid: d.sms.twilio.accountSid, authToken: d.sms.twilio.authToken }] : [],
      ),
    ),
  );
}

/** The SQS queues End User Messaging feeds (each consumed once, however many destinations share it). */
export function eumQueues(config: Config): { inbound: string[]; events: string[]; numbers: EumNumber[] } {
  const inbound = new Set<string>();
  const events = new Set<string>();
  const numbers: EumNumber[] = [];
  for (const a of config.accounts)
    for (const i of a.instances)
      for (const d of i.destinations) {
        if (!d.sms) continue;
        numbers.push({ number: d.sms.number, accountId: a.accountId, destinationId: d.destinationId });
        if (d.sms.endUserMessaging?.inboundQueueUrl) inbound.add(d.sms.endUserMessaging.inboundQueueUrl);
        if (d.sms.endUserMessaging?.eventsQueueUrl) events.add(d.sms.endUserMessaging.eventsQueueUrl);
      }
  return { inbound: [...inbound], events: [...events], numbers };
}
