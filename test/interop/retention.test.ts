// Retention through the running server's sweep (SQLite, local attachment directory, the test clock): past their
// retention, push-only items, the flow run and log of an ended contact, and an upload never completed (row and
// bytes) are purged; what is still needed stays — a running flow's run, push-only items inside the window, an
// upload in progress, the transcript.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StartChatContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { SendEventCommand, SendMessageCommand, StartAttachmentUploadCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { INSTANCE, startServer, testConfig, type Running } from "../support/server.js";
import { participantClient } from "../support/participant.js";
import { flowOf, next, webChat } from "../support/flow-engine.js";
import { greeting } from "../support/flows.js";

const ADMIN = "admin-token-for-retention";
const MIN = 60_000;
const dir = mkdtempSync(join(tmpdir(), "cc-retention-"));
let srv: Running;
let c: ConnectClient;
let p: ConnectParticipantClient;
before(async () => {
  const config = testConfig({
    server: { adminToken: ADMIN },
    flowEngine: { logAll: true },
    attachments: { store: { dir, secret: "a-test-secret-of-16+" } },
    retention: { pushOnlyItemsSeconds: 3600, flowRunsSeconds: 3600, unfinishedUploadsSeconds: 3600, batchSize: 2 },
  } as Parameters<typeof testConfig>[0]);
  const inst = config.accounts[0].instances[0];
  inst.flows.push(
    { id: "ask", name: "Ask", type: "CONTACT_FLOW", content: flowOf(
      { Identifier: "Ask", Type: "GetParticipantInput", Parameters: { Text: "Order number?", InputTimeLimitSeconds: "86400" }, Transitions: next("End", { InputTimeLimitExceeded: "End", NoMatchingError: "End" }) },
      { Identifier: "End", Type: "DisconnectParticipant" },
    ) },
    { id: "bye", name: "Bye", type: "CONTACT_FLOW", content: greeting("Closed today.") },
  );
  srv = await startServer({ config });
  c = srv.connect();
  p = participantClient(srv.url);
});
after(async () => {
  p.destroy();
  await srv.stop();
  rmSync(dir, { recursive: true, force: true });
});

const typing = (token: string) => p.send(new SendEventCommand({ ConnectionToken: token, ContentType: "application/vnd.amazonaws.connect.event.typing" }));
/** Starts an upload and PUTs its bytes, never completing it. */
async function upload(token: string, name: string) {
  const body = Buffer.from("0123456789");
  const s = await p.send(new StartAttachmentUploadCommand({ ConnectionToken: token, ContentType: "text/plain", AttachmentSizeInBytes: body.length, AttachmentName: name }));
  const put = await fetch(s.UploadMetadata!.Url!, { method: "PUT", headers: s.UploadMetadata!.HeadersToInclude, body });
  assert.equal(put.status, 200);
  return s.AttachmentId!;
}
const run = (contactId: string) => srv.app.store.tx((t) => t.run(contactId));
const items = async (initialContactId: string) => (await srv.app.store.tx((t) => t.itemsAfter(initialContactId, 0, 100))).map((i) => `${i.persisted ? "" : "push:"}${i.body.ContentType}`);

test("the sweep purges what retention allows and keeps what a socket, a running flow or an upload in progress still needs", async () => {
  const waiting = await webChat(c, p, "ask"); // its flow waits on the customer all along
  const ended = (await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "bye", ParticipantDetails: { DisplayName: "Bo" } }))).ContactId!;
  assert.equal((await run(ended))?.state, "ended", "the greeting flow ended and disconnected at once");
  await typing(waiting.token);
  const stale = await upload(waiting.token, "stale.txt");
  srv.clock.advance(30 * MIN);
  await typing(waiting.token);
  const fresh = await upload(waiting.token, "fresh.txt");
  const before = await items(waiting.contactId);
  assert.equal(before.filter((t) => t.startsWith("push:")).length, 2);
  assert.ok(before.includes("text/plain"), "the flow's question is in the transcript");

  srv.clock.advance(31 * MIN); // the first typing, the stale upload and the ended contact are 61 minutes old
  await srv.app.sweep();

  const after = await items(waiting.contactId);
  assert.deepEqual(after.filter((t) => t.startsWith("push:")), ["push:application/vnd.amazonaws.connect.event.typing"], "the typing inside the window stays");
  assert.deepEqual(after.filter((t) => !t.startsWith("push:")), before.filter((t) => !t.startsWith("push:")), "the transcript is untouched");
  assert.equal(await run(ended), undefined, "the ended contact's flow run is gone");
  assert.deepEqual(await srv.app.store.tx((t) => t.flowLog(ended)), [], "with its flow log");
  assert.equal((await run(waiting.contactId))?.state, "waiting", "the running flow keeps its run");
  assert.equal(await srv.app.store.tx((t) => t.attachment(stale)), undefined);
  assert.equal(existsSync(join(dir, stale)), false, "the stale upload's bytes are deleted");
  assert.equal((await srv.app.store.tx((t) => t.attachment(fresh)))?.status, "IN_PROGRESS");
  assert.equal(existsSync(join(dir, fresh)), true, "the upload in progress keeps its bytes");

  // The running flow still answers the customer afterwards.
  await p.send(new SendMessageCommand({ ConnectionToken: waiting.token, ContentType: "text/plain", Content: "A-1" }));
  assert.equal((await run(waiting.contactId))?.state, "ended");
});
