// The soak's mixed load: SMS-side workers (new chats, messages, typing, disconnects through
// SendChatIntegrationEvent) and web-chat workers (StartChatContact, a customer and an agent on WebSockets,
// SendMessage/SendEvent, leaving). Each worker owns its chats, so per chat the acknowledgement order is known.
import { ConnectClient, CreateParticipantCommand, SendChatIntegrationEventCommand, StartChatContactCommand } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, DisconnectParticipantCommand, SendEventCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { INSTANCE } from "../support/server.js";
import { openSocket } from "../support/participant.js";

export interface Chat {
  initialContactId: string;
  kind: "sms" | "web";
  /** Its destination streams to the SNS topic. */
  streamed: boolean;
  /** Acknowledged message contents, in acknowledgement order. */
  acked: string[];
}

export interface Tally {
  ops: Record<string, number>;
  errors: Record<string, number>;
  chats: Map<string, Chat>;
  pushes: number;
  sockets: number;
}

export const newTally = (): Tally => ({ ops: {}, errors: {}, chats: new Map(), pushes: 0, sockets: 0 });
const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const errName = (e: any) => String(e?.name ?? e?.code ?? e);

/** Runs `op`, counting it; a refusal is counted by its AWS error name and reported as undefined. */
async function attempt<T>(t: Tally, name: string, op: () => Promise<T>): Promise<T | undefined> {
  try {
    const r = await op();
    bump(t.ops, name);
    return r;
  } catch (e) {
    bump(t.errors, `${name}: ${errName(e)}`);
    return undefined;
  }
}

const T = "application/vnd.amazonaws.connect.event.";

export async function smsWorker(w: number, c: ConnectClient, t: Tally, until: () => boolean, pauseMs: number, destination: string, streamed: boolean) {
  const sources = Array.from({ length: 25 }, (_, i) => `+1650${String(w).padStart(3, "0")}${String(i).padStart(4, "0")}`);
  const current = new Map<string, Chat>();
  for (let n = 0; !until(); n++) {
    const source = sources[Math.floor(Math.random() * sources.length)];
    const r = Math.random();
    const event = r < 0.75 ? { Type: "MESSAGE" as const, ContentType: "text/plain", Content: `w${w}-${n}` } : r < 0.95 ? { Type: "EVENT" as const, ContentType: `${T}typing` } : { Type: "DISCONNECT" as const };
    const out = await attempt(t, `SCIE ${event.Type}`, () => c.send(new SendChatIntegrationEventCommand({ SourceId: source, DestinationId: destination, Subtype: "connect:sms", Event: event })));
    if (out?.InitialContactId) {
      let chat = current.get(source);
      if (!chat || chat.initialContactId !== out.InitialContactId) {
        chat = { initialContactId: out.InitialContactId, kind: "sms", streamed, acked: [] };
        current.set(source, chat);
        t.chats.set(chat.initialContactId, chat);
      }
      if (event.Type === "MESSAGE") chat.acked.push(event.Content);
      if (event.Type === "DISCONNECT") current.delete(source);
    }
    await sleep(pauseMs * (0.5 + Math.random()));
  }
}

/** One web chat after another: customer and agent on WebSockets, a few messages and typing, then both leave. */
export async function webWorker(w: number, c: ConnectClient, p: ConnectParticipantClient, t: Tally, until: () => boolean, pauseMs: number) {
  for (let n = 0; !until(); n++) {
    const start = await attempt(t, "StartChatContact", () => c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "soak", ParticipantDetails: { DisplayName: `web${w}` } })));
    if (!start) {
      await sleep(pauseMs);
      continue;
    }
    const chat: Chat = { initialContactId: start.ContactId!, kind: "web", streamed: false, acked: [] };
    t.chats.set(chat.initialContactId, chat);
    const customer = await attempt(t, "CreateParticipantConnection", () => p.send(new CreateParticipantConnectionCommand({ ParticipantToken: start.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] })));
    const agent = await attempt(t, "CreateParticipant", () => c.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: chat.initialContactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "agent" } })));
    const agentConn = agent && (await attempt(t, "CreateParticipantConnection", () => p.send(new CreateParticipantConnectionCommand({ ParticipantToken: agent.ParticipantCredentials!.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }))));
    if (!customer || !agentConn) continue;
    const sockets = await Promise.all([customer, agentConn].map((x) => attempt(t, "WebSocket open", () => openSocket(x.Websocket!.Url!))));
    t.sockets += sockets.filter(Boolean).length;
    const tokens = [customer.ConnectionCredentials!.ConnectionToken!, agentConn.ConnectionCredentials!.ConnectionToken!];
    const turns = 3 + Math.floor(Math.random() * 6);
    for (let i = 0; i < turns && !until(); i++) {
      const who = i % 2;
      if (Math.random() < 0.3) await attempt(t, "SendEvent typing", () => p.send(new SendEventCommand({ ConnectionToken: tokens[who], ContentType: `${T}typing` })));
      const content = `web${w}-${n}-${i}`;
      if (await attempt(t, "SendMessage", () => p.send(new SendMessageCommand({ ConnectionToken: tokens[who], ContentType: "text/plain", Content: content })))) chat.acked.push(content);
      await sleep(pauseMs * (0.5 + Math.random()));
    }
    // The agent leaves first (the chat goes on), then the customer (the chat ends).
    await attempt(t, "DisconnectParticipant", () => p.send(new DisconnectParticipantCommand({ ConnectionToken: tokens[1] })));
    await attempt(t, "DisconnectParticipant", () => p.send(new DisconnectParticipantCommand({ ConnectionToken: tokens[0] })));
    await sleep(50);
    for (const s of sockets) {
      if (!s) continue;
      t.pushes += s.frames.filter((f) => f.topic === "aws/chat").length;
      s.close();
    }
  }
}
