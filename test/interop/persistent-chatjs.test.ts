// Persistent chat through amazon-connect-chatjs 5, unmodified: a returning customer's session raises
// onChatRehydrated, then pages the transcript with getTranscript and NextToken (BACKWARD) exactly as a widget
// loading the previous transcript does — after FROM_SEGMENT and after ENTIRE_PAST_SESSION (cumulative).
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { CreateParticipantCommand, StartChatContactCommand, type ConnectClient, type StartChatContactCommandInput } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, DisconnectParticipantCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { INSTANCE, startServer, type Running } from "../support/server.js";
import { participantClient } from "../support/participant.js";
import { chatSession, loadChatjs } from "../support/chatjs.js";

let srv: Running;
let connect: ConnectClient;
let p: ConnectParticipantClient;
let chatjs: any;
before(async () => {
  srv = await startServer();
  connect = srv.connect();
  p = participantClient(srv.url);
  chatjs = await loadChatjs(srv.url);
});
after(async () => {
  p.destroy();
  await srv.stop();
});

const start = (name: string, extra: Partial<StartChatContactCommandInput> = {}) =>
  connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: name }, ...extra }));

/** A past chat through the SDK: the customer and an agent talk, then the customer leaves. */
async function pastChat(lines: [string, string], extra: Partial<StartChatContactCommandInput> = {}) {
  const s = await start("Jane", extra);
  const cc = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  const customer = cc.ConnectionCredentials!.ConnectionToken!;
  await p.send(new SendMessageCommand({ ConnectionToken: customer, ContentType: "text/plain", Content: lines[0] }));
  const a = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: s.ContactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Alice" } }));
  const ac = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: a.ParticipantCredentials!.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  await p.send(new SendMessageCommand({ ConnectionToken: ac.ConnectionCredentials!.ConnectionToken!, ContentType: "text/plain", Content: lines[1] }));
  await p.send(new DisconnectParticipantCommand({ ConnectionToken: customer }));
  return s;
}

/** The returning customer in chatjs: waits for onChatRehydrated, then loads every page, oldest first on screen. */
async function returningCustomer(s: { ContactId?: string; ParticipantId?: string; ParticipantToken?: string }) {
  const c = chatSession(chatjs, s.ContactId!, s.ParticipantId!, s.ParticipantToken!);
  let rehydrated: any;
  const seen = new Promise<void>((ok) => c.s.onChatRehydrated((e: any) => ((rehydrated = e.data), ok())));
  await c.s.connect();
  await seen;
  const items: any[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const r = await c.s.getTranscript({ scanDirection: "BACKWARD", sortOrder: "ASCENDING", maxResults: 4, ...(nextToken ? { nextToken } : {}) });
    items.unshift(...r.data.Transcript);
    nextToken = r.data.NextToken;
    pages++;
  } while (nextToken);
  return { c, rehydrated, items, pages };
}

const line = (i: any) => `${i.RelatedContactId ? "[past] " : ""}${i.DisplayName ?? "system"}: ${i.Type === "MESSAGE" ? i.Content : i.ContentType.split(".").slice(-2).join(".")}`;

test("FROM_SEGMENT in chatjs: onChatRehydrated, then the customer pages back through the previous chat", async () => {
  const c1 = await pastChat(["where is my refund?", "it was sent today"]);
  const c2 = await start("Jane", { PersistentChat: { RehydrationType: "FROM_SEGMENT", SourceContactId: c1.ContactId } });
  const { c, rehydrated, items, pages } = await returningCustomer(c2);
  assert.equal(rehydrated.ContentType, "application/vnd.amazonaws.connect.event.chat.rehydrated");
  assert.equal(rehydrated.InitialContactId, c2.ContactId);
  assert.deepEqual(items.map(line), [
    "[past] Jane: participant.joined",
    "[past] Jane: where is my refund?",
    "[past] Alice: participant.joined",
    "[past] Alice: it was sent today",
    "[past] Jane: participant.left",
    "[past] Alice: participant.left",
    "[past] system: chat.ended",
    "Jane: participant.joined",
  ]);
  assert.equal(pages, 2);
  assert.ok(items.filter((i) => i.RelatedContactId).every((i) => i.RelatedContactId === c1.ContactId));
  await c.s.sendMessage({ contentType: "text/plain", message: "thanks, and another thing" });
  await c.until((e) => e.kind === "message" && e.data.Content === "thanks, and another thing");
  c.s.disconnectParticipant();
  await c.until((e) => e.kind === "ended");
});

test("ENTIRE_PAST_SESSION in chatjs: a chat continued twice shows both earlier chats, oldest first", async () => {
  const c1 = await pastChat(["first", "answer one"]);
  const c2 = await pastChat(["second", "answer two"], { PersistentChat: { RehydrationType: "ENTIRE_PAST_SESSION", SourceContactId: c1.ContactId } });
  const c3 = await start("Jane", { PersistentChat: { RehydrationType: "ENTIRE_PAST_SESSION", SourceContactId: c2.ContactId } });
  assert.equal(c3.ContinuedFromContactId, c2.ContactId);
  const { items } = await returningCustomer(c3);
  assert.deepEqual(
    items.filter((i) => i.Type === "MESSAGE").map((i) => `${i.RelatedContactId === c1.ContactId ? "c1" : i.RelatedContactId === c2.ContactId ? "c2" : "now"} ${i.Content}`),
    ["c1 first", "c1 answer one", "c2 second", "c2 answer two"],
  );
  assert.equal(items.at(-1).ContentType, "application/vnd.amazonaws.connect.event.participant.joined");
  assert.equal(items.at(-1).RelatedContactId, undefined);
});
