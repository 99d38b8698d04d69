// The agent console's working day in Chromium (issue #15's parts that stand without routing): the SMS reply box
// (segments, encoding, why Send is disabled, announced once), the transcript (links, right-to-left, grouping,
// reasons in words), unread counts that survive a reload, no read-receipt loop with a third participant (the
// page's requests are counted), leaving asks first, and axe-core on the main views. Screenshots to test/artifacts/.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { CreateParticipantCommand, SendChatIntegrationEventCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, DisconnectParticipantCommand } from "@aws-sdk/client-connectparticipant";
import { ARTIFACTS, attached, launch, signIn, sleep } from "./console-helpers.js";
import { DEST, INSTANCE, KEY, startServer, testConfig, type Running } from "../support/server.js";
import { participantClient } from "../support/participant.js";

let srv: Running;
let connect: ConnectClient;
let browser: BrowserContext;
let profile: string;
let dir: string;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), "cc-console-ws-"));
  srv = await startServer({ config: testConfig(), dir });
  connect = srv.connect();
  profile = mkdtempSync(join(tmpdir(), "cc-chromium-ws-"));
  browser = await launch(profile);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const text = (SourceId: string, Content: string, Attributes?: Record<string, string>) =>
  connect.send(new SendChatIntegrationEventCommand({ SourceId, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content }, ...(Attributes ? { NewSessionDetails: { Attributes } } : {}) }));

/** Signs in (once per page) and joins the chat from the queue; returns the chat view. */
async function joinChat(page: Page, contactId: string) {
  if (!(await page.getByTestId("queue-count").count())) await signIn(page, srv.url, KEY.accessKeyId, KEY.secretAccessKey);
  await page.locator(`[data-contact-id="${contactId}"]`).click({ timeout: 10_000 });
  const chat = page.getByTestId("chat-view");
  await chat.getByTestId("chat-status").getByText("Live").waitFor({ timeout: 10_000 });
  await attached(srv, contactId);
  return chat;
}

test("the SMS reply box counts segments and encoding, says why Send is disabled, and announces changes once", async () => {
  const first = await text("+14155550101", "Hello");
  const page = await browser.newPage();
  const chat = await joinChat(page, first.InitialContactId!);
  const reply = page.getByTestId("reply");
  const segments = page.getByTestId("segments");
  const send = chat.getByRole("button", { name: "Send" });
  const announce = page.getByTestId("reply-announce");

  assert.equal(await send.isDisabled(), true, "nothing to send yet");
  await reply.fill("a".repeat(150));
  await reply.pressSequentially("a".repeat(10));
  assert.equal(await segments.innerText(), "1 SMS segment, GSM-7");
  assert.equal(await announce.innerText(), "", "typing inside one segment announces nothing");
  await reply.press("a");
  assert.equal(await segments.innerText(), "2 SMS segments, GSM-7");
  assert.equal(await announce.innerText(), "2 SMS segments, GSM-7");
  await reply.pressSequentially("ж");
  assert.equal(await segments.innerText(), "3 SMS segments, UCS-2", "one Cyrillic letter: 162 UCS-2 units, 67 per part");
  assert.equal(await page.getByTestId("counter").innerText(), "162 / 1024");
  await page.screenshot({ path: `${ARTIFACTS}workspace-reply-segments.png` });

  await reply.fill("x".repeat(1030));
  assert.equal(await send.isDisabled(), true);
  assert.equal(await page.getByTestId("send-blocked").innerText(), "Too long: 6 characters over the 1024-character limit.");
  assert.equal(await announce.innerText(), "Over the 1024-character limit.");
  const describedBy = (await reply.getAttribute("aria-describedby"))!.split(" ");
  assert.ok(describedBy.includes((await page.getByTestId("send-blocked").getAttribute("id"))!), "the reason is the reply box's description");
  await reply.fill("Right-to-left: مرحبا");
  assert.equal(await send.isDisabled(), false);
  assert.equal(await page.getByTestId("send-blocked").innerText(), "");
  await page.close();
});

test("with a third participant present, a refused read receipt is not sent again and again", async () => {
  const first = await text("+14155550102", "Is anyone there?");
  const contactId = first.InitialContactId!;
  const page = await browser.newPage();
  const receipts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/participant/event" && /message\.(read|delivered)/.test(r.postData() ?? "")) receipts.push(r.postData()!);
  });
  const chat = await joinChat(page, contactId);
  // The first message's read receipt (chatjs sends it after its 1 s throttle window) goes while one-to-one.
  for (let i = 0; i < 100 && receipts.length === 0; i++) await sleep(50);
  assert.equal(receipts.length, 1, "the customer's first message is read");
  // A supervisor joins and connects: three participants, so the server refuses receipts (ConflictException).
  const sup = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: contactId, ParticipantDetails: { ParticipantRole: "SUPERVISOR", DisplayName: "Sam" } }));
  const p = participantClient(srv.url);
  const supConn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: sup.ParticipantCredentials!.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  await chat.getByText("Sam joined").waitFor({ timeout: 5000 });
  const before = receipts.length;
  await text("+14155550102", "Hello?");
  await chat.getByText("Hello?").waitFor({ timeout: 5000 });
  // Long enough for several throttle windows (1 s each): Connect refuses receipts with three present, so none go.
  await sleep(4000);
  console.log(`# receipts: ${before} before the supervisor, ${receipts.length - before} while present`);
  assert.equal(receipts.length, before, `no receipts while three are present: ${receipts.slice(before).join(" | ")}`);
  await p.send(new DisconnectParticipantCommand({ ConnectionToken: supConn.ConnectionCredentials!.ConnectionToken }));
  await chat.getByText("Sam left").waitFor({ timeout: 5000 });
  // One-to-one again: the next message is read, once.
  await text("+14155550102", "Back to just us");
  await chat.getByText("Back to just us").waitFor({ timeout: 5000 });
  for (let i = 0; i < 60 && receipts.length === before; i++) await sleep(100);
  await sleep(2500);
  assert.equal(receipts.length - before, 1, `one read receipt after the supervisor left: ${receipts.slice(before).join(" | ")}`);
  p.destroy();
  await page.close();
});
