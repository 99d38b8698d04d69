// The agent console in Chromium, part 2: axe-core on the main views (light/dark, desktop/390 px, screenshots),
// customer history, attachments (#16) and quick replies.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SendChatIntegrationEventCommand, StartChatContactCommand } from "@aws-sdk/client-connect";
import { CompleteAttachmentUploadCommand, CreateParticipantConnectionCommand, GetTranscriptCommand, StartAttachmentUploadCommand } from "@aws-sdk/client-connectparticipant";
import type { Page } from "playwright-core";
import { ARTIFACTS, sleep } from "./console-helpers.js";
import { DEST, INSTANCE } from "../support/server.js";
import { participantClient } from "../support/participant.js";
import { axe, joinChat as joinOn, smsFrom, workspaceEnv } from "./workspace-helpers.js";
import { signedRequest } from "../support/routing-http.js";

const env = workspaceEnv();
const text = (SourceId: string, Content: string, Attributes?: Record<string, string>) => smsFrom(env, SourceId, Content, Attributes);
const joinChat = (page: Page, contactId: string) => joinOn(env, page, contactId);
const browserOf = () => env.browser;
const connectOf = () => env.connect;
const srvOf = () => env.srv;

test("axe-core finds no serious or critical violations on the main views, light and dark, desktop and 390 px; screenshots of each", async () => {
  const contactId = (await text("+14155550108", "Can I change my delivery address? https://shop.example/d/1", { firstName: "Dana" })).InitialContactId!;
  const page = await browserOf().newPage();
  const found: string[] = [];
  const views = async (name: string) => {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      found.push(...(await axe(page, `${name} ${scheme}`)));
      await page.screenshot({ path: `${ARTIFACTS}a11y-${name}-${scheme}.png` });
    }
  };
  await page.goto(`${srvOf().url}/console/`);
  await page.getByLabel("Username").waitFor();
  await views("signin");
  await page.getByRole("button", { name: "Advanced (access keys)" }).click();
  await page.getByLabel("Access key ID").waitFor();
  await views("signin-keys");
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
  await connectOf().send(new SendChatIntegrationEventCommand({ SourceId: phone, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "DISCONNECT" } }));
  const now = (await text(phone, "Hi again, about that refund")).InitialContactId!;
  const page = await browserOf().newPage();
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
  const web = await connectOf().send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Robin" }, InitialMessage: { ContentType: "text/plain", Content: "Here is a photo" } }));
  const p = participantClient(srvOf().url);
  const customer = (await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: web.ParticipantToken!, Type: ["CONNECTION_CREDENTIALS"] }))).ConnectionCredentials!.ConnectionToken!;
  const page = await browserOf().newPage();
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

