// A supervisor in the console, beside an agent, each in their own browser context against one server: a web chat
// queued to Sales is offered to Ann, who accepts it; her Transfer lists the Sales queue's quick connect first;
// Sue (CallCenterManager) sees the chat in All chats with Ann as its agent, monitors it after a confirmation
// (MonitorContact SILENT_MONITOR): read-only, a "Monitoring silently" banner, the customer's transcript shows no
// supervisor while Ann's says one joined; Barge in (MonitorContact allowing BARGE) opens the reply box, the customer
// sees Sue join and gets her message, and Ann's console shows it with a supervisor badge; Ann then transfers through
// the quick connect and the chat moves to its queue; Ann, a plain Agent, has no quick connect to a person, and the form
// says how to get one (Connect lists other agents only through quick connects). Quick replies: the instance's, read
// by Ann (no Manage), managed by Sue. A second chat: Sue reloads while monitoring and comes back monitoring silently
// (the CCP restores a supervisor's monitored contacts after a refresh), then Stop monitoring leaves the chat while
// Ann goes on. axe-core and screenshots of Sue's views, light and dark, desktop and 390 px.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { AssociateQueueQuickConnectsCommand, CreateContactFlowCommand, DescribeContactCommand, CreateQuickConnectCommand, ListQueuesCommand, SearchContactsCommand, StartChatContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { ConnectParticipantClient, CreateParticipantConnectionCommand, GetTranscriptCommand } from "@aws-sdk/client-connectparticipant";
import { ARTIFACTS, sleep } from "./console-helpers.js";
import { axe } from "./workspace-helpers.js";
import { signedRequest } from "../support/routing-http.js";
import { CHROMIUM_ARGS, findChromium } from "../support/chromium.js";
import { ACCOUNT, INSTANCE, KEY, REGION, startServer, type Running } from "../support/server.js";
import { parseConfig } from "../../src/config.js";
import { queueOrDisconnect } from "../support/flows.js";

const PASSWORD = "Ag3ntPassword";
const JOINED = "application/vnd.amazonaws.connect.event.participant.joined";

