// A server with data worth protecting: an SMS chat with messages and a web chat whose customer holds a
// connection token; `healthy` proves it still answers valid requests (reads only, so snapshots stay equal).
import assert from "node:assert/strict";
import {
  CreateContactFlowCommand, CreateUserCommand, DescribeContactCommand, DescribeQueueCommand, ListAgentStatusesCommand, ListQueuesCommand, ListRoutingProfilesCommand,
  ListSecurityProfilesCommand, SendChatIntegrationEventCommand, StartChatContactCommand,
} from "@aws-sdk/client-connect";
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
  /** Routing objects (the instance's built-ins and one agent) the routing operations' fuzz targets aim at. */
  routing: { hoursId: string; queueId: string; profileId: string; securityProfileId: string; availableId: string; userId: string; username: string };
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
  const I = { InstanceId: INSTANCE };
  const queueId = (await c.send(new ListQueuesCommand(I))).QueueSummaryList!.find((q) => q.Name === "BasicQueue")!.Id!;
  const hoursId = (await c.send(new DescribeQueueCommand({ ...I, QueueId: queueId }))).Queue!.HoursOfOperationId!;
  const profileId = (await c.send(new ListRoutingProfilesCommand(I))).RoutingProfileSummaryList![0].Id!;
  const securityProfileId = (await c.send(new ListSecurityProfilesCommand(I))).SecurityProfileSummaryList!.find((x) => x.Name === "Agent")!.Id!;
  const availableId = (await c.send(new ListAgentStatusesCommand({ ...I, AgentStatusTypes: ["ROUTABLE"] }))).AgentStatusSummaryList![0].Id!;
  const username = "seeded.agent";
  const user = await c.send(new CreateUserCommand({ ...I, Username: username, Password: "Seeded1Password", RoutingProfileId: profileId, SecurityProfileIds: [securityProfileId] }));
  return {
    routing: { hoursId, queueId, profileId, securityProfileId, availableId, userId: user.UserId!, username },
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
