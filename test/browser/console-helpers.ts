// Helpers of the console's browser test: Chromium (found by support/chromium.ts, no downloads, no way off loopback), sign-in, the
// chat's SNS stream, and the transcript read through the API with the agent's own token.
import assert from "node:assert/strict";
import { chromium, type Page } from "playwright-core";
import { CreateParticipantConnectionCommand, GetTranscriptCommand } from "@aws-sdk/client-connectparticipant";
import { INSTANCE, type Running } from "../support/server.js";
import type { topicWithQueue } from "../support/moto.js";
import { participantClient } from "../support/participant.js";
import { CHROMIUM_ARGS, findChromium } from "../support/chromium.js";

export const ARTIFACTS = new URL("../artifacts/", import.meta.url).pathname;
export const EV = "application/vnd.amazonaws.connect.event.";
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function launch(profile: string) {
  const found = await findChromium();
  return chromium.launchPersistentContext(profile, { executablePath: found.path, headless: true, viewport: { width: 1360, height: 820 }, args: CHROMIUM_ARGS });
}

/** The first item on the chat's SNS stream (moto_server → SQS) that matches. */
export async function streamed(topic: Awaited<ReturnType<typeof topicWithQueue>>, pred: (body: Record<string, any>) => unknown, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const hit = (await topic.take(Number.MAX_SAFE_INTEGER, 100)).find((d) => pred(d.body));
    if (hit) return hit;
    if (Date.now() > until) throw new Error(`not streamed; got ${topic.got.map((d) => d.body.Content ?? d.body.ContentType).join(", ")}`);
  }
}

/** Signs in with an access key: the administrators' form, under "Advanced (access keys)". */
export async function signIn(page: Page, url: string, accessKeyId: string, secretAccessKey: string) {
  await page.goto(`${url}/console/`);
  await page.getByRole("button", { name: "Advanced (access keys)" }).click();
  await page.getByLabel("Access key ID").fill(accessKeyId);
  await page.getByLabel("Secret access key").fill(secretAccessKey);
  // Region and instance are prefilled from /console/config.json.
  const instance = page.getByLabel("Instance ID");
  for (let i = 0; i < 50 && (await instance.inputValue()) !== INSTANCE; i++) await sleep(50);
  assert.equal(await instance.inputValue(), INSTANCE);
  await page.getByLabel("Your name").fill("Alice");
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Waits until the server holds a WebSocket of the chat. */
export async function attached(srv: Running, chat: string) {
  for (let i = 0; i < 300 && srv.app.hub.connectionsOf(chat) < 1; i++) await sleep(20);
  assert.ok(srv.app.hub.connectionsOf(chat) >= 1, "the console's socket is attached");
}

/** The transcript through the API, with the agent's own token (a second connection, as another tab would make). */
export async function transcriptAsAgent(page: Page, url: string) {
  const tabs = JSON.parse(((await page.evaluate('sessionStorage.getItem("connect-chat.console.tabs")')) as string | null) ?? "[]");
  const p = participantClient(url);
  try {
    const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: tabs[0].participantToken, Type: ["CONNECTION_CREDENTIALS"] }));
    return (await p.send(new GetTranscriptCommand({ ConnectionToken: conn.ConnectionCredentials!.ConnectionToken, SortOrder: "ASCENDING", MaxResults: 100 }))).Transcript!;
  } finally {
    p.destroy();
  }
}
