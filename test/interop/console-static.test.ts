// /console/ is served by the server itself: the built page, its hashed assets, config.json without secrets;
// GET/HEAD only, no escape from dist/console, the SigV4 API untouched beside it.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { request } from "node:http";
import { DescribeContactCommand } from "@aws-sdk/client-connect";
import { INSTANCE, KEY, startServer, testConfig, type Running } from "../support/server.js";

const dist = new URL("../../dist/console/", import.meta.url).pathname;
let srv: Running;
before(async () => {
  assert.ok(existsSync(`${dist}index.html`), "dist/console is built (npm run build)");
  srv = await startServer();
});
after(() => srv.stop());

/** Raw requests: fetch would normalise `..` away before it reaches the server. */
function raw(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, any>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${srv.url}${path}`, { method, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("the page, its assets and config.json are served with their types and cache headers", async () => {
  const page = await raw("GET", "/console/");
  assert.equal(page.status, 200);
  assert.match(page.headers["content-type"], /^text\/html/);
  assert.equal(page.headers["cache-control"], "no-cache");
  assert.match(page.headers["content-security-policy"], /default-src 'self'/);
  assert.equal(page.headers["x-content-type-options"], "nosniff");
  assert.equal(page.headers["x-amzn-requestid"], undefined, "not an API answer");
  const script = /src="\/console\/(assets\/[^"]+\.js)"/.exec(page.body)?.[1];
  assert.ok(script, page.body);
  const js = await raw("GET", `/console/${script}`);
  assert.equal(js.status, 200);
  assert.match(js.headers["content-type"], /^text\/javascript/);
  assert.equal(js.headers["cache-control"], "public, max-age=31536000, immutable");
  const css = readdirSync(`${dist}assets`).find((f) => f.endsWith(".css"))!;
  assert.match((await raw("GET", `/console/assets/${css}`)).headers["content-type"], /^text\/css/);

  const again = await raw("GET", `/console/${script}`, { "if-none-match": js.headers.etag });
  assert.equal(again.status, 304);
  const head = await raw("HEAD", "/console/");
  assert.equal(head.status, 200);
  assert.equal(head.body, "");
  assert.equal(Number(head.headers["content-length"]), Buffer.byteLength(page.body));

  const cfg = await raw("GET", "/console/config.json");
  assert.equal(cfg.status, 200);
  const times = { offerSeconds: 30, acwSeconds: 60 };
  assert.deepEqual(JSON.parse(cfg.body), {
    region: "us-east-1",
    instances: [INSTANCE, "99999999-2222-4333-8444-555555555555"],
    routing: { [INSTANCE]: times, "99999999-2222-4333-8444-555555555555": times },
    dispositions: {},
  });
  assert.ok(!cfg.body.includes(KEY.secretAccessKey) && !cfg.body.includes(KEY.accessKeyId), "no keys in config.json");
});

test("paths of the app fall back to index.html; /console redirects; missing assets are 404", async () => {
  const page = await raw("GET", "/console/");
  const deep = await raw("GET", "/console/chat/123?x=1");
  assert.equal(deep.status, 200);
  assert.equal(deep.body, page.body);
  const bare = await raw("GET", "/console");
  assert.equal(bare.status, 301);
  assert.equal(bare.headers.location, "/console/");
  assert.equal((await raw("GET", "/console/assets/nope.js")).status, 404);
});

test("no way out of dist/console: dot segments, encoded slashes and dotfiles are 404", async () => {
  for (const p of ["/console/../package.json", "/console/%2e%2e/%2e%2e/package.json", "/console/assets/..%2f..%2f..%2fpackage.json", "/console/..%5c..%5cpackage.json", "/console/.env", "/console/%00index.html"]) {
    const r = await raw("GET", p);
    assert.equal(r.status, 404, p);
    assert.ok(!r.body.includes('"name": "connect-chat"'), p);
  }
  assert.equal((await raw("GET", "/console/%E0%A4%A")).status, 400);
});

test("only GET and HEAD; the API beside it still requires SigV4", async () => {
  const post = await raw("POST", "/console/");
  assert.equal(post.status, 405);
  assert.equal(post.headers.allow, "GET, HEAD");
  const unsigned = await raw("GET", `/contacts/${INSTANCE}/abc`);
  assert.equal(unsigned.status, 403);
  assert.equal(unsigned.headers["x-amzn-errortype"]?.split(":")[0], "MissingAuthenticationTokenException");
  assert.equal((await raw("GET", "/consoles")).status, 404, "a neighbour path is not the console");
  await assert.rejects(srv.connect().send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: "nope" })), (e: any) => e.name === "ResourceNotFoundException");
});

test("server.console: false turns the console off", async () => {
  const off = await startServer({ config: testConfig({ server: { console: false } }) });
  const r = await fetch(`${off.url}/console/`);
  assert.equal(r.status, 404);
  assert.equal(r.headers.get("x-amzn-errortype")?.split(":")[0], "UnknownOperationException");
  await off.stop();
});

/** A raw GET with the body as bytes (compressed answers are not text). */
function rawBytes(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, any>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${srv.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("text files go out precompressed (brotli, else gzip) with Vary, an ETag per encoding, and immutable caching for hashed assets", async () => {
  const { brotliDecompressSync, gunzipSync } = await import("node:zlib");
  const page = await raw("GET", "/console/");
  const script = /src="\/console\/(assets\/[^"]+\.js)"/.exec(page.body)![1];
  const plain = await rawBytes(`/console/${script}`);
  assert.equal(plain.headers["content-encoding"], undefined, "no Accept-Encoding: the file as it is");
  assert.equal(plain.headers.vary, "Accept-Encoding");

  const br = await rawBytes(`/console/${script}`, { "accept-encoding": "gzip, deflate, br, zstd" });
  assert.equal(br.status, 200);
  assert.equal(br.headers["content-encoding"], "br");
  assert.equal(br.headers.vary, "Accept-Encoding");
  assert.equal(br.headers["cache-control"], "public, max-age=31536000, immutable");
  assert.equal(Number(br.headers["content-length"]), br.body.length);
  assert.deepEqual(brotliDecompressSync(br.body), plain.body, "the brotli twin is the same script");
  assert.ok(br.body.length * 3 < plain.body.length, `brotli ${br.body.length} B of ${plain.body.length} B`);
  console.log(`# bundle ${plain.body.length} B, brotli ${br.body.length} B`);

  const gz = await rawBytes(`/console/${script}`, { "accept-encoding": "gzip, br;q=0" });
  assert.equal(gz.headers["content-encoding"], "gzip");
  assert.deepEqual(gunzipSync(gz.body), plain.body);
  const etags = new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]);
  assert.equal(etags.size, 3, `one ETag per encoding: ${[...etags]}`);

  assert.equal((await rawBytes(`/console/${script}`, { "accept-encoding": "br", "if-none-match": br.headers.etag })).status, 304);
  const mismatch = await rawBytes(`/console/${script}`, { "accept-encoding": "gzip", "if-none-match": br.headers.etag });
  assert.equal(mismatch.status, 200, "a brotli ETag does not validate the gzip body");
  assert.equal(mismatch.headers["content-encoding"], "gzip");

  const html = await rawBytes("/console/", { "accept-encoding": "br" });
  assert.equal(html.headers["content-encoding"], "br");
  assert.equal(html.headers["cache-control"], "no-cache", "the page itself revalidates");
  assert.equal(brotliDecompressSync(html.body).toString(), page.body);
  const head = await raw("HEAD", `/console/${script}`, { "accept-encoding": "br" });
  assert.equal(Number(head.headers["content-length"]), br.body.length);
  assert.equal(head.headers["content-encoding"], "br");
});