let srv: Running;
let admin: ConnectClient;
let participant: ConnectParticipantClient;
let browser: Browser;
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const user = (username: string, firstName: string, securityProfiles: string[]) => ({ username, password: PASSWORD, firstName, routingProfile: "Sales desk", securityProfiles });
  const config = parseConfig({
    region: REGION,
    matcher: { pollMs: 50 },
    accounts: [{
      accountId: ACCOUNT,
      credentials: [KEY],
      instances: [{
        instanceId: INSTANCE,
        matcher: { offerTimeoutSeconds: 300, afterContactWorkSeconds: 900 },
        queues: [{ name: "Sales" }, { name: "Support" }],
        routingProfiles: [{ name: "Sales desk", concurrency: { CHAT: 2 }, queues: [{ queue: "Sales" }] }],
        // Sue never goes Available: she is offered nothing and watches.
        users: [user("ann", "Ann", ["Agent"]), user("sue", "Sue", ["CallCenterManager"])],
      }],
    }],
  });
  srv = await startServer({ config });
  admin = srv.connect();
  participant = new ConnectParticipantClient({ endpoint: srv.url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
  browser = await chromium.launch({ executablePath: (await findChromium()).path, headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  participant?.destroy();
  await srv?.stop();
});

async function signedIn(username: string, available: boolean): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 1360, height: 820 } })).newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${srv.url}/console/`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("status-switch").waitFor({ timeout: 10_000 });
  if (available) {
    await page.getByTestId("status-switch").getByRole("button", { name: "Available" }).click();
    await page.getByTestId("status-switch").getByRole("button", { name: "Available", pressed: true }).waitFor({ timeout: 10_000 });
  }
  return { page, errors };
}

/** axe-core and screenshots of a view, light and dark, desktop and 390 px (the supervisor views' light/desktop names stay as they were). */
async function views(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const suffix = scheme === "dark" ? "-dark" : "";
    found.push(...(await axe(page, `${name} ${scheme}`)));
    await page.screenshot({ path: `${ARTIFACTS}console-${name}${suffix}.png` });
    await page.setViewportSize({ width: 390, height: 800 });
    found.push(...(await axe(page, `${name} ${scheme} 390 px`)));
    await page.screenshot({ path: `${ARTIFACTS}console-${name}${suffix}-390.png` });
    await page.setViewportSize({ width: 1360, height: 820 });
  }
  await page.emulateMedia({ colorScheme: "light" });
  return found;
}

let ann: { page: Page; errors: string[] };
let sue: { page: Page; errors: string[] };
let flowId: string;
let customerOf: (token: string) => Promise<() => Promise<{ ParticipantRole?: string; Type?: string; ContentType?: string; Content?: string }[]>>;

test("a supervisor sees an agent's chat in All chats, monitors it silently, barges in and writes to the customer", async () => {
  const queues = new Map((await admin.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.map((q) => [q.Name!, q.Id!]));
  const sales = queues.get("Sales")!;
  const qc = await admin.send(new CreateQuickConnectCommand({ InstanceId: INSTANCE, Name: "Support desk", QuickConnectConfig: { QuickConnectType: "QUEUE", QueueConfig: { QueueId: queues.get("Support")!, ContactFlowId: "transfer" } } }));
  await admin.send(new AssociateQueueQuickConnectsCommand({ InstanceId: INSTANCE, QueueId: sales, QuickConnectIds: [qc.QuickConnectId!] }));
  flowId = (await admin.send(new CreateContactFlowCommand({ InstanceId: INSTANCE, Name: "To Sales", Type: "CONTACT_FLOW", Content: queueOrDisconnect(sales) }))).ContactFlowId!;

  // The instance's quick replies, made by an administrator: every agent reads them.
  assert.equal((await signedRequest(srv.port, "PUT", `/quick-responses/${INSTANCE}`, { Name: "Thanks", Content: "Thanks for waiting, we are on it." })).status, 200);

  ann = await signedIn("ann", true);
  sue = await signedIn("sue", false);
  const violations: string[] = [];
  const started = await admin.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: flowId, ParticipantDetails: { DisplayName: "Cam" } }));
  const chatId = started.ContactId!;
  customerOf = async (token: string) => {
    const customer = (await participant.send(new CreateParticipantConnectionCommand({ ParticipantToken: token, Type: ["CONNECTION_CREDENTIALS"] }))).ConnectionCredentials!.ConnectionToken!;
    return async () => (await participant.send(new GetTranscriptCommand({ ConnectionToken: customer, MaxResults: 100, SortOrder: "ASCENDING" }))).Transcript!;
  };
  const seen = await customerOf(started.ParticipantToken!);

  // Ann accepts; her Transfer lists the Sales queue's quick connect before the queues.
  await ann.page.locator(`[data-testid="offer"][data-contact-id="${chatId}"]`).getByRole("button", { name: "Accept" }).click({ timeout: 10_000 });
  const annChat = ann.page.getByTestId("chat-view");
  await annChat.getByTestId("chat-status").getByText("Live").waitFor({ timeout: 10_000 });
  await annChat.getByRole("button", { name: "Transfer" }).click();
  const to = ann.page.getByTestId("transfer").getByLabel("Quick connect or queue");
  await to.locator("optgroup[label='Quick connects'] option", { hasText: "Support desk" }).waitFor({ state: "attached", timeout: 10_000 });
  assert.deepEqual(await to.locator("option").allInnerTexts(), ["Choose…", "Support desk", "BasicQueue", "Sales", "Support"]);
  // A plain Agent lists no agents: only quick connects reach one, and Sales has none of type User — the form says how.
  assert.equal(await ann.page.getByTestId("transfer").getByText("An agent").count(), 0, "no agent list for a plain Agent");
  await ann.page.getByTestId("no-agent-quick-connect").getByText(/an administrator adds a quick connect of type User/).waitFor({ timeout: 10_000 });
  await ann.page.screenshot({ path: `${ARTIFACTS}console-transfer-no-agent-quick-connect.png` });
  await ann.page.getByTestId("transfer").getByRole("button", { name: "Cancel" }).click();

  // Ann reads the instance's quick replies with / and may not manage them.
  assert.equal(await annChat.getByRole("button", { name: "Manage quick replies" }).count(), 0, "a plain Agent does not manage quick replies");
  await annChat.getByTestId("reply").fill("/");
  await annChat.getByTestId("quick-picker").getByRole("option", { name: /^Thanks/ }).waitFor({ timeout: 10_000 });
  await annChat.getByTestId("reply").press("Escape");

  // Sue's All chats: the chat with Ann as its agent; Monitor asks first.
  const row = sue.page.locator(`[data-testid="all-chats"] li[data-contact-id="${chatId}"]`);
  await row.getByText("ann", { exact: true }).waitFor({ timeout: 10_000 });
  assert.equal(await row.getAttribute("data-state"), "connected");
  violations.push(...(await views(sue.page, "all-chats")));
  await row.getByRole("button", { name: /^Monitor/ }).click();
  await row.getByRole("button", { name: "Join" }).click();
  const sueChat = sue.page.getByTestId("chat-view");
  const banner = sueChat.getByTestId("monitoring");
  await banner.getByText("Monitoring silently").waitFor({ timeout: 10_000 });
  await sueChat.getByTestId("chat-status").getByText("Live").waitFor({ timeout: 10_000 });
  assert.equal(await sueChat.getByTestId("reply").isDisabled(), true, "silent: the reply box is closed");
  assert.equal(await sueChat.getByRole("button", { name: /attach/i }).count(), 0, "silent: no paperclip");
  await ann.page.getByText("Sue (supervisor) joined").waitFor({ timeout: 10_000 });
  assert.equal((await seen()).filter((i) => i.ParticipantRole === "SUPERVISOR").length, 0, "the customer sees no supervisor while she monitors silently");
  violations.push(...(await views(sue.page, "monitoring")));

  // Barge in: the customer sees Sue join and gets her message; Ann sees it marked as the supervisor's.
  await banner.getByRole("button", { name: "Barge in" }).click();
  await sueChat.locator('[data-testid="monitoring"][data-mode="barge"]').waitFor({ timeout: 10_000 });
  await sueChat.getByRole("button", { name: "Attach a file" }).waitFor({ timeout: 10_000 });
  await sueChat.getByTestId("reply").fill("Hi Cam, I'm Ann's supervisor");
  await sueChat.getByTestId("reply").press("Enter");
  let t = await seen();
  for (let i = 0; i < 200 && !t.some((x) => x.Type === "MESSAGE" && x.ParticipantRole === "SUPERVISOR"); i++) {
    await sleep(50);
    t = await seen();
  }
  assert.ok(t.some((x) => x.ContentType === JOINED && x.ParticipantRole === "SUPERVISOR"), "the customer sees the supervisor join after the barge-in");
  assert.deepEqual(t.filter((x) => x.Type === "MESSAGE" && x.ParticipantRole === "SUPERVISOR").map((x) => x.Content), ["Hi Cam, I'm Ann's supervisor"]);
  const fromSue = annChat.locator(".msg.supervisor", { hasText: "Hi Cam, I'm Ann's supervisor" });
  await fromSue.getByTestId("supervisor-badge").waitFor({ timeout: 10_000 });
  assert.equal(await annChat.locator(".msg.theirs:not(.supervisor)", { hasText: "Hi Cam" }).count(), 0, "not drawn like the customer's");
  await sueChat.getByRole("button", { name: "Manage quick replies" }).waitFor({ timeout: 10_000 });
  violations.push(...(await views(sue.page, "barged-in")));
  await ann.page.screenshot({ path: `${ARTIFACTS}console-supervisor-in-agent-view.png` });

  // Ann transfers through the quick connect: the chat moves to its queue (Support).
  await annChat.getByRole("button", { name: "Transfer" }).click();
  await ann.page.getByTestId("transfer").getByLabel("Quick connect or queue").selectOption({ label: "Support desk" });
  await ann.page.getByTestId("transfer").getByRole("button", { name: "Transfer" }).click();
  await ann.page.getByTestId("wrap-up").waitFor({ timeout: 10_000 });
  // The transferred chat goes on as a new contact in Support; the one Ann had ended in Sales.
  const old = (await admin.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: chatId }))).Contact!;
  assert.ok(old.DisconnectTimestamp);
  const range = { Type: "INITIATION_TIMESTAMP" as const, StartTime: new Date(Date.now() - 3_600_000), EndTime: new Date(Date.now() + 60_000) };
  const found = await admin.send(new SearchContactsCommand({ InstanceId: INSTANCE, TimeRange: range, SearchCriteria: { InitiationMethods: ["TRANSFER"] } }));
  const next = found.Contacts!.find((x) => x.PreviousContactId === chatId);
  assert.equal(next?.QueueInfo?.Id, queues.get("Support"));

  assert.deepEqual(violations, []);
  assert.deepEqual([...ann.errors, ...sue.errors], []);
});

test("a supervisor who reloads while monitoring comes back monitoring silently; Stop monitoring leaves the chat and the agent goes on", async () => {
  assert.ok(ann && sue, "runs after the first test, with its pages");
  const started = await admin.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: flowId, ParticipantDetails: { DisplayName: "Dee" } }));
  const chatId = started.ContactId!;
  const seen = await customerOf(started.ParticipantToken!);
  await ann.page.locator(`[data-testid="offer"][data-contact-id="${chatId}"]`).getByRole("button", { name: "Accept" }).click({ timeout: 10_000 });
  const annChat = ann.page.getByTestId("chat-view");
  await annChat.getByTestId("chat-status").getByText("Live").waitFor({ timeout: 10_000 });

  const row = sue.page.locator(`[data-testid="all-chats"] li[data-contact-id="${chatId}"]`);
  await row.getByText("ann", { exact: true }).waitFor({ timeout: 10_000 });
  await row.getByRole("button", { name: /^Monitor/ }).click();
  await row.getByRole("button", { name: "Join" }).click();
  const sueChat = sue.page.getByTestId("chat-view");
  await sueChat.getByTestId("monitoring").getByText("Monitoring silently").waitFor({ timeout: 10_000 });
  await sueChat.getByTestId("chat-status").getByText("Live").waitFor({ timeout: 10_000 });
  const joins = annChat.getByText("Sue (supervisor) joined");
  await joins.waitFor({ timeout: 10_000 });

  // Reload: the page asks first (an open chat), then comes back to the same chat, still silent and read-only, on the
  // same supervisor participant (no second join), and the live connection works (Ann's next message arrives).
  const dialogs: string[] = [];
  sue.page.on("dialog", (d) => (dialogs.push(d.type()), void d.accept()));
  await sue.page.reload();
  assert.deepEqual(dialogs, ["beforeunload"]);
  await sueChat.getByTestId("monitoring").getByText("Monitoring silently").waitFor({ timeout: 10_000 });
  await sueChat.getByTestId("chat-status").getByText("Live").waitFor({ timeout: 10_000 });
  assert.equal(await sueChat.getByTestId("reply").isDisabled(), true, "still silent after the reload");
  await annChat.getByTestId("reply").fill("Checking your order now");
  await annChat.getByTestId("reply").press("Enter");
  await sueChat.getByText("Checking your order now").waitFor({ timeout: 10_000 });
  assert.equal(await joins.count(), 1, "the reload did not join the supervisor again");
  assert.equal((await seen()).filter((i) => i.ParticipantRole === "SUPERVISOR").length, 0, "the customer still sees no supervisor");
  await sue.page.screenshot({ path: `${ARTIFACTS}console-monitoring-after-reload.png` });

  // Stop monitoring: Sue's tab closes and she leaves the chat (Ann sees it); the chat goes on with Ann, and All chats
  // offers Monitor again.
  await sueChat.getByRole("button", { name: "Stop monitoring" }).click();
  await sueChat.waitFor({ state: "detached", timeout: 10_000 });
  await annChat.getByText("Sue (supervisor) left").waitFor({ timeout: 10_000 });
  await row.getByRole("button", { name: /^Monitor/ }).waitFor({ timeout: 10_000 });
  assert.equal(await annChat.getByTestId("chat-status").getByText("Live").count(), 1, "the chat goes on");
  await annChat.getByTestId("reply").fill("All sorted");
  await annChat.getByTestId("reply").press("Enter");
  for (let i = 0; i < 100 && !(await seen()).some((x) => x.Content === "All sorted"); i++) await sleep(50);
  assert.ok((await seen()).some((x) => x.Content === "All sorted"), "the customer still gets Ann's messages");
  const kept = JSON.parse(await sue.page.evaluate(() => (globalThis as any).sessionStorage.getItem("connect-chat.console.tabs") ?? "[]")) as { contactId: string }[];
  assert.equal(kept.some((t) => t.contactId === chatId), false, "a reload now would not bring the chat back");
  await sue.page.screenshot({ path: `${ARTIFACTS}console-monitoring-stopped.png` });
  assert.deepEqual([...ann.errors, ...sue.errors], []);
});
