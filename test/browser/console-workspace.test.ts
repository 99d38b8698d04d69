// The agent console's working day in Chromium (issue #15's parts that stand without routing): the SMS reply box
// (segments, encoding, why Send is disabled, announced once), the transcript (links, right-to-left, grouping,
// reasons in words), unread counts that survive a reload, no read-receipt loop with a third participant (the
// page's requests are counted), leaving asks first, and axe-core on the main views. Screenshots to test/artifacts/.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { CreateParticipantCommand, SendChatIntegrationEventCommand, StartChatContactCommand, StopContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CompleteAttachmentUploadCommand, CreateParticipantConnectionCommand, DisconnectParticipantCommand, GetTranscriptCommand, StartAttachmentUploadCommand } from "@aws-sdk/client-connectparticipant";
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
  srv = await startServer({ config: testConfig({ attachments: { store: { dir: join(dir, "attachments"), secret: "a-test-secret-of-16+" } } }), dir });
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
  await announce.getByText("2 SMS segments, GSM-7").waitFor({ timeout: 2000 });
  await reply.pressSequentially("ж");
  assert.equal(await segments.innerText(), "3 SMS segments, UCS-2", "one Cyrillic letter: 162 UCS-2 units, 67 per part");
  assert.equal(await page.getByTestId("counter").innerText(), "162 / 1024");
  await page.screenshot({ path: `${ARTIFACTS}workspace-reply-segments.png` });

  await reply.fill("x".repeat(1030));
  assert.equal(await send.isDisabled(), true);
  assert.equal(await page.getByTestId("send-blocked").innerText(), "Too long: 6 characters over the 1024-character limit.");
  await announce.getByText("Over the 1024-character limit.").waitFor({ timeout: 2000 });
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

test("tabs: unread counts survive a reload, arrow keys move, an ended chat leaves the queue at once, leaving asks first, nothing overflows at 390 px", async () => {
  const a = (await text("+14155550103", "Hi from A")).InitialContactId!;
  const b = (await text("+14155550104", "Hi from B")).InitialContactId!;
  const page = await browser.newPage();
  const dialogs: string[] = [];
  // A reload is let through (the page asks then too); the last steps dismiss to check the page stays.
  let stay = false;
  page.on("dialog", (d) => (dialogs.push(`${d.type()}: ${d.message()}`), void (stay ? d.dismiss() : d.accept())));
  await joinChat(page, a);
  const chat = await joinChat(page, b);
  await chat.getByText("Hi from B").waitFor();
  const tabA = page.getByRole("tab", { name: /^\+14155550103/ });
  const tabB = page.getByRole("tab", { name: /^\+14155550104/ });
  await tabA.click();
  await chat.getByText("Hi from A").waitFor();
  await text("+14155550104", "B again");
  const badgeB = page.getByTestId("chat-tab").filter({ has: tabB }).getByTestId("unread");
  await badgeB.getByText("1").waitFor({ timeout: 5000 });
  assert.match((await tabB.getAttribute("aria-label"))!, /, live, 1 unread$/);

  await page.reload();
  assert.deepEqual(dialogs.splice(0), ["beforeunload: "], "a reload with open chats asks too");
  await chat.getByText("Hi from A").waitFor({ timeout: 10_000 });
  await chat.getByTestId("chat-status").getByText("Live").waitFor();
  await sleep(1500); // B's transcript is loaded in the background after a reload
  assert.equal(await badgeB.innerText(), "1", "after a reload: still the one message not seen, not B's whole transcript");

  // The tab list: one tab in the Tab order, arrows move and bring the chat to front, the panel names its tab.
  assert.deepEqual(await page.getByRole("tab").evaluateAll((ts) => ts.filter((t: any) => t.offsetParent).map((t) => t.getAttribute("tabindex"))), ["0", "-1"]);
  await tabA.focus();
  await page.keyboard.press("ArrowRight");
  await chat.getByText("B again").waitFor();
  assert.equal(await tabB.getAttribute("aria-selected"), "true");
  assert.equal(await page.evaluate("document.activeElement?.textContent"), "+14155550104");
  assert.equal(await page.getByRole("tabpanel").getAttribute("aria-labelledby"), await tabB.getAttribute("id"));
  assert.equal(await badgeB.count(), 0, "seen");
  await page.keyboard.press("Home");
  assert.equal(await tabA.getAttribute("aria-selected"), "true");
  await page.keyboard.press("End");
  assert.equal(await tabB.getAttribute("aria-selected"), "true");

  // Widths: at 768 px End chat stays on one line; at 390 px the page does not scroll sideways.
  await page.setViewportSize({ width: 768, height: 800 });
  const end = chat.getByRole("button", { name: "End chat" });
  const box = (await end.boundingBox())!;
  const line = await end.evaluate((el) => parseFloat((globalThis as any).getComputedStyle(el).lineHeight));
  assert.ok(box.height < line * 2, `End chat on one line at 768 px (${box.height} px high, line ${line} px)`);
  for (let i = 0; i < 3; i++) await text(`+1415555011${i}`, "more tabs please");
  await page.setViewportSize({ width: 390, height: 800 });
  await page.getByRole("tab", { name: "Queue" }).click();
  for (let i = 0; i < 3; i++) await page.locator(".row", { hasText: `+1415555011${i}` }).click({ timeout: 10_000 }).then(() => page.getByRole("tab", { name: "Queue" }).click());
  assert.equal(await page.getByTestId("chat-tab").count(), 5);
  await page.getByRole("tab", { name: /^\+14155550104/ }).click();
  const scroll = Number(await page.evaluate("document.documentElement.scrollWidth"));
  await page.screenshot({ path: `${ARTIFACTS}workspace-390-tabs.png` });
  assert.ok(scroll <= 390, `no sideways scrolling at 390 px: the page is ${scroll} px wide`);
  await page.setViewportSize({ width: 1360, height: 820 });

  // The customer's chat is ended elsewhere: its row leaves the queue as soon as the tab shows Ended.
  const rowB = page.locator(`[data-contact-id="${b}"]`);
  assert.equal(await rowB.count(), 1);
  await connect.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: b }));
  await chat.getByTestId("chat-status").getByText("Ended").waitFor({ timeout: 5000 });
  assert.equal(await rowB.count(), 0, "gone with the Ended status, not a poll later");

  // Leaving asks first: closing the browser tab (beforeunload), and signing out.
  stay = true;
  await page.close({ runBeforeUnload: true });
  for (let i = 0; i < 50 && dialogs.length === 0; i++) await sleep(50);
  assert.equal(dialogs[0]?.split(":")[0], "beforeunload", `the browser asked before closing: ${dialogs}`);
  assert.equal(page.isClosed(), false, "dismissed: the page stays");
  await page.getByRole("button", { name: "Sign out" }).click();
  assert.match(dialogs[1] ?? "", /^confirm: You are in 4 open chats\. Signing out leaves them\. Sign out\?$/);
  assert.equal(await page.getByTestId("queue-count").count(), 1, "still signed in");
  page.removeAllListeners("dialog");
  page.on("dialog", (d) => void d.accept());
  await page.close({ runBeforeUnload: true });
});

