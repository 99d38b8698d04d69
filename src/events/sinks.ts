// Where streamed items go: SNS topics (Connect's body and string message attributes; FIFO topics get the chat's
// contact id as MessageGroupId and the item Id as MessageDeduplicationId) and signed webhooks (our extension).
import { createHmac } from "node:crypto";
import type { SNSClient } from "@aws-sdk/client-sns";
import type { OutboxEntry } from "../domain/ports.js";
import type { Sink } from "./relay.js";

export class SnsSink implements Sink {
  private readonly clients = new Map<string, Promise<SNSClient>>();

  constructor(private readonly endpoint?: string) {}

  async deliver(e: OutboxEntry): Promise<void> {
    const region = e.endpoint.split(":")[3];
    const { PublishCommand } = await import("@aws-sdk/client-sns");
    const client = await this.client(region);
    const fifo = e.endpoint.endsWith(".fifo");
    await client.send(
      new PublishCommand({
        TopicArn: e.endpoint,
        Message: e.message,
        MessageAttributes: Object.fromEntries(Object.entries(e.attributes).map(([k, v]) => [k, { DataType: "String", StringValue: v }])),
        ...(fifo ? { MessageGroupId: e.attributes.ContactId, MessageDeduplicationId: e.itemId } : {}),
      }),
    );
  }

  private client(region: string): Promise<SNSClient> {
    let c = this.clients.get(region);
    if (!c) {
      // The relay retries on its own schedule; one SDK attempt per delivery keeps its backoff in charge.
      c = import("@aws-sdk/client-sns").then(({ SNSClient }) => new SNSClient({
            region,
            maxAttempts: 1,
            // A delivery must finish well within the relay's lease (RELAY_DEFAULTS.leaseMs).
            requestHandler: { connectionTimeout: 3000, requestTimeout: 10_000 },
            ...(this.endpoint ? { endpoint: this.endpoint } : {}),
          }));
      this.clients.set(region, c);
    }
    return c;
  }

  destroy(): void {
    for (const c of this.clients.values()) void c.then((x) => x.destroy());
  }
}

export const SIGNATURE_HEADER = "x-connect-chat-signature";
export const TIMESTAMP_HEADER = "x-connect-chat-timestamp";

/** HMAC-SHA256 over "<timestamp>.<body>", hex, as sent in X-Connect-Chat-Signature ("sha256=<hex>"). */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export class WebhookSink implements Sink {
  constructor(
    private readonly secrets: ReadonlyMap<string, string>,
    private readonly now: () => number = Date.now,
    private readonly timeoutMs = 10_000,
  ) {}

  async deliver(e: OutboxEntry): Promise<void> {
    const secret = this.secrets.get(e.endpoint);
    if (secret === undefined) throw new Error(`no webhook with URL ${e.endpoint} in the configuration`);
    const timestamp = String(Math.floor(this.now() / 1000));
    const res = await fetch(e.endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: webhookSignature(secret, timestamp, e.message),
        "x-connect-chat-item-id": e.itemId,
      },
      body: e.message,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await res.arrayBuffer();
    if (res.status < 200 || res.status >= 300) throw new Error(`webhook answered HTTP ${res.status}`);
  }
}
