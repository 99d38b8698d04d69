// A server with data worth protecting: an SMS chat with messages and a web chat whose customer holds a
// connection token; `healthy` proves it still answers valid requests (reads only, so snapshots stay equal).
import assert from "node:assert/strict";
import { CreateContactFlowCommand, DescribeContactCommand, SendChatIntegrationEventCommand, StartChatContactCommand } from "@aws-sdk/client-connect";
import { greeting } from "../support/flows.js";
import { CreateParticipantConnectionCommand, GetTranscriptCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { DEST, INSTANCE, startServer, type Running } from "../support/server.js";
import { participantClient } from "../support/participant.js";

export const SMS_SOURCE = "+14155550142";

export interface Seeded {
  srv: Running;
  smsContactId: string;
  webContactId: string;
  participantToken: string;
  connectionToken: string;
  /** A stored contact flow (named "fuzz flow A"; "fuzz flow B" exists too). */
  flowId: string;
  p: ConnectParticipantClient;
  healthy(): Promise<void>;
  stop(): Promise<void>;
}

export async function seededServer(): Promise<Seeded> {
  const srv = await startServer();
  const c = srv.connect();
  const p = participantClient(srv.url);
  const sms = await c.send(new SendChatIntegrationEventCommand({ SourceId: SMS_SOURCE, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "first" } }));
  await c.send(new SendChatIntegrationEventCommand({ SourceId: SMS_SOURCE, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "second" } }));
  const web = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Web" }, Attributes: { a: "1" } }));
  const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: web.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  const connectionToken = conn.ConnectionCredentials!.ConnectionToken!;
  await p.send(new SendMessageCommand({ ConnectionToken: connectionToken, ContentType: "text/plain", Content: "hello from the web" }));
  const flows = [];
  for (const Name of ["fuzz flow A", "fuzz flow B"]) flows.push(await c.send(new CreateContactFlowCommand({ InstanceId: INSTANCE, Name, Type: "CONTACT_FLOW", Content: greeting(Name) })));
  const smsContactId = sms.InitialContactId!;
  const webContactId = web.ContactId!;
  return {
    srv,
    smsContactId,
    webContactId,
    participantToken: web.ParticipantToken!,
    connectionToken,
    flowId: flows[0].ContactFlowId!,
    p,
    async healthy() {
      const d = await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: smsContactId }));
      assert.equal(d.Contact?.Id, smsContactId);
      const t = await p.send(new GetTranscriptCommand({ ConnectionToken: connectionToken, MaxResults: 100 }));
      assert.ok(t.Transcript!.some((i) => i.Content === "hello from the web"));
    },
    async stop() {
      p.destroy();
      await srv.stop();
    },
  };
}