test("the transcript: safe links, right-to-left text, runs by sender, a day line, the new-messages button when scrolled up, reasons in words", async () => {
  const phone = "+14155550105";
  const contactId = (await text(phone, "My order: https://shop.example/orders/77. Also javascript:alert(1)")).InitialContactId!;
  await text(phone, "مرحبا، أحتاج مساعدة");
  const page = await browser.newPage();
  const chat = await joinChat(page, contactId);
  const link = chat.getByRole("link", { name: "https://shop.example/orders/77" });
  await link.waitFor();
  assert.deepEqual([await link.getAttribute("href"), await link.getAttribute("target"), await link.getAttribute("rel")], ["https://shop.example/orders/77", "_blank", "noopener noreferrer"]);
  assert.equal(await chat.getByRole("link").count(), 1, "javascript: stays text");
  const arabic = chat.locator(".bubble", { hasText: "مرحبا" });
  assert.equal(await arabic.getAttribute("dir"), "auto");
  assert.equal(await arabic.evaluate((el) => (globalThis as any).getComputedStyle(el).direction), "rtl", "the browser reads it right to left");
  // Two messages of the customer in a row: one name above the run.
  assert.equal(await chat.locator(".msg.theirs .who").count(), 1);
  assert.deepEqual(await chat.getByTestId("day").allInnerTexts(), ["Today"]);

  // Scrolled up, new messages do not pull the view down; a button says how many and goes there.
  for (let i = 0; i < 12; i++) await text(phone, `line ${i} ${"padding ".repeat(20)}`);
  await chat.getByText("line 11").waitFor({ timeout: 5000 });
  await page.getByTestId("transcript").evaluate((el) => (el.scrollTop = 0));
  await sleep(200);
  await text(phone, "Are you still there?");
  await text(phone, "Hello??");
  const jump = page.getByTestId("jump-new");
  await jump.getByText("2 new messages ↓").waitFor({ timeout: 5000 });
  assert.equal(await page.getByTestId("transcript").evaluate((el) => el.scrollTop), 0, "the view stayed where the agent was reading");
  await page.screenshot({ path: `${ARTIFACTS}workspace-new-messages.png` });
  await jump.click();
  await jump.waitFor({ state: "detached" });
  assert.ok(await chat.getByText("Hello??").isVisible());

  // The customer leaves: the details say why in words, without breaking the words.
  await connect.send(new SendChatIntegrationEventCommand({ SourceId: phone, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "DISCONNECT" } }));
  await chat.getByTestId("chat-status").getByText("Ended").waitFor({ timeout: 5000 });
  const ended = page.getByTestId("details").locator("dd", { hasText: "Customer disconnected" });
  await ended.waitFor({ timeout: 5000 });
  assert.doesNotMatch(await page.getByTestId("details").innerText(), /CUSTOMER_DISCONNECT/);
  await page.screenshot({ path: `${ARTIFACTS}workspace-ended-reason.png` });
  await page.close();
});

