// The browser tests' launcher finds a Chromium on a machine that has none: CHROMIUM_PATH, the machine's, else the
// one inside the @sparticuz/chromium npm package — which then really renders a page served from loopback.
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "../support/chromium.js";

const scratch = mkdtempSync(join(tmpdir(), "chromium-find-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

test("CHROMIUM_PATH wins, and a wrong one is an error rather than another browser", async () => {
  const fake = join(scratch, "my-chromium");
  writeFileSync(fake, "#!/bin/sh\n");
  chmodSync(fake, 0o755);
  assert.deepEqual(await findChromium({ CHROMIUM_PATH: fake }, []), { path: fake, source: "CHROMIUM_PATH" });
  await assert.rejects(findChromium({ CHROMIUM_PATH: join(scratch, "missing") }, []), /CHROMIUM_PATH=.*missing is not an executable file/);
});

test("the machine's Chromium is found by name in the system directories", async () => {
  const dir = mkdtempSync(join(scratch, "bin-"));
  writeFileSync(join(dir, "chromium-browser"), "#!/bin/sh\n");
  chmodSync(join(dir, "chromium-browser"), 0o755);
  assert.deepEqual(await findChromium({}, [join(scratch, "empty"), dir]), { path: join(dir, "chromium-browser"), source: "system" });
});

test("with no system Chromium and no CHROMIUM_PATH, the packaged one launches and renders a loopback page", async (t) => {
  const found = await findChromium({ PATH: "/nonexistent" }, []);
  assert.equal(found.source, "@sparticuz/chromium");
  const server = createServer((_req, res) => res.end("<!doctype html><title>t</title><p id=p>rendered by chromium</p>"));
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  t.after(() => server.close());
  const browser = await chromium.launch({ executablePath: found.path, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    assert.equal(await page.textContent("#p"), "rendered by chromium");
    assert.match(browser.version(), /^\d+\./);
  } finally {
    await browser.close();
  }
});
