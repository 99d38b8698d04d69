// Shared set-up of the workspace browser tests (console-workspace*.test.ts): one server with local attachments, one
// Chromium profile, SMS from a number, joining a chat from the queue, and axe-core's serious/critical findings.
import { after, before } from "node:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { SendChatIntegrationEventCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { ARTIFACTS, attached, launch, signIn } from "./console-helpers.js";
import { DEST, KEY, startServer, testConfig, type Running } from "../support/server.js";

export interface Env {
  srv: Running;
  connect: ConnectClient;
  browser: BrowserContext;
}

/** Registers before/after hooks; the returned object is filled in before the first test runs. */
export function workspaceEnv(): Env {
  const env = {} as Env;
  let profile: string;
  let dir: string;
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), "cc-console-ws-"));
    env.srv = await startServer({ config: testConfig({ attachments: { store: { dir: join(dir, "attachments"), secret: "a-test-secret-of-16+" } } }), dir });
    env.connect = env.srv.connect();
    profile = mkdtempSync(join(tmpdir(), "cc-chromium-ws-"));
    env.browser = await launch(profile);
  });
  after(async () => {
    await env.browser?.close();
    await env.srv?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return env;
}

export const smsFrom = (env: Env, SourceId: string, Content: string, Attributes?: Record<string, string>) =>
  env.connect.send(new SendChatIntegrationEventCommand({ SourceId, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content }, ...(Attributes ? { NewSessionDetails: { Attributes } } : {}) }));

/** Signs in (once per page) and joins the chat from the queue; returns the chat view. */
export async function joinChat(env: Env, page: Page, contactId: string) {
  if (!(await page.getByTestId("queue-count").count())) await signIn(page, env.srv.url, KEY.accessKeyId, KEY.secretAccessKey);
  await page.locator(`[data-contact-id="${contactId}"]`).click({ timeout: 10_000 });
  const chat = page.getByTestId("chat-view");
  await chat.getByTestId("chat-status").getByText("Live").waitFor({ timeout: 10_000 });
  await attached(env.srv, contactId);
  return chat;
}

let axeSource: string | undefined;
/** axe-core's serious and critical violations on the page as it is (evaluated over CDP: the page's CSP allows no inline script). */
export async function axe(page: Page, view: string): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  if (!(await page.evaluate("typeof axe !== 'undefined'"))) await page.evaluate(`${axeSource}\n;0`);
  const result = (await page.evaluate(
    `axe.run(document, { resultTypes: ["violations"], runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 3) })))`,
  )) as { id: string; impact: string; nodes: string[] }[];
  return result.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${view}: ${v.id} (${v.impact}) at ${v.nodes.join(", ")}`);
}