test("new messages in a chat not in front: title and favicon count, a chime, and a desktop notification asked for on the click that enables it", async () => {
  const c1 = (await text("+14155550106", "First chat")).InitialContactId!;
  const c2 = (await text("+14155550107", "Second chat")).InitialContactId!;
  const page = await browser.newPage();
  // Stand-ins that record what the page asks of the browser (headless Chromium shows no prompt or toast).
  await page.addInitScript(() => {
    const w = globalThis as any;
    w.__asked = 0;
    w.__notes = [];
    w.__chimes = 0;
    let permission = "default";
    const Real = w.Notification;
    w.Notification = class extends Real {
      constructor(title: string, o?: { body?: string }) {
        super(title, o);
        w.__notes.push(`${title}|${o?.body ?? ""}`);
      }
      static get permission() {
        return permission;
      }
      static async requestPermission() {
        w.__asked++;
        permission = "granted";
        return permission;
      }
    };
    const osc = w.AudioContext.prototype.createOscillator;
    w.AudioContext.prototype.createOscillator = function (this: unknown) {
      w.__chimes++;
      return osc.call(this);
    };
  });
  await joinChat(page, c1);
  const chat = await joinChat(page, c2);
  await chat.getByText("Second chat").waitFor();
  assert.equal(await page.title(), "connect-chat · Agent console");
  assert.equal(await page.evaluate("__asked"), 0, "no permission prompt at load");
  const desktop = page.getByLabel("Desktop notifications");
  await desktop.check();
  assert.equal(await page.evaluate("__asked"), 1, "asked on the click that turns notifications on");
  assert.equal(await desktop.isChecked(), true);

  await text("+14155550106", "ping from the first");
  for (let i = 0; i < 100 && (await page.title()) === "connect-chat · Agent console"; i++) await sleep(50);
  assert.equal(await page.title(), "(1) connect-chat · Agent console");
  const icon = decodeURIComponent((await page.locator('link[rel="icon"]').getAttribute("href"))!);
  assert.match(icon, /<circle[^>]*\/><text[^>]*>1<\/text>/, "the favicon shows the count");
  assert.deepEqual(await page.evaluate("__notes"), ["New message from +14155550106|ping from the first"]);
  assert.ok(Number(await page.evaluate("__chimes")) > 0, "a chime");

  // A message in the chat in front is no news; bringing the other chat to front clears the count.
  await text("+14155550107", "in front");
  await chat.getByText("in front").waitFor();
  assert.equal((await page.evaluate("__notes") as string[]).length, 1);
  await page.getByRole("tab", { name: /^\+14155550106/ }).click();
  await chat.getByText("ping from the first").waitFor();
  assert.equal(await page.title(), "connect-chat · Agent console");
  assert.doesNotMatch(decodeURIComponent((await page.locator('link[rel="icon"]').getAttribute("href"))!), /<circle/);
  await page.close({ runBeforeUnload: false });
});

/** axe-core's serious and critical violations on the page as it is (evaluated over CDP: the page's CSP allows no inline script). */
async function axe(page: Page, view: string): Promise<string[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(`${source}\n;0`);
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 3) })))`)) as { id: string; impact: string; nodes: string[] }[];
  return result.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${view}: ${v.id} (${v.impact}) at ${v.nodes.join(", ")}`);
}

test("axe-core finds no serious or critical violations on the main views, light and dark, desktop and 390 px; screenshots of each", async () => {
  const contactId = (await text("+14155550108", "Can I change my delivery address? https://shop.example/d/1", { firstName: "Dana" })).InitialContactId!;
  const page = await browser.newPage();
  const found: string[] = [];
  const views = async (name: string) => {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      found.push(...(await axe(page, `${name} ${scheme}`)));
      await page.screenshot({ path: `${ARTIFACTS}a11y-${name}-${scheme}.png` });
    }
  };
  await page.goto(`${srv.url}/console/`);
  await page.getByLabel("Access key ID").waitFor();
  await views("signin");
  const chat = await joinChat(page, contactId);
  await page.getByTestId("attributes").waitFor();
  await views("chat");
  await page.getByRole("tab", { name: /^\+14155550108/ }).focus();
  await page.keyboard.press("Escape");
  await views("queue");
  await page.setViewportSize({ width: 390, height: 800 });
  await views("queue-390");
  await page.getByRole("tab", { name: /^\+14155550108/ }).click();
  await chat.getByRole("button", { name: "Details" }).click();
  await views("details-390");
  await page.setViewportSize({ width: 1360, height: 820 });
  await page.emulateMedia({ colorScheme: "light" });
  assert.deepEqual(found, []);
  await page.close({ runBeforeUnload: false });
});

