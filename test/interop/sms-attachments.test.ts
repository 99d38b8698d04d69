// An agent's attachment on an SMS chat goes out to the phone: with Twilio as MMS (MediaUrl: a pre-signed link under
// server.publicUrl that serves the very bytes; the text is the file's name), with End User Messaging as a text with
// the name and link (its SendMediaMessage takes only S3 URIs of the sender's own bucket); never to a number that
// texted STOP; without server.publicUrl the phone could not fetch it, and the send is refused for good.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CompleteAttachmentUploadCommand, StartAttachmentUploadCommand } from "@aws-sdk/client-connectparticipant";
import { outboxReport } from "../../src/app.js";
import { DEST, REGION, startServer, type Running } from "../support/server.js";
import { fakeEndUserMessaging, fakeTwilio, TWILIO_SID, TWILIO_TOKEN, type FakeProvider } from "../support/sms-providers.js";
import { participantClient } from "../support/participant.js";
import { inbound, joinAs, NUMBER, PUBLIC_URL, smsConfig } from "../support/sms.js";

const FILE = Buffer.from("%PDF-1.4\n% an invoice for the test\n%%EOF\n");
let dir: string;
let twilio: FakeProvider;
let eum: FakeProvider;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), "cc-sms-att-"));
  twilio = await fakeTwilio();
  eum = await fakeEndUserMessaging();
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: "eum-test", AWS_SECRET_ACCESS_KEY: "eum-secret" });
});
after(async () => {
  await twilio.close();
  await eum.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const phone = () => `+1415559${String(5000 + ++n)}`;
const local = (srv: Running, url: string) => url.replace(PUBLIC_URL, srv.url); // the phone's view of publicUrl is this server
const twilioSms = () => ({ provider: "twilio", twilio: { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, baseUrl: twilio.url } });
const withStore = (over: Record<string, unknown> = {}) => ({ attachments: { store: { dir } }, ...over });

/** The agent's upload through the participant SDK: StartAttachmentUpload, PUT, CompleteAttachmentUpload. */
async function sendFile(srv: Running, token: string, name = "invoice.pdf") {
  const p = participantClient(srv.url);
  try {
    const s = await p.send(new StartAttachmentUploadCommand({ ConnectionToken: token, ContentType: "application/pdf", AttachmentSizeInBytes: FILE.length, AttachmentName: name }));
    const put = await fetch(local(srv, s.UploadMetadata!.Url!), { method: "PUT", headers: s.UploadMetadata!.HeadersToInclude, body: FILE });
    assert.equal(put.status, 200);
    await p.send(new CompleteAttachmentUploadCommand({ ConnectionToken: token, AttachmentIds: [s.AttachmentId!] }));
    return s.AttachmentId!;
  } finally {
    p.destroy();
  }
}

async function drained(srv: Running) {
  for (;;) {
    const r = await outboxReport(srv.app.store);
    if (r.endpoints.every((e) => e.pending + e.retrying === 0)) return r;
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

test("Twilio: an agent's attachment goes as MMS, its MediaUrl a pre-signed link under server.publicUrl serving the same bytes", async () => {
  const srv = await startServer({ config: smsConfig(twilioSms(), withStore()) });
  const connect = srv.connect();
  const customer = phone();
  const agent = await joinAs(srv.url, connect, (await inbound(connect, customer, "send me the invoice")).InitialContactId!);
  const before = twilio.sent.length;
  await sendFile(srv, agent.connectionToken);
  const [sent] = (await twilio.waitSent(before + 1)).slice(before);
  assert.deepEqual([sent.fields.From, sent.fields.To, sent.fields.Body], [NUMBER, customer, "invoice.pdf"]);
  assert.ok(sent.fields.MediaUrl.startsWith(`${PUBLIC_URL}/attachments/`), sent.fields.MediaUrl);
  const got = await fetch(local(srv, sent.fields.MediaUrl));
  assert.equal(got.status, 200);
  assert.equal(got.headers.get("content-type"), "application/pdf");
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), FILE);
  const tampered = await fetch(local(srv, sent.fields.MediaUrl).replace(/signature=[^&]+/, "signature=00"));
  assert.equal(tampered.status, 403);
  await drained(srv);
  assert.equal(twilio.sent.length, before + 1, "sent once");
  agent.close();
  await srv.stop();
});

test("End User Messaging: the attachment goes as a text with its name and link", async () => {
  const srv = await startServer({ config: smsConfig({ provider: "endUserMessaging", endUserMessaging: { endpoint: eum.url } }, withStore()) });
  const connect = srv.connect();
  const customer = phone();
  const agent = await joinAs(srv.url, connect, (await inbound(connect, customer, "the form please")).InitialContactId!);
  const before = eum.sent.length;
  await sendFile(srv, agent.connectionToken, "form.pdf");
  const [sent] = (await eum.waitSent(before + 1)).slice(before);
  assert.equal(sent.fields.DestinationPhoneNumber, customer);
  assert.equal(sent.fields.OriginationIdentity, DEST);
  const m = /^form\.pdf: (https:\/\/chat\.example\.com\/attachments\/\S+)$/.exec(sent.fields.MessageBody);
  assert.ok(m, sent.fields.MessageBody);
  assert.deepEqual(Buffer.from(await (await fetch(local(srv, m[1]))).arrayBuffer()), FILE);
  agent.close();
  await srv.stop();
});

test("a number that texted STOP gets no attachment (refused at CompleteAttachmentUpload); without server.publicUrl the send is dead-lettered with why", async () => {
  const srv = await startServer({ config: smsConfig(twilioSms(), withStore()) });
  const connect = srv.connect();
  const customer = phone();
  const agent = await joinAs(srv.url, connect, (await inbound(connect, customer, "hi")).InitialContactId!);
  await srv.app.store.tx((tx) => tx.smsOptOut(DEST, customer, Date.now()));
  await assert.rejects(sendFile(srv, agent.connectionToken), /opted out of SMS from this destination/);
  agent.close();
  await srv.stop();

  const noBase = await startServer({ config: smsConfig(twilioSms(), withStore({ server: {}, region: REGION })) });
  const c2 = noBase.connect();
  const other = await joinAs(noBase.url, c2, (await inbound(c2, phone(), "hi")).InitialContactId!);
  const p = participantClient(noBase.url);
  const s = await p.send(new StartAttachmentUploadCommand({ ConnectionToken: other.connectionToken, ContentType: "application/pdf", AttachmentSizeInBytes: FILE.length, AttachmentName: "x.pdf" }));
  // Without server.publicUrl the upload URL is this server's own address.
  await fetch(s.UploadMetadata!.Url!, { method: "PUT", headers: s.UploadMetadata!.HeadersToInclude, body: FILE });
  await p.send(new CompleteAttachmentUploadCommand({ ConnectionToken: other.connectionToken, AttachmentIds: [s.AttachmentId!] }));
  p.destroy();
  let report = await drained(noBase);
  while (report.deadLetters.length === 0) report = await drained(noBase);
  assert.match(report.deadLetters[0].lastError!, /^SmsAttachmentUnavailable: .*server\.publicUrl/);
  other.close();
  await noBase.stop();
});
