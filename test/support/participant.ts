// Helpers for participant-service tests: the real @aws-sdk/client-connectparticipant and a chatjs-style socket.
import { ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import WebSocket from "ws";
import { REGION } from "./server.js";

export function participantClient(url: string): ConnectParticipantClient {
  // The participant service ignores SigV4; the SDK signs anyway, so it gets dummy credentials (as chatjs passes '').
  return new ConnectParticipantClient({ endpoint: url, region: REGION, credentials: { accessKeyId: "x", secretAccessKey: "x" }, maxAttempts: 1 });
}

export interface Pushed {
  topic: string;
  contentType?: string;
  content?: string;
  item?: Record<string, any>;
}

/** Opens the socket, subscribes to aws/chat and collects every frame. */
export async function openSocket(url: string) {
  const ws = new WebSocket(url);
  const frames: Pushed[] = [];
  /** How the socket closed: the server's close code and reason, and how many frames had arrived by then. */
  const closed = new Promise<{ code: number; reason: string; frames: number }>((ok) => ws.once("close", (code, reason) => ok({ code, reason: reason.toString(), frames: frames.length })));
  const waiters: { pred: (f: Pushed) => boolean; resolve: (f: Pushed) => void }[] = [];
  ws.on("message", (data) => {
    const f = JSON.parse(data.toString()) as Pushed;
    if (typeof f.content === "string") f.item = JSON.parse(f.content);
    frames.push(f);
    for (const w of [...waiters]) if (w.pred(f)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(f);
    }
  });
  await new Promise<void>((ok, fail) => {
    ws.once("open", () => ok());
    ws.once("error", fail);
    ws.once("unexpected-response", (_req, res) => fail(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  const next = (pred: (f: Pushed) => boolean, timeoutMs = 2000) => {
    const seen = frames.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise<Pushed>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames.map((f) => f.item?.ContentType ?? f.topic))}`)), timeoutMs);
      waiters.push({ pred, resolve: (f) => (clearTimeout(t), resolve(f)) });
    });
  };
  ws.send(JSON.stringify({ topic: "aws/subscribe", content: { topics: ["aws/chat"] } }));
  await next((f) => f.topic === "aws/subscribe");
  return { ws, frames, next, closed, close: () => ws.close() };
}
