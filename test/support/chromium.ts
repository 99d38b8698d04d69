// Which Chromium the browser tests drive, without downloading one: CHROMIUM_PATH if set, else the machine's
// (Debian's /usr/bin/chromium, or chromium / chromium-browser / google-chrome on the PATH), else the binary that the
// @sparticuz/chromium devDependency ships inside its npm package (unpacked to the temp dir on first use).
import { accessSync, constants, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

export interface FoundChromium {
  path: string;
  /** Where it came from, for the test's log and the README. */
  source: "CHROMIUM_PATH" | "system" | "@sparticuz/chromium";
}

const SYSTEM_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where the machine's Chromium is looked for: /usr/bin first (Debian's package), then the PATH. */
export const systemDirs = (env: NodeJS.ProcessEnv = process.env) => ["/usr/bin", ...(env.PATH ?? "").split(delimiter).filter(Boolean)];

export function systemChromium(dirs: readonly string[]): string | undefined {
  for (const dir of dirs) for (const name of SYSTEM_NAMES) if (executable(join(dir, name))) return join(dir, name);
  return undefined;
}

export async function findChromium(env: NodeJS.ProcessEnv = process.env, dirs = systemDirs(env)): Promise<FoundChromium> {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    // A path that was asked for and is wrong is an error, not a reason to quietly use another browser.
    if (!executable(configured)) throw new Error(`CHROMIUM_PATH=${configured} is not an executable file`);
    return { path: configured, source: "CHROMIUM_PATH" };
  }
  const system = systemChromium(dirs);
  if (system) return { path: system, source: "system" };
  return { path: await unpackedOnce(), source: "@sparticuz/chromium" };
}

/**
 * The package's binary is brotli-packed in its bin/ folder; executablePath() unpacks it to the temp dir and takes
 * any file already there as done. Test files run in parallel processes: two of them unpacking at once made one
 * exec a half-written binary (spawn ETXTBSY). So one process at a time unpacks, under a lock directory, and marks
 * the unpack finished; a binary without the mark (a process killed mid-unpack) is unpacked again.
 */
async function unpackedOnce(): Promise<string> {
  const { default: packaged } = await import("@sparticuz/chromium");
  const done = join(tmpdir(), "chromium.unpacked");
  if (existsSync(done)) return packaged.executablePath();
  const lock = join(tmpdir(), "chromium.unpack-lock");
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      // A lock older than two minutes belongs to a process that died holding it.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 100));
      if (existsSync(done)) return packaged.executablePath();
    }
  }
  try {
    if (!existsSync(done)) rmSync(join(tmpdir(), "chromium"), { force: true });
    const path = await packaged.executablePath();
    writeFileSync(done, path);
    return path;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Flags for a headless run that never leaves loopback: no background networking, updates or sync, and a proxy at
 * a closed port for anything that is not loopback (which Chromium never proxies).
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--proxy-server=http://127.0.0.1:9",
];
