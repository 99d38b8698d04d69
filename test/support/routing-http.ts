// Shared by the routing interop tests: a bounded wait for the matcher (it runs after commits and on its poll), and a
// SigV4-signed request to one of our JSON extensions (POST /contact/accept, reject, complete-work, the quick
// responses), which the SDKs do not know.
import assert from "node:assert/strict";
import { request } from "node:http";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { KEY, REGION } from "./server.js";

/** Waits (bounded, 10 s) until `probe` answers something other than undefined; a probe that throws fails the wait. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`gave up waiting for ${what}`);
}

/** POSTs `body` to `path` on the server at `port`, signed with the test key; the status and the parsed answer. */
export const signedPost = (port: number, path: string, body: Record<string, unknown>) => signedRequest(port, "POST", path, body);

/** Any method, signed with `credentials` (default: a copy of the test key; the SDK marks an object it is given with $source). */
export async function signedRequest(
  port: number,
  method: string,
  path: string,
  body: Record<string, unknown> | undefined,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = { ...KEY },
): Promise<{ status: number; json: any; headers: Record<string, unknown> }> {
  const text = body === undefined ? "" : JSON.stringify(body);
  const signer = new SignatureV4({ credentials, region: REGION, service: "connect", sha256: Hash.bind(null, "sha256") });
  const req = await signer.sign({ method, protocol: "http:", hostname: "127.0.0.1", port, path, query: {}, headers: { host: `127.0.0.1:${port}`, "content-type": "application/json" }, body: text });
  return new Promise((ok, fail) => {
    const r = request({ host: "127.0.0.1", port, method, path, headers: req.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (x) => chunks.push(x));
      res.on("end", () => ok({ status: res.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"), headers: res.headers }));
    });
    r.on("error", fail);
    r.end(text);
  });
}
