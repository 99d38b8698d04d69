// Two agents at work in the console, each in their own browser context against one server: both sign in and go
// Available; an SMS to Sales is offered to Ann and one to Support to Bob (customer, queue, message, countdown, the
// title count, chime, notification); both accept (AcceptContact) and answer; Bob's chat opens by itself in a second
// tab of his; Ann transfers hers to Support with a note, which Bob is offered, accepts and reads; both wrap up with
// their queue's disposition (saved as contact attributes) and the slots free (GetCurrentUserData); an offer left to
// run out makes Ann Missed until she goes Available; Decline gives a chat back to its queue. axe-core on the offer,
// transfer, wrap-up and missed views; screenshots of each.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { GetContactAttributesCommand, GetCurrentUserDataCommand, SendChatIntegrationEventCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { ARTIFACTS, sleep } from "./console-helpers.js";
import { axe } from "./workspace-helpers.js";
import { CHROMIUM_ARGS, findChromium } from "../support/chromium.js";
import { ACCOUNT, INSTANCE, KEY, REGION, startServer, type Running } from "../support/server.js";
import { parseConfig } from "../../src/config.js";

const SALES = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/sales";
const SUPPORT = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/support";
const PASSWORD = "Ag3ntPassword";

let srv: Running;
let admin: ConnectClient;
let browser: Browser;
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const agent = (username: string, firstName: string, routingProfile: string, securityProfiles = ["Agent"]) => ({ username, password: PASSWORD, firstName, routingProfile, securityProfiles });
  const config = parseConfig({
    region: REGION,
    matcher: { pollMs: 50 },
    console: { dispositions: { Sales: ["Sold", "No sale"], Support: ["Resolved", "Escalated"] } },
    accounts: [{
      accountId: ACCOUNT,
      credentials: [KEY],
      instances: [{
        instanceId: INSTANCE,
        matcher: { offerTimeoutSeconds: 300, afterContactWorkSeconds: 900 },
        destinations: [{ destinationId: SALES, queue: "Sales" }, { destinationId: SUPPORT, queue: "Support" }],
        queues: [{ name: "Sales" }, { name: "Support" }],
        routingProfiles: [
          { name: "Sales desk", concurrency: { CHAT: 2 }, queues: [{ queue: "Sales" }] },
          { name: "Support desk", concurrency: { CHAT: 2 }, queues: [{ queue: "Support" }] },
        ],
        // Ann may see other agents (CallCenterManager): her transfer form lists who is Available.
        users: [agent("ann", "Ann", "Sales desk", ["CallCenterManager"]), agent("bob", "Bob", "Support desk")],
      }],
    }],
  });
  srv = await startServer({ config });
  admin = srv.connect();
  browser = await chromium.launch({ executablePath: (await findChromium()).path, headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const sms = (DestinationId: string, SourceId: string, Content: string) =>
  admin.send(new SendChatIntegrationEventCommand({ SourceId, DestinationId, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content } })).then((r) => r.InitialContactId!);

async function signedIn(username: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  const page = await context.newPage();
  // Stand-ins that record notifications and chimes (headless Chromium shows no toast and plays nothing).
  await page.addInitScript(() => {
    const w = globalThis as any;
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
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${srv.url}/console/`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("status-switch").getByRole("button", { name: "Available" }).click();
  await page.getByTestId("status-switch").getByRole("button", { name: "Available", pressed: true }).waitFor({ timeout: 10_000 });
  return { page, errors };
}

/** Light and dark, desktop and 390 px. */
async function shots(page: Page, name: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const suffix = scheme === "dark" ? "-dark" : "";
    await page.screenshot({ path: `${ARTIFACTS}console-${name}${suffix}.png` });
    await page.setViewportSize({ width: 390, height: 800 });
    await page.screenshot({ path: `${ARTIFACTS}console-${name}${suffix}-390.png` });
    await page.setViewportSize({ width: 1360, height: 820 });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

const userData = async (user: string) =>
  (await admin.send(new GetCurrentUserDataCommand({ InstanceId: INSTANCE, Filters: { Agents: [user] } }))).UserDataList![0];

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, label: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await what();
    if (ok(v)) return v;
    await sleep(50);
  }
  assert.fail(`timed out waiting for ${label}: ${JSON.stringify(await what())}`);
}

test("two agents: offers, accept, answer, transfer with a note, wrap-up with a disposition; the slots free", async () => {
  const ann = await signedIn("ann");
  const bob = await signedIn("bob");
  const violations: string[] = [];
  await ann.page.getByLabel("Desktop notifications").check();
  const annId = (await ann.page.evaluate('JSON.parse(sessionStorage.getItem("connect-chat.console.creds")).user.id')) as string;
  const bobId = (await bob.page.evaluate('JSON.parse(sessionStorage.getItem("connect-chat.console.creds")).user.id')) as string;

  // Each SMS is offered to the one agent whose profile serves its queue.
  const c1 = await sms(SALES, "+15550000001", "Hello, I'd like to buy the blue one");
  const c2 = await sms(SUPPORT, "+15550000002", "My order never arrived");
  const offer1 = ann.page.getByTestId("offer");
  await offer1.waitFor({ timeout: 10_000 });
  assert.equal(await offer1.getAttribute("data-contact-id"), c1);
  await offer1.getByText("+15550000001").waitFor({ timeout: 10_000 });
  await offer1.getByText("Hello, I'd like to buy the blue one").waitFor({ timeout: 10_000 });
  assert.match(await offer1.innerText(), /Sales/);
  assert.match(await offer1.getByTestId("offer-countdown").innerText(), /^(?:Time left:\s*)?[45]:\d\d$/);
  assert.match(await ann.page.title(), /^\(1\) /, "the offer counts in the title");
  assert.ok((await ann.page.evaluate("__chimes")) as number > 0, "the offer chimes");
  for (let i = 0; i < 100 && !((await ann.page.evaluate("__notes.length")) as number); i++) await sleep(50);
  assert.deepEqual(await ann.page.evaluate("__notes"), ["Chat offered from +15550000001|Hello, I'd like to buy the blue one"]);
  await bob.page.locator(`[data-testid="offer"][data-contact-id="${c2}"]`).waitFor({ timeout: 10_000 });
  assert.equal(await ann.page.locator(`[data-testid="offer"][data-contact-id="${c2}"]`).count(), 0, "Bob's chat is not offered to Ann");
  // Ann's queue view: the chat is first in line in Sales until someone takes it (Bob's Support is not hers).
  const inLine = ann.page.locator(`[data-testid="queue-view"][data-queue="Sales"] li[data-contact-id="${c1}"]`);
  await inLine.waitFor({ timeout: 10_000 });
  assert.match(await inLine.innerText(), /^1\s+\+15550000001\s+\d+s$/);
  assert.equal(await ann.page.locator('[data-testid="queue-view"][data-queue="Support"]').count(), 0);
  violations.push(...(await axe(ann.page, "offer")));
  await shots(ann.page, "offer");

  // Accept: AcceptContact's token opens the chat; both answer.
  await offer1.getByRole("button", { name: "Accept" }).click();
  await bob.page.getByTestId("offer").getByRole("button", { name: "Accept" }).click();
  for (const [a, text] of [[ann, "Happy to help with the blue one"], [bob, "Let me check your order"]] as const) {
    const chat = a.page.getByTestId("chat-view");
    await chat.getByTestId("chat-status").getByText("Live").waitFor({ timeout: 10_000 });
    await chat.getByTestId("reply").fill(text);
    await chat.getByTestId("reply").press("Enter");
    await chat.locator(".msg.mine:not(.pending)", { hasText: text }).first().waitFor({ timeout: 10_000 });
  }
  assert.equal(await ann.page.getByTestId("offer").count(), 0);
  await inLine.waitFor({ state: "detached", timeout: 10_000 });
  assert.deepEqual((await userData(annId)).Contacts!.map((c) => [c.ContactId, c.AgentContactState]), [[c1, "CONNECTED"]]);
  // "My chats" holds Ann's chat only.
  assert.deepEqual(await ann.page.getByTestId("queue").locator("[data-contact-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-contact-id"))), [c1]);

  // A chat the agent has with no tab here (AutoAccept, another browser tab) opens by itself: AcceptContact on a
  // connected chat hands a fresh token for the agent's participant.
  const second = await bob.page.context().newPage();
  await second.goto(`${srv.url}/console/`);
  await second.getByLabel("Username").fill("bob");
  await second.getByLabel("Password").fill(PASSWORD);
  await second.getByRole("button", { name: "Sign in" }).click();
  await second.getByTestId("chat-tab").filter({ hasText: "+15550000002" }).waitFor({ timeout: 10_000 });
  await second.getByTestId("chat-tab").filter({ hasText: "+15550000002" }).click();
  await second.getByTestId("chat-view").locator(".msg.mine", { hasText: "Let me check your order" }).first().waitFor({ timeout: 10_000 });
  assert.equal(await second.getByTestId("offer").count(), 0);
  await second.close();

  // Ann transfers to Support with a note; she is in wrap-up, Bob is offered the chat and reads the note.
  await ann.page.getByTestId("chat-view").getByRole("button", { name: "Transfer" }).click();
  const form = ann.page.getByTestId("transfer");
  await form.getByLabel("An agent").check();
  await form.getByLabel("Available agent").locator("option", { hasText: "bob" }).waitFor({ state: "attached", timeout: 10_000 });
  assert.deepEqual(await form.getByLabel("Available agent").locator("option").allInnerTexts(), ["Choose…", "bob"], "Bob is Available with a free slot; Ann is not listed");
  await form.getByLabel("A queue").check();
  await form.getByLabel("Queue", { exact: true }).selectOption({ label: "Support" });
  await form.getByLabel("Note for the next agent").fill("Wants the blue one in size M; out of stock here");
  violations.push(...(await axe(ann.page, "transfer")));
  await shots(ann.page, "transfer");
  await form.getByRole("button", { name: "Transfer" }).click();
  const wrap = ann.page.getByTestId("wrap-up");
  await wrap.waitFor({ timeout: 10_000 });
  await wrap.getByText("Sold").waitFor();
  assert.match(await wrap.getByTestId("acw-timer").innerText(), /After-contact work \d+s · ends by itself in 1[45]m/);

  // The transferred chat is a new contact (PreviousContactId c1): Bob is offered that one.
  const offered = await until(() => userData(bobId), (u) => (u.Contacts ?? []).some((x) => x.AgentContactState === "INCOMING"), "Bob's offer");
  const next = offered.Contacts!.find((x) => x.AgentContactState === "INCOMING")!.ContactId!;
  assert.notEqual(next, c1);
  const offer2 = bob.page.locator(`[data-testid="offer"][data-contact-id="${next}"]`);
  await offer2.waitFor({ timeout: 10_000 });
  assert.match(await offer2.innerText(), /Support/);
  // With a chat in front (on a narrow screen the list is behind its tab), the "My chats" tab counts the offer.
  assert.match((await bob.page.getByTestId("offers-badge").textContent()) ?? "", /^1 chat offered$/);
  await offer2.getByRole("button", { name: "Accept" }).click();
  await bob.page.getByTestId("transfer-note").getByText("Wants the blue one in size M").waitFor({ timeout: 10_000 });
  // Bob's view of the new contact has the whole chat: the customer's first message and Ann's answer.
  await bob.page.getByTestId("chat-view").locator(".msg", { hasText: "Happy to help with the blue one" }).first().waitFor({ timeout: 10_000 });
  await bob.page.getByTestId("chat-view").locator(".msg", { hasText: "I'd like to buy the blue one" }).first().waitFor({ timeout: 10_000 });
  await bob.page.screenshot({ path: `${ARTIFACTS}console-transfer-note.png` });

  // Ann's wrap-up: a Sales disposition and notes; End wrap-up frees her slot.
  await wrap.getByLabel("Notes").fill("Passed to support for stock");
  assert.equal(await wrap.getByRole("button", { name: "End wrap-up" }).isDisabled(), true, "a disposition is required when the queue has a list");
  await wrap.getByLabel("Sold").check();
  violations.push(...(await axe(ann.page, "wrap-up")));
  await shots(ann.page, "wrap-up");
  await wrap.getByRole("button", { name: "End wrap-up" }).click();
  await wrap.waitFor({ state: "detached", timeout: 10_000 });
  const attrs = (await admin.send(new GetContactAttributesCommand({ InstanceId: INSTANCE, InitialContactId: c1 }))).Attributes!;
  assert.equal(attrs.disposition, "Sold");
  assert.equal(attrs.wrapUpNotes, "Passed to support for stock");
  assert.equal(attrs.transferNote, "Wants the blue one in size M; out of stock here");
  const annNow = await until(() => userData(annId), (u) => (u.Contacts ?? []).length === 0, "Ann's slot to free");
  assert.equal(annNow.ActiveSlotsByChannel!.CHAT, 0);
  assert.equal(annNow.AvailableSlotsByChannel!.CHAT, 2);

  // Bob ends his own chat and wraps it up with a Support disposition.
  await bob.page.locator(`[data-testid="queue"] [data-contact-id="${c2}"]`).click();
  const bobChat = bob.page.getByTestId("chat-view");
  await bobChat.getByRole("button", { name: "End chat" }).click();
  await bobChat.getByRole("button", { name: "End chat" }).click();
  const bobWrap = bob.page.getByTestId("wrap-up");
  await bobWrap.getByLabel("Resolved").waitFor({ timeout: 10_000 });
  // Closing the tab keeps the wrap-up: it waits in the list and opens in the main panel.
  await bob.page.getByTestId("chat-tab").filter({ hasText: "+15550000002" }).getByTestId("close-tab").click();
  await bob.page.getByTestId("acw-list").getByRole("button", { name: /\+15550000002/ }).click({ timeout: 10_000 });
  await bobWrap.getByRole("heading", { name: "Wrap-up · +15550000002" }).waitFor({ timeout: 10_000 });
  await bobWrap.getByLabel("Resolved").check({ timeout: 10_000 });
  await bobWrap.getByRole("button", { name: "End wrap-up" }).click();
  await bobWrap.waitFor({ state: "detached", timeout: 10_000 });
  assert.equal((await admin.send(new GetContactAttributesCommand({ InstanceId: INSTANCE, InitialContactId: c2 }))).Attributes!.disposition, "Resolved");
  const bobNow = await until(() => userData(bobId), (u) => (u.Contacts ?? []).length === 1, "Bob's slot to free");
  assert.deepEqual(bobNow.Contacts!.map((c) => [c.ContactId, c.AgentContactState]), [[next, "CONNECTED"]]);

  // An offer left to run out: Ann is Missed and gets no offers until one click makes her Available again; Decline
  // (RejectContact) gives the chat back to its queue, which offers it anew.
  const c3 = await sms(SALES, "+15550000003", "Are you open on Sunday?");
  const offer3 = ann.page.locator(`[data-testid="offer"][data-contact-id="${c3}"]`);
  await offer3.waitFor({ timeout: 10_000 });
  srv.clock.advance(301_000);
  const missed = ann.page.getByTestId("missed");
  await missed.waitFor({ timeout: 10_000 });
  await offer3.waitFor({ state: "detached", timeout: 10_000 });
  assert.equal((await userData(annId)).Status!.StatusName, "Missed");
  violations.push(...(await axe(ann.page, "missed")));
  await ann.page.screenshot({ path: `${ARTIFACTS}console-missed.png` });
  await missed.getByRole("button", { name: "Go Available" }).click();
  await offer3.waitFor({ timeout: 10_000 });
  const offeredAt = (await userData(annId)).Contacts!.find((c) => c.ContactId === c3)!.StateStartTimestamp!.getTime();
  await offer3.getByRole("button", { name: "Decline" }).click();
  await until(() => userData(annId), (u) => (u.Contacts ?? []).every((c) => c.ContactId !== c3 || c.StateStartTimestamp!.getTime() > offeredAt), "the declined chat to be offered anew");

  assert.deepEqual(violations, []);
  assert.deepEqual([...ann.errors, ...bob.errors], []);
});
