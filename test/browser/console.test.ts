// The agent console in a real browser (Debian's Chromium driven by playwright-core): an SMS arrives, an agent
// signs in, sees it in the queue, joins, gets the customer's next SMS live, replies and ends the chat; the API
// and the chat's SNS stream (moto_server) agree. A wrong key is refused with a message that says so.
// Screenshots go to test/artifacts/ on every run.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { CreateParticipantCommand, DescribeContactCommand, SendChatIntegrationEventCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, DisconnectParticipantCommand, GetTranscriptCommand } from "@aws-sdk/client-connectparticipant";
import { ARTIFACTS, EV, attached, launch, signIn, sleep, streamed as streamedOn, transcriptAsAgent } from "./console-helpers.js";
import { DEST, INSTANCE, KEY, startServer, testConfig, type Running } from "../support/server.js";
import { startMoto, topicWithQueue, type Moto } from "../support/moto.js";
import { participantClient } from "../support/participant.js";

const CUSTOMER = "+14155550142";

let moto: Moto;
let topic: Awaited<ReturnType<typeof topicWithQueue>>;
let srv: Running;
let connect: ConnectClient;
let browser: BrowserContext;
let profile: string;
let dir: string;
let config: ReturnType<typeof testConfig>;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  moto = await startMoto();
  topic = await topicWithQueue(moto, "console-sms-out");
  config = testConfig({ sns: { endpoint: moto.url }, streaming: { baseDelayMs: 50, maxDelayMs: 400, pollMs: 50 } });
  config.accounts[0].instances[0].destinations[0].streamingEndpointArn = topic.arn;
  dir = mkdtempSync(join(tmpdir(), "cc-console-"));
  srv = await startServer({ config, dir });
  connect = srv.connect();
  profile = mkdtempSync(join(tmpdir(), "cc-chromium-"));
  browser = await launch(profile);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  await moto?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const sms = (Event: any) => connect.send(new SendChatIntegrationEventCommand({ SourceId: CUSTOMER, DestinationId: DEST, Subtype: "connect:sms", Event }));
/** The customer reads one of our messages on the phone. */
const readOnPhone = (messageId: string) => sms({ Type: "EVENT", ContentType: `${EV}message.read`, Content: JSON.stringify({ messageId }) });
const streamed = (pred: (body: Record<string, any>) => unknown) => streamedOn(topic, pred);

