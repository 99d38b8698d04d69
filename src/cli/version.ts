// --version: one line in the AWS CLI's format `<tool>/<version> <runtime>/<version> <System>/<release> <lib>/<version>`.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { release } from "node:os";

const SYSTEMS: Record<string, string> = { linux: "Linux", darwin: "Darwin", win32: "Windows" };

function packageVersion(): string {
  // Walk up from this file to the project's package.json (works from src/, dist/ and a bundle).
  let dir = new URL(".", import.meta.url);
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL("package.json", dir), "utf8"));
      if (pkg.name === "connect-chat") return pkg.version;
    } catch {
      // not here; go up
    }
    dir = new URL("..", dir);
  }
  return "0.0.0";
}

function sdkVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    const main = require.resolve("@aws-sdk/client-connect");
    const root = main.slice(0, main.lastIndexOf("client-connect") + "client-connect".length);
    return JSON.parse(readFileSync(`${root}/package.json`, "utf8")).version;
  } catch {
    return "unknown";
  }
}

export function versionLine(): string {
  const system = SYSTEMS[process.platform] ?? process.platform;
  return `connect-chat/${packageVersion()} Node.js/${process.versions.node} ${system}/${release()} aws-sdk-js/${sdkVersion()}`;
}
