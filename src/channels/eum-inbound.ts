// End User Messaging two-way SMS without glue: the phone number's two-way channel publishes each inbound message to
// an SNS topic, an SQS queue subscribed to it is consumed here, and the message (its JSON: originationNumber,
// destinationNumber, messageBody, inboundMessageId…) is taken for the destination whose sms.number is its
// destinationNumber, with inboundMessageId as the idempotency key (SQS and SNS deliver at least once).
// https://docs.aws.amazon.com/sms-voice/latest/userguide/two-way-sms-payload.html
import { AwsError } from "../api/errors.js";
import type { Logger } from "../domain/ports.js";
import { takeInboundSms, type InboundDeps } from "./inbound.js";
import { snsMessage } from "./sqs-consumer.js";

export interface TwoWayMessage {
  originationNumber?: string;
  destinationNumber?: string;
  messageKeyword?: string;
  messageBody?: string;
  inboundMessageId?: string;
  previousPublishedMessageId?: string;
}

/** A destination whose number takes two-way SMS. */
export interface EumNumber {
  number: string;
  accountId: string;
  destinationId: string;
}

export function eumInboundHandler(deps: InboundDeps & { numbers: readonly EumNumber[]; log: Logger }) {
  const byNumber = new Map(deps.numbers.map((n) => [n.number, n]));
  return async (body: string): Promise<void> => {
    let m: TwoWayMessage;
    try {
      m = snsMessage(body) as TwoWayMessage;
    } catch {
      m = {};
    }
    const route = m && typeof m.destinationNumber === "string" ? byNumber.get(m.destinationNumber) : undefined;
    if (!route || typeof m.originationNumber !== "string" || typeof m.inboundMessageId !== "string" || typeof m.messageBody !== "string") {
      // Nothing a retry could change: dropped (deleted) with a warning instead of cycling to the dead-letter queue.
      deps.log.warn({ event: "eum-inbound", destinationNumber: m?.destinationNumber, body: body.slice(0, 500) },
        route ? "not an End User Messaging two-way SMS; dropped" : "two-way SMS for a number no destination has as sms.number; dropped");
      return;
    }
    try {
      await takeInboundSms(deps, { accountId: route.accountId, destinationId: route.destinationId, from: m.originationNumber, content: m.messageBody, key: m.inboundMessageId, operation: "EumInbound" });
    } catch (e) {
      // A refusal SendChatIntegrationEvent would answer with 4xx (e.g. content too long) cannot succeed later: dropped.
      // Anything else (the database unreachable…) leaves the message for redelivery.
      if (!(e instanceof AwsError) || e.status >= 500 || e.status === 429) throw e;
      deps.log.warn({ event: "eum-inbound", inboundMessageId: m.inboundMessageId, error: `${e.code}: ${e.message}` }, "two-way SMS refused; dropped");
    }
  };
}
