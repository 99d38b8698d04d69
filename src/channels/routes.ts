// From the configuration to what the SMS adapters need: each destination's `sms` block by DestinationId (outbound)
// and the destinations Twilio delivers inbound SMS to, by their own number.
import type { Config } from "../config.js";
import type { SmsRoute } from "./sink.js";
import type { TwilioNumber } from "./twilio-inbound.js";

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
