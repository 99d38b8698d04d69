// CLI start-up benchmark: median wall time of `connect-chat` vs the real `aws` (when installed) for the
// skeleton path (no SDK) and a full send against the loopback stub, with the ratio ours/aws measured in the
// same run. Run after building (npm run build && node scripts/cli-build.mjs):
//   node --import tsx scripts/cli-bench.mjs [runs]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startStub } from "../test/cli/stub.ts";

const runs = Number(process.argv[2] ?? 7);
const bin = new URL("../bin/connect-chat", import.meta.url).pathname;
const home = mkdtempSync(join(tmpdir(), "cc-bench-"));
const env = {
  PATH: process.env.PATH, HOME: home, LANG: "C.UTF-8",
  AWS_CONFIG_FILE: join(home, "config"), AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
  AWS_EC2_METADATA_DISABLED: "true", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_DEFAULT_REGION: "us-east-1",
  // Nothing here may leave the machine: no endpoint → a closed proxy port.
  HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9", NO_PROXY: "127.0.0.1",
};
const hasAws = spawnSync("aws", ["--version"], { env }).status === 0;
const stub = await startStub();

// Asynchronous spawn: the stub answers from this very process.
const once = (cmd, args) =>
  new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - t) / 1e6) : reject(new Error(`${cmd} ${args.join(" ")}: ${err}`))));
  });
const median = async (cmd, args) => {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await once(cmd, args));
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
};

const skeleton = ["send-chat-integration-event", "--generate-cli-skeleton"];
const send = ["send-chat-integration-event", "--endpoint-url", `${stub.url}/c/bench/ok`, "--source-id", "+14155550100", "--destination-id", "d", "--event", "Type=MESSAGE,ContentType=text/plain,Content=hi"];
const rows = [["node -e 0", await median(process.execPath, ["-e", "0"]), null]];
for (const [name, args] of [["skeleton", skeleton], ["send", send]]) {
  const ours = await median(process.execPath, [bin, ...args]);
  const aws = hasAws ? await median("aws", ["connect", ...args]) : null;
  rows.push([`cli ${name}`, ours, aws]);
}
await stub.close();
for (const [name, ours, aws] of rows) {
  console.log(`${name.padEnd(14)} ours ${ours.toFixed(0).padStart(5)} ms` + (aws ? `   aws ${aws.toFixed(0).padStart(5)} ms   ratio ${(ours / aws).toFixed(2)}` : ""));
}
