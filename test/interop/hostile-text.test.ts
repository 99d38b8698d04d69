// Hostile text through the real SDK clients, on SQLite and PostgreSQL: U+0000, unpaired surrogates, U+FFFF, emoji,
// right-to-left text and long strings in message content, display names and attributes are stored and returned
// exactly, and SearchContacts keeps answering afterwards (on PostgreSQL one such message made every later search a
// 500). Identifiers that hold U+0000 or an unpaired surrogate are refused with a 400 and change nothing.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import {
  DescribeContactCommand,
  GetContactAttributesCommand,
  SearchContactsCommand,
  SendChatIntegrationEventCommand,
  StartChatContactCommand,
  type ConnectClient,
} from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, GetTranscriptCommand, SendMessageCommand } from "@aws-sdk/client-connectparticipant";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { DEST, INSTANCE, startServer, type Running } from "../support/server.js";
import { participantClient } from "../support/participant.js";

const TEXTS: Record<string, string> = {
  nul: "a\u0000b",
  loneHigh: "x\ud800y",
  loneLow: "x\udc00y",
  nonCharacter: "\uffff",
  emoji: "😀👩‍👩‍👧",
  rtl: "\u202eمرحبا שלום",
  long: "é😀\u0000\udc00".repeat(250).slice(0, 1000),
};
const HOUR = 3_600_000;

const db = await createScratchDatabase();
const servers: Running[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await db.drop();
});

const stores: [string, () => Promise<Running>][] = [
  ["sqlite", () => startServer()],
  ["postgres", async () => startServer({ databaseUrl: await db.schema("hostile") })],
];

const search = (c: ConnectClient, criteria: Record<string, unknown> = {}) =>
  c.send(new SearchContactsCommand({ InstanceId: INSTANCE, TimeRange: { Type: "INITIATION_TIMESTAMP", StartTime: new Date(Date.now() - HOUR), EndTime: new Date(Date.now() + HOUR) }, SearchCriteria: criteria }));

for (const [name, start] of stores) {
  test(`${name}: hostile message content, display names and attributes are kept exactly and searches keep working`, async () => {
    const srv = await start();
    servers.push(srv);
    const c = srv.connect();
    const p = participantClient(srv.url);
    let n = 0;
    const ids: Record<string, string> = {};
    for (const [label, text] of Object.entries(TEXTS)) {
      const display = Array.from(text).slice(0, 256).join(""); // DisplayName: at most 256 characters
      // An SMS customer's message and a new chat's display name and attributes.
      const sms = await c.send(new SendChatIntegrationEventCommand({
        SourceId: `+1415555${String(1000 + ++n)}`,
        DestinationId: DEST,
        Subtype: "connect:sms",
        Event: { Type: "MESSAGE", ContentType: "text/plain", Content: text },
        NewSessionDetails: { ParticipantDetails: { DisplayName: display }, Attributes: { label, text } },
      }));
      ids[label] = sms.InitialContactId!;
      // A web-chat customer's display name, initial message, attributes, and a message of its own.
      const web = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: display }, Attributes: { label, text }, InitialMessage: { ContentType: "text/plain", Content: text },
        // Accepted and not stored (StartChatContact ignores SegmentAttributes): free text there is no trouble either.
        SegmentAttributes: { "connect:Subtype": { ValueString: text } } }));
      const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: web.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
      const token = conn.ConnectionCredentials!.ConnectionToken!;
      await p.send(new SendMessageCommand({ ConnectionToken: token, ContentType: "text/plain", Content: `${text}!` }));
      const t = await p.send(new GetTranscriptCommand({ ConnectionToken: token, MaxResults: 100, SortOrder: "ASCENDING" }));
      assert.deepEqual(t.Transcript!.filter((i) => i.Type === "MESSAGE").map((i) => [i.Content, i.DisplayName]), [[text, display], [`${text}!`, display]], label);
      const attrs = await c.send(new GetContactAttributesCommand({ InstanceId: INSTANCE, InitialContactId: web.ContactId }));
      assert.deepEqual(attrs.Attributes, { label, text }, label);
      // Every search after such a chat still answers, with the last message intact.
      const all = await search(c);
      assert.ok(all.Contacts!.length >= 2, label);
      const last = all.Contacts!.find((x) => x.Id === web.ContactId)?.SegmentAttributes?.["connect-chat:LastMessage"]?.ValueString;
      assert.equal(last, Array.from(`${text}!`).slice(0, 200).join(""), label);
    }
    for (const [label, text] of Object.entries(TEXTS)) {
      const byAttr = await search(c, { SearchableContactAttributes: { Criteria: [{ Key: "text", Values: [text.slice(0, 100)] }] } });
      const expected = text.length <= 100 ? 2 : 0; // values a search can name are at most 100 characters
      assert.equal(byAttr.TotalCount, expected, label);
      const described = await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: ids[label] }));
      assert.equal(described.Contact?.Id, ids[label]);
      const attrs = await c.send(new GetContactAttributesCommand({ InstanceId: INSTANCE, InitialContactId: ids[label] }));
      assert.equal(attrs.Attributes?.text, text, label);
    }
    p.destroy();
  });

  test(`${name}: identifiers holding U+0000 or an unpaired surrogate are refused with a 400`, async () => {
    const srv = await start();
    servers.push(srv);
    const c = srv.connect();
    for (const bad of ["+1415\u00005550100", "+1415\ud8005550100", "+1415\udc005550100"]) {
      await assert.rejects(
        c.send(new SendChatIntegrationEventCommand({ SourceId: bad, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "x" } })),
        (e: Error & { $metadata?: { httpStatusCode?: number } }) => e.name === "InvalidRequestException" && e.$metadata?.httpStatusCode === 400 && /SourceId/.test(e.message),
      );
      await assert.rejects(c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "x" }, ClientToken: bad })), { name: "InvalidRequestException" });
      // In the URI path (the SDK cannot percent-encode an unpaired surrogate at all).
      if (bad.includes("\u0000")) await assert.rejects(c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: bad })), { name: "InvalidRequestException" });
      await assert.rejects(search(c, { SearchableSegmentAttributes: { Criteria: [{ Key: "connect-chat:CustomerAddress", Values: [bad] }] } }), { name: "InvalidRequestException" });
    }
    assert.equal((await search(c)).TotalCount, 0, "nothing was stored");
  });
}
