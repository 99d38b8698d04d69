// Attachments across two PostgreSQL nodes sharing an attachment directory and its signing secret: uploaded through
// one node, pushed to an agent connected to the other, and downloaded with a URL the other node signed.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateParticipantCommand, StartChatContactCommand } from "@aws-sdk/client-connect";
import {
  CompleteAttachmentUploadCommand,
  CreateParticipantConnectionCommand,
  GetAttachmentCommand,
  GetTranscriptCommand,
  StartAttachmentUploadCommand,
} from "@aws-sdk/client-connectparticipant";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { INSTANCE, startServer, testConfig } from "../support/server.js";
import { openSocket, participantClient } from "../support/participant.js";

const dir = mkdtempSync(join(tmpdir(), "cc-attach-pg-"));
const config = testConfig({ attachments: { store: { dir, secret: "shared-secret-of-the-nodes" } } });
const db = await createScratchDatabase();
const nodeA = await startServer({ databaseUrl: db.url, config });
const nodeB = await startServer({ databaseUrl: db.url, config });
const pA = participantClient(nodeA.url);
const pB = participantClient(nodeB.url);
after(async () => {
  pA.destroy();
  pB.destroy();
  await Promise.all([nodeA.stop(), nodeB.stop()]);
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

test("an attachment uploaded through node A is pushed to an agent on node B, and B's URL downloads it", async () => {
  const chat = await nodeA.connect().send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Customer" } }));
  const customer = (await pA.send(new CreateParticipantConnectionCommand({ ParticipantToken: chat.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }))).ConnectionCredentials!.ConnectionToken!;
  const agent = await nodeB.connect().send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: chat.ContactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Agent" } }));
  const ac = await pB.send(new CreateParticipantConnectionCommand({ ParticipantToken: agent.ParticipantCredentials!.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
  const sock = await openSocket(ac.Websocket!.Url!);
  const body = Buffer.from("%PDF-1.4\n% a tiny document\n");
  const s = await pA.send(new StartAttachmentUploadCommand({ ConnectionToken: customer, ContentType: "application/pdf", AttachmentSizeInBytes: body.length, AttachmentName: "doc.pdf" }));
  assert.ok(s.UploadMetadata!.Url!.startsWith(`${nodeA.url}/attachments/`));
  assert.equal((await fetch(s.UploadMetadata!.Url!, { method: "PUT", headers: s.UploadMetadata!.HeadersToInclude, body })).status, 200);
  await pA.send(new CompleteAttachmentUploadCommand({ ConnectionToken: customer, AttachmentIds: [s.AttachmentId!] }));
  const pushed = await sock.next((f) => f.item?.Type === "ATTACHMENT", 5000);
  assert.equal(pushed.item!.Attachments[0].AttachmentId, s.AttachmentId);
  const agentToken = ac.ConnectionCredentials!.ConnectionToken!;
  const listed = (await pB.send(new GetTranscriptCommand({ ConnectionToken: agentToken }))).Transcript!.filter((i) => i.Type === "ATTACHMENT");
  assert.deepEqual(listed.map((i) => i.Id), [pushed.item!.Id]);
  const got = await pB.send(new GetAttachmentCommand({ ConnectionToken: agentToken, AttachmentId: s.AttachmentId! }));
  assert.ok(got.Url!.startsWith(`${nodeB.url}/attachments/`));
  const r = await fetch(got.Url!);
  assert.equal(r.headers.get("content-type"), "application/pdf");
  assert.deepEqual(Buffer.from(await r.arrayBuffer()), body);
  // Node A honours B's signature too: one secret.
  assert.equal((await fetch(got.Url!.replace(nodeB.url, nodeA.url))).status, 200);
  sock.close();
});
