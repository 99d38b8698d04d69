// Consumes an SQS queue with long polling (End User Messaging's delivery events and two-way inbound SMS arrive
// through SNS → SQS): each message is handled, and deleted only after its handler committed; a handler that fails
// leaves the message, so SQS delivers it again after its visibility timeout (and the queue's redrive policy moves
// it to a dead-letter queue after maxReceiveCount). At least once: handlers are idempotent.
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { Logger } from "../domain/ports.js";

export interface SqsConsumerOptions {
  queueUrl: string;
  /** The config's region, when the queue URL's host does not name one (sqs.<region>.amazonaws.com). */
  region: string;
  log: Logger;
  /** What the messages are (for logs). */
  name: string;
  /** Long-poll wait (SQS allows up to 20 s). */
  waitSeconds?: number;
  /** Pause after a failed ReceiveMessage before the next one. */
  errorDelayMs?: number;
}

/** The SNS envelope's Message (queue subscribed without raw message delivery), or the body itself (raw delivery). */
export function snsMessage(body: string): unknown {
  const outer = JSON.parse(body) as { Type?: unknown; Message?: unknown; TopicArn?: unknown };
  if (outer && outer.Type === "Notification" && typeof outer.Message === "string" && typeof outer.TopicArn === "string") return JSON.parse(outer.Message);
  return outer;
}

export class SqsConsumer {
  private stopped = false;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private client: Promise<SQSClient> | undefined;

  constructor(
    private readonly opts: SqsConsumerOptions,
    private readonly handle: (body: string) => Promise<void>,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Ends the long poll under way; a message being handled finishes (and is deleted) first. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.loop;
    if (this.client) (await this.client).destroy();
  }

  private sqs(): Promise<SQSClient> {
    // The queue URL's origin is the endpoint: AWS's regional one, or a local SQS (moto) in tests and on premises.
    const url = new URL(this.opts.queueUrl);
    const region = /^sqs\.([a-z0-9-]+)\.amazonaws\.com/.exec(url.host)?.[1] ?? this.opts.region;
    this.client ??= import("@aws-sdk/client-sqs").then(({ SQSClient }) => new SQSClient({ region, endpoint: url.origin, requestHandler: { connectionTimeout: 3000 } }));
    return this.client;
  }

  private async run(): Promise<void> {
    const { ReceiveMessageCommand, DeleteMessageCommand } = await import("@aws-sdk/client-sqs");
    const client = await this.sqs();
    const { queueUrl, log, name } = this.opts;
    while (!this.stopped) {
      let messages;
      try {
        const out = await client.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: this.opts.waitSeconds ?? 20 }),
          { abortSignal: this.abort.signal },
        );
        messages = out.Messages ?? [];
      } catch (e) {
        if (this.stopped) return;
        log.error({ event: "sqs", queueUrl, err: e }, `receiving ${name} failed`);
        await new Promise((r) => setTimeout(r, this.opts.errorDelayMs ?? 1000));
        continue;
      }
      for (const m of messages) {
        try {
          await this.handle(m.Body ?? "");
        } catch (e) {
          // Left on the queue: delivered again after the visibility timeout, then to the dead-letter queue.
          log.error({ event: "sqs", queueUrl, messageId: m.MessageId, err: e }, `${name} not taken; left on the queue for redelivery`);
          continue;
        }
        try {
          await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
        } catch (e) {
          // Taken but not deleted: it comes again and the handler's idempotency makes that harmless.
          log.error({ event: "sqs", queueUrl, messageId: m.MessageId, err: e }, `deleting a taken ${name} failed`);
        }
      }
    }
  }
}
