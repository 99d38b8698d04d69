// SMS test helpers: a config whose destination sends through a local provider, a server with a fake Twilio, an agent that answers through the
// real participant SDK, and inbound SMS through the real Connect SDK.
import { CreateParticipantCommand, SendChatIntegrationEventCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, GetTranscriptCommand, SendMessageCommand } from "@aws-sdk/client-connectparticipant";
import { parseConfig, type Config } from "../../src/config.js";
import { after, before } from "node:test";
import { ACCOUNT, DEST, INSTANCE, KEY, REGION, SHORT_DEST, startServer, type Running } from "./server.js";
import { fakeTwilio, TWILIO_SID, TWILIO_TOKEN, type FakeProvider } from "./sms-providers.js";
import { openSocket, participantClient } from "./participant.js";

export const NUMBER = "+15550001111";
export const PUBLIC_URL = "https://chat.example.com";
export const FAST = { baseDelayMs: 20, maxDelayMs: 200, pollMs: 20 };

/** DEST sends by SMS with `sms`; SHORT_DEST has no SMS provider. */
export function smsConfig(sms: Record<string, unknown>, over: Record<string, unknown> = {}): Config {
  return parseConfig({
    region: REGION,
    server: { publicUrl: PUBLIC_URL },
    streaming: FAST,
    accounts: [{
      accountId: ACCOUNT,
      credentials: [{ ...KEY }],
      instances: [{ instanceId: INSTANCE, destinations: [{ destinationId: DEST, sms: { number: NUMBER, ...sms } }, { destinationId: SHORT_DEST }] }],
    }],
    ...over,
  });
}

export const inbound = (connect: ConnectClient, from: string, Content: string, destinationId = DEST, Subtype = "connect:sms") =>
  connect.send(new SendChatIntegrationEventCommand({ SourceId: from, DestinationId: destinationId, Subtype, Event: { Type: "MESSAGE", ContentType: "text/plain", Content } }));

/** A participant (AGENT by default) of the chat, speaking through the participant SDK. */
export async function joinAs(url: string, connect: ConnectClient, contactId: string, role: "AGENT" | "CUSTOM_BOT" = "AGENT") {
  const p = participantClient(url);
  const created = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: contactId, ParticipantDetails: { ParticipantRole: role, DisplayName: role === "AGENT" ? "Ana" : "Bot" } }));
  const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: created.ParticipantCredentials!.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"], ConnectParticipant: true }));
  const token = conn.ConnectionCredentials!.ConnectionToken!;
  return {
    participantId: created.ParticipantId!,
    participantToken: created.ParticipantCredentials!.ParticipantToken!,
    connectionToken: token,
    /** The participant's WebSocket (chatjs's), subscribed to aws/chat. */
    socket: () => openSocket(conn.Websocket!.Url!),
    say: (Content: string) => p.send(new SendMessageCommand({ ConnectionToken: token, ContentType: "text/plain", Content })),
    transcript: async () => (await p.send(new GetTranscriptCommand({ ConnectionToken: token, MaxResults: 100 }))).Transcript ?? [],
    close: () => p.destroy(),
  };
}

/**
 * A fake Twilio and a server whose destination sends through it, started before the file's tests and stopped after
 * them (node:test hooks registered here, so they run before the file's own).
 */
export function twilioServer(): { twilio: FakeProvider; srv: Running } {
  const env = {} as { twilio: FakeProvider; srv: Running };
  before(async () => {
    env.twilio = await fakeTwilio();
    env.srv = await startServer({ config: smsConfig({ provider: "twilio", twilio: { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, baseUrl: env.twilio.url } }) });
  });
  after(async () => {
    await env.srv.stop();
    await env.twilio.close();
  });
  return env;
}
