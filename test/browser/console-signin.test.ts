// The console's user sign-in in a real browser (Chromium via playwright-core): an agent signs in with username and
// password, sees their name and routing profile, switches status in one click (Available, a custom status) — the
// server's record follows — and Offline or Sign out ends the session on the server and returns to sign-in; a wrong
// password says so; credentials live in sessionStorage only. Screenshots go to test/artifacts/.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { CreateAgentStatusCommand, DescribeUserCommand } from "@aws-sdk/client-connect";
import { ARTIFACTS, launch, sleep } from "./console-helpers.js";
import { INSTANCE, startServer, type Running } from "../support/server.js";
import { AGENT_PASSWORD, createAgent } from "../support/sign-in.js";

let srv: Running;
let browser: BrowserContext;
let profile: string;
let alice: string;
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  srv = await startServer();
  const admin = srv.connect();
  alice = await createAgent(admin, INSTANCE, "alice", ["Agent"], { FirstName: "Alice", LastName: "Archer" });
  await admin.send(new CreateAgentStatusCommand({ InstanceId: INSTANCE, Name: "Lunch", State: "ENABLED" }));
  profile = mkdtempSync(join(tmpdir(), "cc-chromium-signin-"));
  browser = await launch(profile);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** The server's record of the agent's status. */
const statusName = () => srv.app.store.tx((tx) => tx.routing.userStatus(alice)).then((s) => s?.statusName);
async function until(what: () => Promise<unknown>, want: unknown) {
  for (let i = 0; i < 100 && (await what()) !== want; i++) await sleep(50);
  assert.equal(await what(), want);
}
type StoredCreds = { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string };
const stored = async (page: Page) => JSON.parse(((await page.evaluate('sessionStorage.getItem("connect-chat.console.creds")')) as string | null) ?? "null") as StoredCreds | null;
/** Whether the server still accepts these credentials (DescribeUser of self through the SDK). */
const accepted = (c: StoredCreds) =>
  srv.connect({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken } as never)
    .send(new DescribeUserCommand({ InstanceId: INSTANCE, UserId: alice }))
    .then(() => true, (e: { name: string }) => (e.name === "UnrecognizedClientException" ? false : Promise.reject(e)));

async function signInAs(page: Page, username: string, password: string) {
  await page.goto(`${srv.url}/console/`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an agent signs in with username and password, sees who they are, and switches status in one click", async () => {
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));

  await signInAs(page, "alice", "Wr0ngPassword");
  await page.getByTestId("signin-error").getByText("Wrong username or password").waitFor({ timeout: 10_000 });
  await page.screenshot({ path: `${ARTIFACTS}console-user-signin-error.png` });
  assert.equal(await stored(page), null);

  await page.getByLabel("Password").fill(AGENT_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  const agent = page.getByTestId("agent");
  await agent.waitFor({ timeout: 10_000 });
  assert.match(await agent.innerText(), /Alice Archer[\s\S]*Basic Routing Profile/);
  const sw = page.getByTestId("status-switch");
  await sw.getByRole("button", { name: "Lunch" }).waitFor();
  assert.deepEqual(await sw.getByRole("button").allInnerTexts(), ["Available", "Offline", "Lunch"]);
  assert.equal(await sw.getByRole("button", { name: "Offline" }).getAttribute("aria-pressed"), "true", "a new user is Offline");

  // Credentials: this tab's sessionStorage only, and they work against the API.
  const creds = (await stored(page))!;
  assert.match(creds.accessKeyId, /^ASIA/);
  assert.ok(creds.sessionToken && Date.parse(creds.expiration) > Date.now());
  assert.equal(await page.evaluate("localStorage.length"), 0);
  assert.equal(await accepted(creds), true);

  await sw.getByRole("button", { name: "Available" }).click();
  await until(statusName, "Available");
  // The header shows the status the server answered, on the render after it: waited for, bounded.
  const pressed = () => sw.getByRole("button", { name: "Available" }).getAttribute("aria-pressed");
  for (let i = 0; i < 100 && (await pressed()) !== "true"; i++) await sleep(50);
  assert.equal(await pressed(), "true");
  await page.screenshot({ path: `${ARTIFACTS}console-agent-header.png` });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${ARTIFACTS}console-agent-header-dark.png` });
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 390, height: 780 });
  await page.screenshot({ path: `${ARTIFACTS}console-agent-header-390.png` });
  await page.setViewportSize({ width: 1360, height: 820 });

  await sw.getByRole("button", { name: "Lunch" }).click();
  await until(statusName, "Lunch");
  // A reload keeps the session and the status shown.
  await page.reload();
  await page.getByTestId("status-switch").getByRole("button", { name: "Lunch", pressed: true }).waitFor({ timeout: 10_000 });

  // Offline: the server ends the credentials, the console returns to sign-in and says why.
  await page.getByTestId("status-switch").getByRole("button", { name: "Offline" }).click();
  await page.getByTestId("signin-notice").getByText("You are Offline and signed out.").waitFor({ timeout: 10_000 });
  await until(statusName, "Offline");
  assert.equal(await stored(page), null);
  assert.equal(await accepted(creds), false);
  assert.deepEqual(pageErrors, []);
  await page.close();
});

test("Sign out ends the session on the server; the access-key form is still there under Advanced", async () => {
  const page = await browser.newPage();
  await signInAs(page, "alice", AGENT_PASSWORD);
  await page.getByTestId("agent").waitFor({ timeout: 10_000 });
  const creds = (await stored(page))!;
  assert.equal(await accepted(creds), true);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("Username").waitFor();
  for (let i = 0; i < 100 && (await accepted(creds)); i++) await sleep(50);
  assert.equal(await accepted(creds), false);

  await page.getByRole("button", { name: "Advanced (access keys)" }).click();
  await page.getByLabel("Access key ID").waitFor();
  await page.screenshot({ path: `${ARTIFACTS}console-signin-advanced.png` });
  await page.getByRole("button", { name: "Back to username sign-in" }).click();
  await page.getByLabel("Username").waitFor();
  await page.screenshot({ path: `${ARTIFACTS}console-user-signin.png` });
  await page.close();
});