const found: string[] = [];
test("quick replies: kept on the server per instance, managed in the page, a browser's old ones imported once; / opens them, the arrow keys choose, placeholders take the contact's attributes", async () => {
  const contactId = (await text("+14155550110", "Hello there", { firstName: "Dana", orderId: "77" })).InitialContactId!;
  const page = await browserOf().newPage();
  const chat = await joinChat(page, contactId);
  // What an earlier console kept in this browser: offered once for import.
  await page.evaluate(
    ([key, value]) => (globalThis as any).localStorage.setItem(key, value),
    [`connect-chat.console.quick-replies.${INSTANCE}`, JSON.stringify([{ id: "old-1", title: "Old greeting", text: "Hello from before" }])],
  );
  await chat.getByRole("button", { name: "Manage quick replies" }).click();
  const dialog = page.getByTestId("quick-manager");
  await dialog.waitFor();
  const titles = () => dialog.locator(".qr-list strong").allInnerTexts();
  const listed = async (want: string[]) => {
    for (let i = 0; i < 100 && JSON.stringify(await titles()) !== JSON.stringify(want); i++) await sleep(50);
    assert.deepEqual(await titles(), want);
  };
  await dialog.getByTestId("quick-import").getByRole("button", { name: "Import 1" }).click();
  await dialog.getByRole("status").getByText("Imported 1 reply from this browser.").waitFor({ timeout: 5000 });
  await listed(["Old greeting"]);
  assert.equal(await page.evaluate((key) => (globalThis as any).localStorage.getItem(key), `connect-chat.console.quick-replies.${INSTANCE}`), null, "the browser's copy is forgotten");
  const add = async (title: string, reply: string) => {
    await dialog.getByLabel("Title").fill(title);
    await dialog.getByLabel("Reply").fill(reply);
    await dialog.getByRole("button", { name: "Add" }).click();
  };
  await dialog.getByRole("button", { name: "Add" }).click();
  await dialog.getByRole("alert").getByText("Give it a title.").waitFor();
  await add("Greeting", "Hi $.Attributes.firstName, how can I help?");
  await listed(["Greeting", "Old greeting"]);
  await add("Greeting", "Twice");
  await dialog.getByRole("alert").getByText("A quick reply with that title already exists.").waitFor({ timeout: 5000 });
  await add("Order status", "Order $.Attributes.orderId ships today. Your code: $.Attributes.coupon");
  // Each Add is saved before the next is typed: the form clears when its save returns.
  await listed(["Greeting", "Old greeting", "Order status"]);
  await add("Goodbye", "Thanks for chatting!");
  await listed(["Goodbye", "Greeting", "Old greeting", "Order status"]);
  await dialog.getByRole("button", { name: "Edit Goodbye" }).click();
  await dialog.getByLabel("Title").fill("Farewell");
  await dialog.getByRole("button", { name: "Save" }).click();
  await listed(["Farewell", "Greeting", "Old greeting", "Order status"]);
  await dialog.getByRole("button", { name: "Delete Farewell" }).click();
  await listed(["Greeting", "Old greeting", "Order status"]);
  await dialog.getByRole("button", { name: "Delete Old greeting" }).click();
  await listed(["Greeting", "Order status"]);
  // On the server, for every agent of the instance: the extension answers the same list.
  const stored = await signedRequest(srvOf().port, "POST", "/search-quick-responses", { InstanceId: INSTANCE });
  assert.deepEqual(stored.json.QuickResponses.map((r: { Name: string }) => r.Name), ["Greeting", "Order status"]);
  found.push(...(await axe(page, "quick-replies dialog")));
  await page.screenshot({ path: `${ARTIFACTS}workspace-quick-manager.png` });
  await dialog.getByRole("button", { name: "Close" }).click();
  await dialog.waitFor({ state: "hidden" });

  const reply = page.getByTestId("reply");
  await reply.focus();
  await reply.pressSequentially("/");
  const picker = page.getByTestId("quick-picker");
  await picker.getByRole("option").first().waitFor();
  assert.deepEqual(await picker.getByRole("option").allInnerTexts().then((t) => t.map((x) => x.split(" ")[0])), ["Greeting", "Order"]);
  await reply.pressSequentially("order");
  assert.equal(await picker.getByRole("option").count(), 1);
  await page.keyboard.press("Enter");
  await picker.waitFor({ state: "detached" });
  for (let i = 0; i < 100 && (await reply.inputValue()) === "/order"; i++) await sleep(50);
  assert.equal(await reply.inputValue(), "Order 77 ships today. Your code: $.Attributes.coupon", "known attributes filled, the unknown one left to the agent");
  await reply.fill("/");
  await picker.getByRole("option").nth(1).waitFor();
  await page.keyboard.press("ArrowDown");
  assert.equal(await reply.getAttribute("aria-activedescendant"), (await picker.getByRole("option").nth(1).getAttribute("id")));
  await page.keyboard.press("ArrowUp");
  await page.screenshot({ path: `${ARTIFACTS}workspace-quick-picker.png` });
  found.push(...(await axe(page, "quick-replies picker")));
  await page.keyboard.press("Enter");
  // The pick reads the contact's attributes first (GetContactAttributes): the box fills a moment later.
  for (let i = 0; i < 100 && (await reply.inputValue()) === "/"; i++) await sleep(50);
  assert.equal(await reply.inputValue(), "Hi Dana, how can I help?");
  await reply.fill("/");
  await page.keyboard.press("Escape");
  assert.equal(await reply.inputValue(), "");
  assert.equal(await chat.isVisible(), true, "Escape closed the list, not the chat");
  // At 390 px "Manage quick replies" has a row of its own: the reply box keeps most of the width.
  await page.setViewportSize({ width: 390, height: 800 });
  const box = (await reply.boundingBox())!;
  const manage = (await chat.getByRole("button", { name: "Manage quick replies" }).boundingBox())!;
  const composer = (await chat.locator("form.composer").boundingBox())!;
  await page.screenshot({ path: `${ARTIFACTS}workspace-quick-390.png` });
  assert.ok(manage.y >= box.y + box.height - 1, `the button is under the box (box ends at ${box.y + box.height}, button at ${manage.y})`);
  // Beside the counter and Send only (the button beside it left the box about 90 px).
  assert.ok(box.width > composer.width / 2, `the box keeps its width: ${box.width} of ${composer.width}`);
  await page.setViewportSize({ width: 1360, height: 820 });
  assert.deepEqual(found, []);
  await page.close({ runBeforeUnload: false });
});
