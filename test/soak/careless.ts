// The soak's careless clients (issue 19): web chats where the customer opens two sockets that subscribe and then
// stop reading, drops one without a close (abandoned), and leaves a connection URL unused, while the agent sends
// ~48 KB frames and reads everything on its own socket. Nothing may be lost for the reader. One stalled socket
// reads again as the chat ends (a slow reader: it catches up, then chat.ended closes it, 1000); the other only 12 s
// later (a reader that stopped: the server closes it, 1013, after 10 s without draining). Either must be closed.
import { CreateParticipantCommand, StartChatContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, DisconnectParticipantCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import WebSocket from "ws";
import { INSTANCE } from "../support/server.js";
import { openSocket } from "../support/participant.js";
import { stalledSocket, type Stalled } from "../support/raw-ws.js";
import type { Chat, Tally } from "./load.js";

export interface Careless {
  /** Sockets that stopped reading, and how the server closed them (close code, or "none" if it did not). */
  stalled: number;
  closedBy: Record<string, number>;
  /** Sockets dropped without a close, and connection URLs never opened. */
  dropped: number;
  unusedUrls: number;
  /** Big messages acknowledged, and how many of them the agent's reading socket did not get. */
  bigMessages: number;
  missedByReader: number;
}

export const newCareless = (): Careless => ({ stalled: 0, closedBy: {}, dropped: 0, unusedUrls: 0, bigMessages: 0, missedByReader: 0 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads what a stalled socket holds; counts how the server closed it. */
async function settle(k: Careless, s: Stalled) {
  const r = await Promise.race([s.resume(), sleep(10_000).then(() => undefined)]);
  const how = r?.closeCode === undefined ? (r ? "cut" : "none") : String(r.closeCode);
  k.closedBy[how] = (k.closedBy[how] ?? 0) + 1;
  s.socket.destroy();
}

const LATE_MS = 12_000;

/** One careless web chat after another until `until()`. */
export async function carelessWorker(w: number, c: ConnectClient, p: ConnectParticipantClient, t: Tally, k: Careless, until: () => boolean, messagesPerChat: number) {
  const late: { s: Stalled; at: number }[] = [];
  for (let n = 0; !until(); n++) {
    try {
      const start = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "soak", ParticipantDetails: { DisplayName: `careless${w}` }, SupportedMessagingContentTypes: ["text/plain", "application/json"] }));
      const chat: Chat = { initialContactId: start.ContactId!, kind: "web", streamed: false, acked: [] };
      t.chats.set(chat.initialContactId, chat);
      const customer = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: start.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
      await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: start.ParticipantToken, Type: ["WEBSOCKET"] }));
      k.unusedUrls++;
      const stalled = [await stalledSocket(customer.Websocket!.Url!), await stalledSocket(customer.Websocket!.Url!)];
      k.stalled += stalled.length;
      const dropped = new WebSocket(customer.Websocket!.Url!);
      dropped.on("error", () => undefined);
      await new Promise((ok) => dropped.once("open", ok));
      dropped.terminate(); // no close frame: the TCP connection just goes
      k.dropped++;

      const agent = await c.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: chat.initialContactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "agent" } }));
      const agentConn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: agent.ParticipantCredentials!.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
      const reader = await openSocket(agentConn.Websocket!.Url!);
      t.sockets += 1;
      const token = agentConn.ConnectionCredentials!.ConnectionToken!;
      const ids: string[] = [];
      for (let i = 0; i < messagesPerChat && !until(); i++) {
        // Backslashes are escaped twice on the way out: ~48 KB per frame. Unique, for the transcript check.
        const content = `${"\\".repeat(11_980)}${w}-${n}-${i}`;
        const r = await p.send(new SendMessageCommand({ ConnectionToken: token, ContentType: "application/json", Content: content }));
        chat.acked.push(content);
        ids.push(r.Id!);
        k.bigMessages++;
      }
      // The customer leaves: the chat ends, and every one of its sockets must be closed by the server.
      await p.send(new DisconnectParticipantCommand({ ConnectionToken: customer.ConnectionCredentials!.ConnectionToken! }));
      await reader.next((f) => f.item?.ContentType === "application/vnd.amazonaws.connect.event.chat.ended", 10_000).catch(() => undefined);
      const got = new Set(reader.frames.map((f) => f.item?.Id));
      k.missedByReader += ids.filter((id) => !got.has(id)).length;
      t.pushes += reader.frames.filter((f) => f.topic === "aws/chat").length;
      reader.close();
      await settle(k, stalled[0]);
      late.push({ s: stalled[1], at: Date.now() + LATE_MS });
      while (late.length && late[0].at <= Date.now()) await settle(k, late.shift()!.s);
    } catch (e: any) {
      const key = `careless: ${String(e?.name ?? e?.code ?? e)}`;
      t.errors[key] = (t.errors[key] ?? 0) + 1;
      await sleep(200);
    }
  }
  for (const { s, at } of late) {
    await sleep(Math.max(0, at - Date.now()));
    await settle(k, s);
  }
}
