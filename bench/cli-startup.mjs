// CLI start-up for npm run bench: median wall time of `send-chat-integration-event --generate-cli-skeleton` for
// bin/connect-chat, `aws connect` (AWS CLI v1) and `node -e 0`, and of a full signed send to a loopback stub.
// Every command runs with a throwaway HOME and proxies at a closed loopback port: nothing can reach AWS.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { dirname, join } from "node:path";
import { median } from "./lib.mjs";

/** A loopback endpoint answering every request like SendChatIntegrationEvent, in its own process (spawnSync below blocks ours). */
async function startSendStub() {
  const code = `require("node:http").createServer((q, s) => { q.resume(); q.on("end", () => { s.writeHead(200, { "content-type": "application/json" }); s.end('{"InitialContactId":"c-1","NewChatCreated":true}'); }); }).listen(0, "127.0.0.1", function () { console.log(this.address().port); });`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.once("data", (d) => resolve(Number(String(d).trim())));
    child.once("exit", () => reject(new Error("send stub exited")));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

export async function cliStartup({ work, bin, runs: count }) {
  const home = mkdtempSync(join(work, "home-"));
  const env = {
    PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
    HOME: home,
    LANG: "C.UTF-8",
    AWS_CONFIG_FILE: join(home, "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ACCESS_KEY_ID: "AKIDBENCH",
    AWS_SECRET_ACCESS_KEY: "bench-secret",
    AWS_DEFAULT_REGION: "us-east-1",
    HTTPS_PROXY: "http://127.0.0.1:9",
    HTTP_PROXY: "http://127.0.0.1:9",
    NO_PROXY: "127.0.0.1",
    PYENV_VERSION: process.env.PYENV_VERSION,
    PYENV_ROOT: process.env.PYENV_ROOT,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const time = (cmd, args) => {
    const once = () => {
      const t = performance.now();
      const r = spawnSync(cmd, args, { env, encoding: "utf8", timeout: 30_000 });
      const ms = performance.now() - t;
      if (r.status !== 0) return { error: (r.error?.message ?? r.stderr ?? "").trim().split("\n")[0] || `exit ${r.status}` };
      try {
        if (args.includes("--generate-cli-skeleton")) JSON.parse(r.stdout);
      } catch {
        return { error: "the skeleton is not JSON" };
      }
      return { ms };
    };
    const first = once(); // also warms the file cache; not counted
    if (first.error) return { available: false, error: first.error };
    const runs = [];
    for (let i = 0; i < count; i++) {
      const r = once();
      if (r.error) return { available: false, error: r.error };
      runs.push(r.ms);
    }
    return { available: true, medianMs: median(runs), minMs: Math.min(...runs), runs: runs.length };
  };
  const skeleton = ["send-chat-integration-event", "--generate-cli-skeleton"];
  const r = {
    nodeBare: time(process.execPath, ["-e", "0"]),
    connectChat: time(bin, skeleton),
    aws: time("aws", ["connect", ...skeleton]),
  };
  if (r.connectChat.available && r.aws.available) r.connectChatOverAws = r.connectChat.medianMs / r.aws.medianMs;
  if (r.connectChat.available && r.nodeBare.available) r.connectChatOverNode = r.connectChat.medianMs / r.nodeBare.medianMs;
  // The full path: a signed SendChatIntegrationEvent to a loopback endpoint (SDK loaded, request, answer).
  const stub = await startSendStub();
  try {
    const send = ["send-chat-integration-event", "--endpoint-url", stub.url, "--source-id", "+14155550100", "--destination-id", "d-1", "--event", "Type=MESSAGE,ContentType=text/plain,Content=hi"];
    r.send = { connectChat: time(bin, send), aws: time("aws", ["connect", ...send]) };
    if (r.send.connectChat.available && r.send.aws.available) r.send.connectChatOverAws = r.send.connectChat.medianMs / r.send.aws.medianMs;
  } finally {
    stub.stop();
  }
  return r;
}
