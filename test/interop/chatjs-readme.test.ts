// The README's chatjs snippet, verbatim, in a Node process of its own as a user runs it, with Node 22+'s globals:
// there globalThis.navigator exists without onLine (on Node 20 the child is given one like it; CHATJS_NODE runs the
// child on another Node binary). The agent writes the moment `await session.connect()` has resolved, and the
// snippet's onMessage must print it.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { CreateParticipantCommand, StartChatContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { INSTANCE, startServer, type Running } from "../support/server.js";
import { participantClient } from "../support/participant.js";

const ROOT = new URL("../../", import.meta.url).pathname;

let srv: Running;
let connect: ConnectClient;
let p: ConnectParticipantClient;
before(async () => {
  srv = await startServer();
  connect = srv.connect();
  p = participantClient(srv.url);
});
after(async () => {
  p.destroy();
  await srv.stop();
});

/** The js block of the README's "Participants and the WebSocket" section. */
function readmeSnippet(): string {
  const readme = readFileSync(new URL("README.md", `file://${ROOT}`), "utf8");
  const section = readme.slice(readme.indexOf("## Participants and the WebSocket"));
  const m = /```js\n([\s\S]*?)```/.exec(section);
  assert.ok(m, "the README has the chatjs snippet");
  return m[1];
}

// What Node 21+ defines (lib/internal/navigator.js): a getter-only global, no onLine.
const NODE22_NAVIGATOR = `if (globalThis.navigator === undefined) {
  const navigator = { hardwareConcurrency: 2, language: "en-US", platform: "linux", userAgent: "Node.js/22" };
  Object.defineProperty(globalThis, "navigator", { get: () => navigator, enumerable: true, configurable: true });
}
`;

test("the README's chatjs snippet, run as written on Node 22+ globals, prints a message sent as soon as connect() resolved", async () => {
  const start = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Reader" } }));
  const agent = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: start.ContactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Alice" } }));
  const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: agent.ParticipantCredentials!.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  const snippet = readmeSnippet();
  assert.ok(snippet.includes("http://127.0.0.1:8700"));
  const script = [
    NODE22_NAVIGATOR,
    "const { contactId, participantId, participantToken } = JSON.parse(process.env.CHAT);",
    snippet.replace("http://127.0.0.1:8700", srv.url),
    'console.log("CONNECTED");',
  ].join("\n");
  const chat = JSON.stringify({ contactId: start.ContactId, participantId: start.ParticipantId, participantToken: start.ParticipantToken });
  // -e: bare specifiers ("ws", "amazon-connect-chatjs") resolve from the cwd, the repository, as a user's script would.
  const child = spawn(process.env.CHATJS_NODE ?? process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, env: { ...process.env, CHAT: chat }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  const seen: { pred: (s: string) => boolean; ok: () => void }[] = [];
  child.stdout.on("data", (c) => {
    out += c;
    for (const w of [...seen]) if (w.pred(out)) w.ok();
  });
  child.stderr.on("data", (c) => (err += c));
  const printed = (pred: (s: string) => boolean, ms: number, what: string) =>
    new Promise<void>((ok, fail) => {
      if (pred(out)) return ok();
      const t = setTimeout(() => fail(new Error(`${what} not printed within ${ms} ms; stdout: ${out.slice(-500)}; stderr: ${err.slice(-500)}`)), ms);
      seen.push({ pred, ok: () => (clearTimeout(t), ok()) });
    });
  try {
    await printed((s) => s.includes("CONNECTED\n"), 20_000, "CONNECTED (connect() resolved)");
    await p.send(new SendMessageCommand({ ConnectionToken: conn.ConnectionCredentials!.ConnectionToken, ContentType: "text/plain", Content: "hello, reader" }));
    await printed((s) => s.includes("AGENT hello, reader\n"), 10_000, "the agent's message");
  } finally {
    child.kill();
  }
});
