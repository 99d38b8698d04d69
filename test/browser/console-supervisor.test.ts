// A supervisor in the console, beside an agent, each in their own browser context against one server: a web chat
// queued to Sales is offered to Ann, who accepts it; her Transfer lists the Sales queue's quick connect first;
// Sue (CallCenterManager) sees the chat in All chats with Ann as its agent, monitors it after a confirmation
// (MonitorContact SILENT_MONITOR): read-only, a "Monitoring silently" banner, the customer's transcript shows no
// supervisor while Ann's says one joined; Barge in (MonitorContact allowing BARGE) opens the reply box, the customer
// sees Sue join and gets her message, and Ann's console shows it with a supervisor badge; Ann then transfers through
// the quick connect and the chat moves to its queue. axe-core on Sue's views.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { AssociateQueueQuickConnectsCommand, CreateContactFlowCommand, DescribeContactCommand, CreateQuickConnectCommand, ListQueuesCommand, SearchContactsCommand, StartChatContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { ConnectParticipantClient, CreateParticipantConnectionCommand, GetTranscriptCommand } from "@aws-sdk/client-connectparticipant";
import { ARTIFACTS, sleep } from "./console-helpers.js";
import { axe } from "./workspace-helpers.js";
import { CHROMIUM_ARGS, findChromium } from "../support/chromium.js";
import { ACCOUNT, INSTANCE, KEY, REGION, startServer, type Running } from "../support/server.js";
import { parseConfig } from "../../src/config.js";

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

test("a supervisor sees an agent's chat in All chats, monitors it silently, barges in and writes to the customer", async () => {
  const queues = new Map((await admin.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.map((q) => [q.Name!, q.Id!]));
  const sales = queues.get("Sales")!;
  const qc = await admin.send(new CreateQuickConnectCommand({ InstanceId: INSTANCE, Name: "Support desk", QuickConnectConfig: { QuickConnectType: "QUEUE", QueueConfig: { QueueId: queues.get("Support")!, ContactFlowId: "transfer" } } }));
  await admin.send(new AssociateQueueQuickConnectsCommand({ InstanceId: INSTANCE, QueueId: sales, QuickConnectIds: [qc.QuickConnectId!] }));
  const flow = {
    Version: "2019-10-30",
    StartAction: "Target",
    Actions: [
      { Identifier: "Target", Type: "UpdateContactTargetQueue", Parameters: { QueueId: sales }, Transitions: { NextAction: "Queue", Errors: [{ ErrorType: "NoMatchingError", NextAction: "Bye" }] } },
      { Identifier: "Queue", Type: "TransferContactToQueue", Parameters: {}, Transitions: { NextAction: "Done", Errors: [{ ErrorType: "QueueAtCapacity", NextAction: "Bye" }, { ErrorType: "NoMatchingError", NextAction: "Bye" }] } },
      { Identifier: "Done", Type: "EndFlowExecution", Parameters: {}, Transitions: {} },
      { Identifier: "Bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
    ],
  };
  const flowId = (await admin.send(new CreateContactFlowCommand({ InstanceId: INSTANCE, Name: "To Sales", Type: "CONTACT_FLOW", Content: JSON.stringify(flow) }))).ContactFlowId!;

  const ann = await signedIn("ann", true);
  const sue = await signedIn("sue", false);
  const violations: string[] = [];
  const started = await admin.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: flowId, ParticipantDetails: { DisplayName: "Cam" } }));
  const chatId = started.ContactId!;
  const customer = (await participant.send(new CreateParticipantConnectionCommand({ ParticipantToken: started.ParticipantToken!, Type: ["CONNECTION_CREDENTIALS"] }))).ConnectionCredentials!.ConnectionToken!;
  const seen = async () => (await participant.send(new GetTranscriptCommand({ ConnectionToken: customer, MaxResults: 100, SortOrder: "ASCENDING" }))).Transcript!;

  // Ann accepts; her Transfer lists the Sales queue's quick connect before the queues.
  await ann.page.locator(`[data-testid="offer"][data-contact-id="${chatId}"]`).getByRole("button", { name: "Accept" }).click({ timeout: 10_000 });
  const annChat = ann.page.getByTestId("chat-view");
  await annChat.getByTestId("chat-status").getByText("Live").waitFor({ timeout: 10_000 });
  await annChat.getByRole("button", { name: "Transfer" }).click();
  const to = ann.page.getByTestId("transfer").getByLabel("Quick connect or queue");
  await to.locator("optgroup[label='Quick connects'] option", { hasText: "Support desk" }).waitFor({ state: "attached", timeout: 10_000 });
  assert.deepEqual(await to.locator("option").allInnerTexts(), ["Choose…", "Support desk", "BasicQueue", "Sales", "Support"]);
  await ann.page.getByTestId("transfer").getByRole("button", { name: "Cancel" }).click();

  // Sue's All chats: the chat with Ann as its agent; Monitor asks first.
  const row = sue.page.locator(`[data-testid="all-chats"] li[data-contact-id="${chatId}"]`);
  await row.getByText("ann", { exact: true }).waitFor({ timeout: 10_000 });
  assert.equal(await row.getAttribute("data-state"), "connected");
  violations.push(...(await axe(sue.page, "all-chats")));
  await sue.page.screenshot({ path: `${ARTIFACTS}console-all-chats.png` });
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
  violations.push(...(await axe(sue.page, "monitoring")));
  await sue.page.screenshot({ path: `${ARTIFACTS}console-monitoring.png` });

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
  violations.push(...(await axe(sue.page, "barged-in")));
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
