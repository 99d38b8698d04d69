// A failed SMS send in the agent console (a real Chromium): Twilio refuses the agent's reply for good; the bubble
// says "Not delivered" with Twilio's error text; the supervisors' list beside the queue shows who, to whom, what and
// why; Retry (once Twilio takes the number) sends it through the outbox again, exactly once, and the notice goes.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { ARTIFACTS, launch, signIn } from "./console-helpers.js";
import { KEY, startServer, type Running } from "../support/server.js";
import { fakeTwilio, TWILIO_SID, TWILIO_TOKEN, type FakeProvider } from "../support/sms-providers.js";
import { inbound, NUMBER, smsConfig } from "../support/sms.js";

const CUSTOMER = "+14155550177";

let twilio: FakeProvider;
let srv: Running;
let browser: BrowserContext;
let profile: string;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  twilio = await fakeTwilio();
  srv = await startServer({ config: smsConfig({ provider: "twilio", twilio: { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, baseUrl: twilio.url } }) });
  profile = mkdtempSync(join(tmpdir(), "cc-chromium-"));
  browser = await launch(profile);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  await twilio?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test("a refused reply shows Twilio's error on its bubble and in the supervisors' list; Retry sends it once", async () => {
  twilio.mode = (f) => (f.To === CUSTOMER ? { kind: "fail", status: 400, code: 21211, message: `The 'To' number ${CUSTOMER} is not a valid phone number.` } : { kind: "ok" });
  const connect = srv.connect();
  const contactId = (await inbound(connect, CUSTOMER, "Can you text me the code?")).InitialContactId!;
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await signIn(page, srv.url, KEY.accessKeyId, KEY.secretAccessKey);
  const row = page.locator(`[data-contact-id="${contactId}"]`).first();
  await row.waitFor({ timeout: 10_000 });
  assert.equal(await page.getByTestId("failed-sends").count(), 0, "no failures, no list");
  await row.click();
  const chat = page.getByTestId("chat-view");
  await chat.getByTestId("chat-status").getByText("Live").waitFor({ timeout: 10_000 });
  await page.getByTestId("reply").fill("Your code is 4821");
  await page.getByTestId("reply").press("Enter");

  const mine = chat.locator(".msg.mine", { hasText: "Your code is 4821" });
  const notice = mine.getByTestId("sms-send");
  await notice.getByText("Not delivered").waitFor({ timeout: 15_000 });
  assert.equal(await notice.getByTestId("sms-error").innerText(), `Twilio error 21211: The 'To' number ${CUSTOMER} is not a valid phone number. (HTTP 400, https://www.twilio.com/docs/errors/21211)`);
  await page.screenshot({ path: `${ARTIFACTS}console-sms-failed.png` });

  // The supervisors' list, beside the queue.
  await page.keyboard.press("Escape");
  const listed = page.getByTestId("failed-send");
  await listed.first().waitFor({ timeout: 15_000 });
  const cells = await listed.first().locator("td").allInnerTexts();
  assert.deepEqual(cells.slice(1, 4), ["Alice", CUSTOMER, "Your code is 4821"]);
  assert.match(cells[4], /21211/);
  await page.screenshot({ path: `${ARTIFACTS}console-sms-failed-list.png` });
  await page.keyboard.press("Alt+1");

  twilio.mode = { kind: "ok" };
  const before = twilio.sent.length;
  await mine.getByTestId("sms-retry").click();
  await (await twilio.waitSent(before + 1)).at(-1);
  await notice.waitFor({ state: "detached", timeout: 15_000 });
  await page.keyboard.press("Escape");
  await page.getByTestId("failed-sends").waitFor({ state: "detached", timeout: 15_000 });
  const out = twilio.sent.slice(before);
  assert.deepEqual(out.map((s) => [s.fields.From, s.fields.To, s.fields.Body]), [[NUMBER, CUSTOMER, "Your code is 4821"]]);
  assert.deepEqual(pageErrors, []);
  await page.close();
});
