// `connect-chat serve` as a child process (the built binary), for kill -9 and soak runs.
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";

export const BIN = new URL("../../bin/connect-chat", import.meta.url).pathname;

export interface Served {
  child: ChildProcess;
  url: string;
  port: number;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

export function writeConfig(dir: string, config: unknown): string {
  const file = join(dir, "config.yaml");
  writeFileSync(file, stringify(config));
  return file;
}

/** Starts the server and resolves once it prints its address. */
export function serve(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Served> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"], env });
  let out = "";
  let err = "";
  child.stderr!.on("data", (c) => (err += c));
  const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.once("exit", (code, signal) => r({ code, signal })));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (c) => {
      out += c;
      const m = /connect-chat listening on (http:\/\/127\.0\.0\.1:(\d+))\n/.exec(out);
      if (m) resolve({ child, url: m[1], port: Number(m[2]), stderr: () => err, exited });
    });
    void exited.then(({ code }) => reject(new Error(`connect-chat serve exited ${code}: ${err}`)));
  });
}