test("customer history: the details panel lists the number's earlier chats and opens their transcripts", async () => {
  const phone = "+14155550109";
  await text(phone, "Last week: my card was charged twice");
  await connect.send(new SendChatIntegrationEventCommand({ SourceId: phone, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "DISCONNECT" } }));
  const now = (await text(phone, "Hi again, about that refund")).InitialContactId!;
  const page = await browser.newPage();
  await joinChat(page, now);
  const history = page.getByTestId("history");
  const earlier = history.getByTestId("history-chat");
  await earlier.first().waitFor({ timeout: 5000 });
  assert.equal(await earlier.count(), 1, "only the earlier chat, not the one on screen");
  assert.match(await earlier.innerText(), /Last week: my card was charged twice/);
  // Keyboard: the summary is a focusable disclosure.
  await earlier.locator("summary").focus();
  await page.keyboard.press("Enter");
  await earlier.locator(".history-items").getByText("Last week: my card was charged twice").waitFor({ timeout: 5000 });
  await page.screenshot({ path: `${ARTIFACTS}workspace-history.png` });
  await page.close({ runBeforeUnload: false });
});

/** A real 1×1 PNG (one white pixel). */
const PIXEL = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC", "base64");

test("attachments: the customer's image shows as a preview; the agent sends files by drag and drop and by the paperclip", async () => {
  const web = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Robin" }, InitialMessage: { ContentType: "text/plain", Content: "Here is a photo" } }));
  const p = participantClient(srv.url);
  const customer = (await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: web.ParticipantToken!, Type: ["CONNECTION_CREDENTIALS"] }))).ConnectionCredentials!.ConnectionToken!;
  const page = await browser.newPage();
  const chat = await joinChat(page, web.ContactId!);
  const up = await p.send(new StartAttachmentUploadCommand({ ConnectionToken: customer, ContentType: "image/png", AttachmentSizeInBytes: PIXEL.length, AttachmentName: "photo.png" }));
  assert.equal((await fetch(up.UploadMetadata!.Url!, { method: "PUT", headers: up.UploadMetadata!.HeadersToInclude, body: PIXEL })).ok, true);
  await p.send(new CompleteAttachmentUploadCommand({ ConnectionToken: customer, AttachmentIds: [up.AttachmentId!] }));
  const preview = chat.getByTestId("attachment-preview");
  await preview.waitFor({ timeout: 5000 });
  for (let i = 0; i < 50 && !(await preview.evaluate((img: any) => img.complete && img.naturalWidth)); i++) await sleep(50);
  assert.equal(await preview.evaluate((img: any) => img.naturalWidth), 1, "the image decoded: the bytes came through");
  assert.equal(await preview.getAttribute("alt"), "photo.png");
  assert.equal(await chat.getByTestId("attachment-download").getAttribute("download"), "photo.png");

  // Drag and drop a file onto the chat.
  const dt = await page.evaluateHandle(() => {
    const w = globalThis as any;
    const d = new w.DataTransfer();
    d.items.add(new w.File(["order 77 receipt"], "receipt.txt", { type: "text/plain" }));
    return d;
  });
  const zone = page.getByTestId("drop-zone");
  await zone.dispatchEvent("dragover", { dataTransfer: dt });
  await zone.dispatchEvent("drop", { dataTransfer: dt });
  // The paperclip: a keyboard-reachable button in front of a file input.
  assert.equal(await chat.getByRole("button", { name: "Attach a file" }).isVisible(), true);
  await page.getByTestId("attach-input").setInputFiles({ name: "label.png", mimeType: "image/png", buffer: PIXEL });
  const names = async () =>
    (await p.send(new GetTranscriptCommand({ ConnectionToken: customer, MaxResults: 100, SortOrder: "ASCENDING" }))).Transcript!.filter((i) => i.Type === "ATTACHMENT" && i.ParticipantRole === "AGENT").map((i) => i.Attachments?.[0]?.AttachmentName);
  for (let i = 0; i < 100 && (await names()).length < 2; i++) await sleep(100);
  assert.deepEqual((await names()).sort(), ["label.png", "receipt.txt"], "the customer sees both files from the agent");
  await chat.getByTestId("attachment-download").filter({ hasText: "receipt.txt" }).waitFor({ timeout: 5000 });
  await page.screenshot({ path: `${ARTIFACTS}workspace-attachments.png` });
  p.destroy();
  await page.close({ runBeforeUnload: false });
});
