// The agent console's working day in Chromium (issue #15's parts that stand without routing), part 1: the SMS reply
// box (segments, encoding, why Send is disabled, announced once), no read-receipt loop with a third participant (the
// page's requests are counted), tabs (unread counts across a reload, arrow keys, leaving asks first, 390 px), the
// transcript (links, right-to-left, grouping, reasons in words) and alerts. Part 2: console-workspace-more.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CreateParticipantCommand, SendChatIntegrationEventCommand, StopContactCommand } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, DisconnectParticipantCommand } from "@aws-sdk/client-connectparticipant";
import type { Page } from "playwright-core";
import { ARTIFACTS, sleep } from "./console-helpers.js";
import { DEST, INSTANCE } from "../support/server.js";
import { participantClient } from "../support/participant.js";
import { joinChat as joinOn, smsFrom, workspaceEnv } from "./workspace-helpers.js";

const env = workspaceEnv();
const text = (SourceId: string, Content: string, Attributes?: Record<string, string>) => smsFrom(env, SourceId, Content, Attributes);
const joinChat = (page: Page, contactId: string) => joinOn(env, page, contactId);
const browserOf = () => env.browser;
const connectOf = () => env.connect;
const srvOf = () => env.srv;

test("the SMS reply box counts segments and encoding, says why Send is disabled, and announces changes once", async () => {
  const first = await text("+14155550101", "Hello");
  const page = await browserOf().newPage();
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
  const page = await browserOf().newPage();
  const receipts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/participant/event" && /message\.(read|delivered)/.test(r.postData() ?? "")) receipts.push(r.postData()!);
  });
  const chat = await joinChat(page, contactId);
  // The first message's read receipt (chatjs sends it after its 1 s throttle window) goes while one-to-one.
  for (let i = 0; i < 100 && receipts.length === 0; i++) await sleep(50);
  assert.equal(receipts.length, 1, "the customer's first message is read");
  // A second agent joins and connects (chat's CreateParticipant takes no SUPERVISOR; Connect's supervisors barge in
  // through MonitorContact): three participants, so the server refuses receipts (ConflictException).
  const sup = await connectOf().send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: contactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Sam" } }));
  const p = participantClient(srvOf().url);
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
  const page = await browserOf().newPage();
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
  await connectOf().send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: b }));
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
  const page = await browserOf().newPage();
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
  await connectOf().send(new SendChatIntegrationEventCommand({ SourceId: phone, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "DISCONNECT" } }));
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
  const page = await browserOf().newPage();
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
  // The count clears on the render after the tab comes to front: waited for, bounded.
  for (let i = 0; i < 100 && (await page.title()) !== "connect-chat · Agent console"; i++) await sleep(50);
  assert.equal(await page.title(), "connect-chat · Agent console");
  assert.doesNotMatch(decodeURIComponent((await page.locator('link[rel="icon"]').getAttribute("href"))!), /<circle/);
  await page.close({ runBeforeUnload: false });
});

