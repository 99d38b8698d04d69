// SMS test helpers: a config whose destination sends through a local provider, an agent that answers through the
// real participant SDK, and inbound SMS through the real Connect SDK.
import { CreateParticipantCommand, SendChatIntegrationEventCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, GetTranscriptCommand, SendMessageCommand } from "@aws-sdk/client-connectparticipant";
import { parseConfig, type Config } from "../../src/config.js";
import { ACCOUNT, DEST, INSTANCE, KEY, REGION, SHORT_DEST } from "./server.js";
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
    /** The participant's WebSocket (chatjs's), subscribed to aws/chat. */
    socket: () => openSocket(conn.Websocket!.Url!),
    say: (Content: string) => p.send(new SendMessageCommand({ ConnectionToken: token, ContentType: "text/plain", Content })),
    transcript: async () => (await p.send(new GetTranscriptCommand({ ConnectionToken: token, MaxResults: 100 }))).Transcript ?? [],
    close: () => p.destroy(),
  };
}