test("an agent answers an SMS live from the console, and ends the chat", async () => {
  const first = await connect.send(
    new SendChatIntegrationEventCommand({
      SourceId: CUSTOMER, DestinationId: DEST, Subtype: "connect:sms",
      Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "Hi, I need help with my order" },
      NewSessionDetails: { Attributes: { loyaltyTier: "gold", orderId: "1234" } },
    }),
  );
  const contactId = first.InitialContactId!;
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));

  await signIn(page, srv.url, KEY.accessKeyId, KEY.secretAccessKey);
  const row = page.locator(`[data-contact-id="${contactId}"]`);
  await row.waitFor({ timeout: 10_000 });
  assert.match(await row.innerText(), /\+14155550142[\s\S]*SMS[\s\S]*Hi, I need help with my order/i);
  await page.screenshot({ path: `${ARTIFACTS}console-queue.png` });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${ARTIFACTS}console-queue-dark.png` });
  await page.emulateMedia({ colorScheme: "light" });

  // Join with the keyboard: focus the row, Enter.
  await row.focus();
  await page.keyboard.press("Enter");
  const chat = page.getByTestId("chat-view");
  await chat.getByText("Hi, I need help with my order").waitFor();
  await chat.getByTestId("chat-status").getByText("Live").waitFor();
  await attached(srv, contactId);
  const attributes = page.getByTestId("attributes");
  await attributes.waitFor();
  assert.match(await attributes.innerText(), /loyaltyTier\s+gold\s+orderId\s+1234/);

  // The customer types, then texts again: both show up without a reload.
  await sms({ Type: "EVENT", ContentType: `${EV}typing` });
  await page.getByTestId("typing").getByText("is typing").waitFor({ timeout: 5000 });
  await sms({ Type: "MESSAGE", ContentType: "text/plain", Content: "Order 1234 never arrived" });
  await chat.getByText("Order 1234 never arrived").waitFor({ timeout: 5000 });

  // Reply: the counter follows the text, Enter sends.
  const reply = page.getByTestId("reply");
  await reply.fill("Sorry about that — checking order 1234 now.");
  assert.equal(await page.getByTestId("counter").innerText(), "43 / 1024");
  await reply.press("Enter");
  assert.equal(await reply.inputValue(), "");
  const mine = chat.locator(".msg.mine", { hasText: "checking order 1234" });
  await mine.getByTestId("receipt").getByText("Sent").waitFor({ timeout: 5000 });

  // What goes back out to the phone, on the chat's SNS stream: the agent typing, the reply, the agent's read receipt.
  const agentTyping = await streamed((b) => b.ContentType === `${EV}typing` && b.ParticipantRole === "AGENT");
  assert.equal(agentTyping.body.DisplayName, "Alice");
  const out = await streamed((b) => b.Content === "Sorry about that — checking order 1234 now.");
  assert.equal(out.attributes.ParticipantRole, "AGENT");
  assert.equal(out.body.InitialContactId, contactId);
  const hello = await streamed((b) => b.Content === "Hi, I need help with my order");
  const order = await streamed((b) => b.Content === "Order 1234 never arrived");
  const readByAgent = await streamed((b) => b.Type === "MESSAGEMETADATA" && b.MessageMetadata?.MessageId === order.body.Id && b.MessageMetadata.Receipts?.[0]?.ReadTimestamp);
  assert.equal(readByAgent.body.MessageMetadata.Receipts[0].RecipientParticipantId, agentTyping.body.ParticipantId);

  // The phone reports the reply read: the console shows it.
  await readOnPhone(out.body.Id);
  await mine.getByTestId("receipt").getByText("Read").waitFor({ timeout: 5000 });

  // Through the participant service (a second agent's token, named Supervisor: CreateParticipant takes no SUPERVISOR
  // for chat): the reply is in the transcript as the agent's.
  const viewer = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: contactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Supervisor" } }));
  const p = participantClient(srv.url);
  const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: viewer.ParticipantCredentials!.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  const items = (await p.send(new GetTranscriptCommand({ ConnectionToken: conn.ConnectionCredentials!.ConnectionToken, SortOrder: "ASCENDING", MaxResults: 50 }))).Transcript!;
  const agentMsg = items.find((i) => i.Type === "MESSAGE" && i.Content === "Sorry about that — checking order 1234 now.");
  assert.ok(agentMsg, "the reply is in the transcript");
  assert.deepEqual([agentMsg.ParticipantRole, agentMsg.DisplayName, agentMsg.Id], ["AGENT", "Alice", out.body.Id]);
  const lines = (await chat.getByTestId("transcript").locator("li:not(.day):not(.marker)").allInnerTexts()).map((t) => t.split("\n").find((x) => x && x !== "Customer" && x !== "Supervisor") ?? "");
  const at = (text: string) => lines.findIndex((l) => l.startsWith(text));
  assert.deepEqual(
    ["Customer joined", "Hi, I need help", "Alice joined", "Order 1234", "Sorry about that"].map(at),
    [0, 1, 2, 3, 4],
    `transcript in chat order: ${JSON.stringify(lines)}`,
  );
  // The supervisor leaves again: receipts are refused while more than two participants are present.
  await p.send(new DisconnectParticipantCommand({ ConnectionToken: conn.ConnectionCredentials!.ConnectionToken }));
  await chat.getByText("Supervisor left").waitFor({ timeout: 5000 });
  await page.screenshot({ path: `${ARTIFACTS}console-chat.png` });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${ARTIFACTS}console-chat-dark.png` });
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 400, height: 760 });
  await page.screenshot({ path: `${ARTIFACTS}console-narrow.png` });
  // Narrow, the contact's details open over the transcript; the Queue tab brings the list back.
  await chat.getByRole("button", { name: "Details" }).click();
  assert.match(await page.getByTestId("attributes").innerText(), /loyaltyTier\s+gold/);
  await page.screenshot({ path: `${ARTIFACTS}console-narrow-details.png` });
  await chat.getByRole("button", { name: "Hide details" }).click();
  await page.getByRole("tab", { name: "Queue" }).click();
  await row.waitFor();
  await page.screenshot({ path: `${ARTIFACTS}console-narrow-queue.png` });
  await page.getByTestId("chat-tab").getByRole("tab").click();
  await page.setViewportSize({ width: 1360, height: 820 });

  // A dropped socket, and an SMS while it is down: the console reconnects and fills the gap from GetTranscript.
  const hub = srv.app.hub as any;
  const upgrade = hub.handleUpgrade;
  hub.handleUpgrade = async (_req: unknown, socket: { destroy(): void }) => socket.destroy(); // refuse reconnects for now
  for (const c of hub.byChat.get(contactId) ?? []) c.ws.terminate();
  for (let i = 0; i < 200 && srv.app.hub.connectionsOf(contactId) > 0; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(srv.app.hub.connectionsOf(contactId), 0);
  await chat.getByTestId("chat-status").getByText("Reconnecting…").waitFor({ timeout: 5000 });
  await sms({ Type: "MESSAGE", ContentType: "text/plain", Content: "Hello? Did you find it?" });
  const dropped = Date.now();
  hub.handleUpgrade = upgrade;
  await chat.getByText("Hello? Did you find it?").waitFor({ timeout: 20_000 });
  await chat.getByTestId("chat-status").getByText("Live").waitFor();
  console.log(`# gap filled ${Date.now() - dropped} ms after the socket came back`);

  // The server goes away (stop, start on the same port and database): chatjs's own reconnect fails with it and
  // gives up, and the console starts a new chatjs session with backoff. An SMS reaches the chat meanwhile (another
  // server on the same database takes it); the new session fills the gap from GetTranscript.
  const port = srv.port;
  await srv.stop();
  await chat.getByTestId("chat-status").getByText("Reconnecting…").waitFor({ timeout: 5000 });
  await page.screenshot({ path: `${ARTIFACTS}console-reconnecting.png` });
  const other = await startServer({ config, dir });
  await other.connect().send(new SendChatIntegrationEventCommand({ SourceId: CUSTOMER, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "Still there?" } }));
  await other.stop();
  await sleep(1500); // long enough for chatjs to give up and the console to fail its first restart
  srv = await startServer({ config, dir, port });
  connect = srv.connect();
  const down = Date.now();
  await chat.getByText("Still there?").waitFor({ timeout: 20_000 });
  await chat.getByTestId("chat-status").getByText("Live").waitFor();
  console.log(`# restarted chatjs; gap filled ${Date.now() - down} ms after the server came back`);
  assert.ok(Number(await chat.getAttribute("data-restarts")) >= 1, "the console started a new chatjs session");
  await attached(srv, contactId);
  await sleep(500);
  assert.equal(srv.app.hub.connectionsOf(contactId), 1, "the old session is gone: one socket for the agent");
  const texts = (await chat.getByTestId("transcript").locator(".msg .bubble").allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(texts.filter((t, i) => texts.indexOf(t) !== i), [], `no duplicates: ${JSON.stringify(texts)}`);
  assert.deepEqual(texts, ["Hi, I need help with my order", "Order 1234 never arrived", "Sorry about that — checking order 1234 now.", "Hello? Did you find it?", "Still there?"]);

  // A second reply on the new session; the phone reads it too: both replies show Read.
  await reply.fill("Yes! It ships tomorrow.");
  await reply.press("Enter");
  const again = await streamed((b) => b.Content === "Yes! It ships tomorrow.");
  await readOnPhone(again.body.Id);
  const receipts = chat.locator(".msg.mine").getByTestId("receipt");
  const shown = async () => (await receipts.allInnerTexts()).map((t) => t.replace(/^[\s·]+/, ""));
  for (let i = 0; i < 100 && (await shown()).join() !== "Read,Read"; i++) await sleep(50);
  assert.deepEqual(await shown(), ["Read", "Read"]);

  // Every customer message got the agent's own read receipt (chatjs sends all with one constant ClientToken),
  // and both replies carry the customer's.
  const agentId = agentTyping.body.ParticipantId;
  const customerId = hello.body.ParticipantId;
  const agentRead = ["Hi, I need help with my order", "Order 1234 never arrived", "Hello? Did you find it?", "Still there?"];
  let transcript = await transcriptAsAgent(page, srv.url);
  const readBy = (content: string, who: string) => transcript.find((i) => i.Content === content)?.MessageMetadata?.Receipts?.find((r) => r.RecipientParticipantId === who)?.ReadTimestamp;
  // chatjs sends one receipt per throttle window (1 s here), so the last ones may still be on their way.
  for (let i = 0; i < 40 && !agentRead.every((m) => readBy(m, agentId)); i++) transcript = await sleep(250).then(() => transcriptAsAgent(page, srv.url));
  for (const m of agentRead) assert.ok(readBy(m, agentId), `the agent read "${m}": ${JSON.stringify(transcript.filter((i) => i.ParticipantRole === "CUSTOMER").map((i) => [i.Content, i.MessageMetadata]))}`);
  for (const m of ["Sorry about that — checking order 1234 now.", "Yes! It ships tomorrow."]) assert.ok(readBy(m, customerId), `the customer read "${m}"`);
  const receiptIds = topic.got.filter((d) => d.body.Type === "MESSAGEMETADATA" && d.body.MessageMetadata?.Receipts?.[0]?.RecipientParticipantId === agentId && d.body.MessageMetadata.Receipts[0].ReadTimestamp).map((d) => d.body.MessageMetadata.MessageId);
  assert.ok(receiptIds.includes(hello.body.Id) && receiptIds.includes(order.body.Id), "the agent's receipts went out on the SNS stream");

  // A reload keeps the session (sessionStorage): same tab, same participant, transcript back.
  await page.reload();
  await chat.getByText("Hello? Did you find it?").waitFor({ timeout: 10_000 });
  await chat.getByTestId("chat-status").getByText("Live").waitFor();
  assert.equal(await page.getByTestId("chat-tab").count(), 1);

  // End chat (with its confirmation): the contact is disconnected and the view says so.
  await chat.getByRole("button", { name: "End chat" }).click();
  await chat.getByText("End this chat for everyone?").waitFor();
  await chat.getByRole("button", { name: "End chat" }).click();
  await chat.getByTestId("chat-status").getByText("Ended").waitFor({ timeout: 5000 });
  const d = await connect.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: contactId }));
  assert.ok(d.Contact!.DisconnectTimestamp, "DescribeContact shows the chat ended");
  assert.equal(await reply.isDisabled(), true);
  await row.waitFor({ state: "detached", timeout: 10_000 });

  // A second chat opens as a second tab; Alt+1/Alt+2 switch, Alt+W closes (the agent leaves that chat).
  const second = await connect.send(new SendChatIntegrationEventCommand({ SourceId: "+14155550199", DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "Do you open on Sundays?" } }));
  await page.locator(`[data-contact-id="${second.InitialContactId}"]`).click({ timeout: 10_000 });
  await chat.getByText("Do you open on Sundays?").waitFor();
  assert.equal(await page.getByTestId("chat-tab").count(), 2);
  await page.keyboard.press("Alt+1");
  await chat.getByText("Order 1234 never arrived").waitFor();
  await page.keyboard.press("Alt+2");
  await chat.getByText("Do you open on Sundays?").waitFor();
  await page.keyboard.press("Alt+w");
  assert.equal(await page.getByTestId("chat-tab").count(), 1);
  await streamed((b) => b.InitialContactId === second.InitialContactId && b.ContentType === `${EV}participant.left` && b.ParticipantRole === "AGENT");

  // After a reload, the ended chat's tab cannot reconnect (its token is refused) and says so instead of retrying.
  await page.reload();
  await page.getByTestId("chat-tab").getByRole("tab").click();
  await chat.getByText("This chat is over or the agent left it.").waitFor({ timeout: 5000 });
  assert.equal(await page.getByTestId("reply").isDisabled(), true);
  assert.deepEqual(pageErrors, []);
  p.destroy();
  await page.close();
});

test("a wrong secret and an unknown key are refused with messages that say so", async () => {
  const page = await browser.newPage();
  await signIn(page, srv.url, KEY.accessKeyId, "not-the-secret");
  const error = page.getByTestId("signin-error");
  await error.getByText("Wrong secret access key").waitFor({ timeout: 5000 });
  await page.screenshot({ path: `${ARTIFACTS}console-signin-error.png` });
  await page.getByLabel("Access key ID").fill("AKIDNOBODY");
  await page.getByRole("button", { name: "Sign in" }).click();
  await error.getByText("Unknown access key").waitFor({ timeout: 5000 });
  assert.equal(await page.evaluate("sessionStorage.length"), 0, "nothing kept after a failed sign-in");
  await page.close();
});
