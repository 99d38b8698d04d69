// moto_server as a local SNS/SQS (loopback only), with helpers to watch a topic through an SQS queue.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";

// The SDK clients here and the server's SNS sink use the default credential chain: give it local dummies.
process.env.AWS_ACCESS_KEY_ID ??= "test";
process.env.AWS_SECRET_ACCESS_KEY ??= "test";
process.env.AWS_EC2_METADATA_DISABLED = "true";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface Moto {
  url: string;
  port: number;
  sns: SNSClient;
  sqs: SQSClient;
  stop(): Promise<void>;
}

export async function startMoto(port?: number): Promise<Moto> {
  const p = port ?? (await freePort());
  const child: ChildProcess = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(p)], { stdio: "ignore", env: { ...process.env, HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "" } });
  const url = `http://127.0.0.1:${p}`;
  for (let i = 0; i < 150; i++) {
    try {
      const r = await fetch(`${url}/moto-api/`);
      if (r.status < 500) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const cfg = { endpoint: url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
  const sns = new SNSClient(cfg);
  const sqs = new SQSClient(cfg);
  return {
    url,
    port: p,
    sns,
    sqs,
    stop: async () => {
      sns.destroy();
      sqs.destroy();
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
    },
  };
}

export interface Delivered {
  body: Record<string, any>;
  attributes: Record<string, string>;
  envelope: Record<string, any>;
}

/** A topic with an SQS queue subscribed to it; `take(n)` waits for n SNS notifications, in arrival order. */
export async function topicWithQueue(m: Moto, name: string) {
  const fifo = name.endsWith(".fifo");
  const { TopicArn } = await m.sns.send(new CreateTopicCommand({ Name: name, Attributes: fifo ? { FifoTopic: "true", ContentBasedDeduplication: "false" } : {} }));
  const { QueueUrl } = await m.sqs.send(new CreateQueueCommand({ QueueName: `${name.replace(".fifo", "")}-q${fifo ? ".fifo" : ""}`, Attributes: fifo ? { FifoQueue: "true" } : {} }));
  const { Attributes } = await m.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  await m.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: Attributes!.QueueArn }));
  const got: Delivered[] = [];
  const take = async (n: number, timeoutMs = 15_000): Promise<Delivered[]> => {
    const until = Date.now() + timeoutMs;
    while (got.length < n && Date.now() < until) {
      const r = await m.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
      for (const msg of r.Messages ?? []) {
        const envelope = JSON.parse(msg.Body!);
        const attributes = Object.fromEntries(Object.entries(envelope.MessageAttributes ?? {}).map(([k, v]: [string, any]) => [k, v.Value]));
        got.push({ body: JSON.parse(envelope.Message), attributes, envelope });
      }
      if (r.Messages?.length) await m.sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: r.Messages.map((x, i) => ({ Id: String(i), ReceiptHandle: x.ReceiptHandle })) }));
      else await new Promise((r) => setTimeout(r, 100));
    }
    return got.slice();
  };
  return { arn: TopicArn!, queueUrl: QueueUrl!, take, got };
}

/** A TCP forwarder on `port` to `target` on loopback: "bringing SNS back" without changing its state. */
export async function forward(port: number, target: number): Promise<{ close(): Promise<void> }> {
  const { createServer: tcp, connect } = await import("node:net");
  const sockets = new Set<import("node:net").Socket>();
  const server = tcp((inbound) => {
    const outbound = connect(target, "127.0.0.1");
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
