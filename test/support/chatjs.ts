// amazon-connect-chatjs 5, unmodified, in Node for tests: the browser globals it needs (as the README tells users
// to set them), its global config, and sessions with every event they raise recorded.
import WebSocket from "ws";
import { CreateParticipantCommand, SendChatIntegrationEventCommand, type ConnectClient } from "@aws-sdk/client-connect";

const g = globalThis as any;
g.self = g.window = globalThis;
g.WebSocket = WebSocket;
// Node 21+ has a navigator of its own, without onLine; chatjs opens its socket only while navigator.onLine is
// true (it waits for the browser's "online" event otherwise, forever in Node).
g.navigator ??= { userAgent: "node" };
g.navigator.onLine ??= true;

/** Loads chatjs (a browser bundle that sets globalThis.connect) pointed at `endpoint`; returns connect.ChatSession. */
export async function loadChatjs(endpoint: string): Promise<any> {
  await import("amazon-connect-chatjs" as string);
  const chatjs = g.connect.ChatSession;
  chatjs.setGlobalConfig({ region: "us-east-1", endpoint, loggerConfig: { useDefaultLogger: false } });
  return chatjs;
}

export interface Recorded {
  kind: string;
  data: any;
  at: number;
}

/** A chatjs session with every event it raises recorded, and a way to wait for one. */
export function chatSession(chatjs: any, contactId: string, participantId: string, participantToken: string) {
  const s = chatjs.create({ chatDetails: { contactId, participantId, participantToken }, type: "CUSTOMER", options: { region: "us-east-1" }, disableCSM: true });
  const events: Recorded[] = [];
  const waiters: { pred: (e: Recorded) => boolean; resolve: () => void }[] = [];
  const record = (kind: string) => (e: any) => {
    const ev = { kind, data: e?.data, at: performance.now() };
    events.push(ev);
    for (const w of [...waiters]) {
      if (!w.pred(ev)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  s.onMessage(record("message"));
  s.onTyping(record("typing"));
  s.onEnded(record("ended"));
  s.onConnectionEstablished(record("established"));
  // Participant timeouts (UpdateParticipantRoleConfig).
  s.onParticipantIdle(record("idle"));
  s.onParticipantReturned(record("returned"));
  s.onAutoDisconnection(record("autodisconnection"));
  const until = (pred: (e: Recorded) => boolean, ms = 3000) =>
    events.some(pred)
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          const t = setTimeout(() => reject(new Error(`timed out; saw ${events.map((e) => `${e.kind}:${e.data?.ContentType ?? ""}:${e.data?.Content ?? ""}`).join(", ")}`)), ms);
          waiters.push({ pred, resolve: () => (clearTimeout(t), resolve()) });
        });
  /** The contents of the messages it got, in order. */
  const messages = () => events.filter((e) => e.kind === "message" && e.data?.Type === "MESSAGE").map((e) => e.data.Content as string);
  return { s, events, until, messages };
}

/**
 * A bot written as bot authors write it: CreateParticipant, `await session.connect()`, and nothing else before the
 * customer writes — here at once, three messages through `smsNode` (another node on PostgreSQL) while the bot's
 * socket may not be open yet. The bot must get all three, in order, once; then the chat ends and chatjs sees it.
 */
export async function botGetsWhatFollowsConnect(chatjs: any, smsNode: ConnectClient, botNode: ConnectClient, source: string, instanceId: string, destinationId: string) {
  const sms = (Event: any) => smsNode.send(new SendChatIntegrationEventCommand({ SourceId: source, DestinationId: destinationId, Subtype: "connect:sms", Event }));
  const first = await sms({ Type: "MESSAGE", ContentType: "text/plain", Content: "before the bot" });
  const bot = await botNode.send(new CreateParticipantCommand({ InstanceId: instanceId, ContactId: first.InitialContactId, ParticipantDetails: { ParticipantRole: "CUSTOM_BOT", DisplayName: "Bot" } }));
  const b = chatSession(chatjs, first.InitialContactId!, bot.ParticipantId!, bot.ParticipantCredentials!.ParticipantToken!);
  await b.s.connect();
  const sent = ["right away 1", "right away 2", "right away 3"];
  for (const Content of sent) await sms({ Type: "MESSAGE", ContentType: "text/plain", Content });
  await b.until((e) => e.kind === "message" && e.data.Content === sent[2], 5000);
  await sms({ Type: "DISCONNECT" });
  await b.until((e) => e.kind === "ended", 5000);
  return { chat: first.InitialContactId!, messages: b.messages() };
}
