// The flow engine on two nodes sharing one PostgreSQL: each node's timer loop competes for the same due timers
// (FOR UPDATE SKIP LOCKED), and the customer's messages reach both nodes at once; every block of a contact runs
// once (each SYSTEM message is in the transcript once), whichever node advanced it.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { SendMessageCommand } from "@aws-sdk/client-connectparticipant";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { startServer, testConfig, type Running } from "../support/server.js";
import { participantClient } from "../support/participant.js";
import { messages, until, webChat } from "../support/flow-engine.js";
import { askFlow, waitFlow } from "../support/durable-flows.js";

const db = await createScratchDatabase();
let nodeA: Running;
let nodeB: Running;
before(async () => {
  const config = testConfig();
  config.accounts[0].instances[0].flows.push(
    { id: "ask", name: "Ask", type: "CONTACT_FLOW", content: askFlow(600) },
    { id: "hold", name: "Hold", type: "CONTACT_FLOW", content: waitFlow(1) },
  );
  nodeA = await startServer({ databaseUrl: db.url, config });
  nodeB = await startServer({ databaseUrl: db.url, config });
});
after(async () => {
  await Promise.all([nodeA.stop(), nodeB.stop()]);
  await db.drop();
});

test("two nodes, due Wait timers: each contact's Wait completes once", async () => {
  const pa = participantClient(nodeA.url);
  const pb = participantClient(nodeB.url);
  const chats = await Promise.all(Array.from({ length: 12 }, (_, i) => webChat(i % 2 ? nodeA.connect() : nodeB.connect(), i % 2 ? pa : pb, "hold")));
  for (const [i, chat] of chats.entries()) {
    const p = i % 2 ? pb : pa; // read through the other node
    const m = await until(async () => {
      const x = await messages(p, chat.token);
      return x.length >= 2 ? x : undefined;
    }, "the Wait timer");
    assert.deepEqual(m, ["SYSTEM: Hold on", "SYSTEM: Done waiting"]);
  }
  await new Promise((r) => setTimeout(r, 600)); // both loops have polled again: still once
  for (const chat of chats) assert.equal((await messages(pa, chat.token)).length, 2);
  pa.destroy();
  pb.destroy();
});

test("two nodes, one contact waiting on input: answers racing through both nodes resume it once", async () => {
  const pa = participantClient(nodeA.url);
  const pb = participantClient(nodeB.url);
  for (let round = 0; round < 5; round++) {
    const chat = await webChat(nodeA.connect(), pa, "ask");
    const say = (p: typeof pa, Content: string) => p.send(new SendMessageCommand({ ConnectionToken: chat.token, ContentType: "text/plain", Content }));
    await Promise.all([say(pa, "A-1"), say(pb, "A-2"), say(pa, "A-3"), say(pb, "A-4")]);
    const m = await messages(pb, chat.token);
    assert.equal(m.filter((x) => x === "SYSTEM: Got it").length, 1, JSON.stringify(m));
    assert.equal(m.filter((x) => x.startsWith("SYSTEM:")).length, 3, "Welcome, the question and one answer");
  }
  pa.destroy();
  pb.destroy();
});
