// Attachment bytes in a local directory, behind URLs this server signs itself (HMAC-SHA256 over method, id, expiry
// and the declared size and type): PUT streams to a temporary file with the declared size as a hard cap, then
// renames it into place; GET streams the file back. The HTTP side is src/http/attachment-urls.ts.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync, statSync } from "node:fs";
import { rename, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { AttachmentBlobs, AttachmentRecord } from "../../domain/attachments.js";

export const ATTACHMENT_URL_PREFIX = "/attachments/";
/** Ids are the server's own (UUIDv7); anything else never names a file. */
const ID = /^[A-Za-z0-9-]{1,128}$/;

export type Checked = { contentType: string; size?: number; name?: string };
export type WriteResult = "ok" | "too-large" | "short" | "exists";

export class LocalBlobs implements AttachmentBlobs {
  private readonly secret: Buffer;
  constructor(
    private readonly dir: string,
    secret: string | undefined,
    private readonly now: () => number,
  ) {
    // Without a configured secret, URLs are valid only on this process (several nodes need `attachments.store.secret`).
    this.secret = secret ? Buffer.from(secret) : randomBytes(32);
  }

  async uploadUrl(a: AttachmentRecord, expiresAt: number, base: string) {
    const q = { expires: String(Math.floor(expiresAt / 1000)), size: String(a.size), type: a.contentType };
    return { url: this.url(base, "PUT", a.id, q), headers: { "Content-Type": a.contentType } };
  }

  async downloadUrl(a: AttachmentRecord, expiresAt: number, base: string) {
    return this.url(base, "GET", a.id, { expires: String(Math.floor(expiresAt / 1000)), type: a.contentType, name: a.name });
  }

  async size(id: string): Promise<number | undefined> {
    if (!ID.test(id)) return undefined;
    return stat(join(this.dir, id)).then((s) => s.size, () => undefined);
  }

  async delete(id: string): Promise<void> {
    if (!ID.test(id)) return;
    await unlink(join(this.dir, id)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
  }

  /** The signed parameters of a URL still valid for `method`; undefined for a tampered or expired one. */
  check(method: "PUT" | "GET", id: string, q: URLSearchParams): Checked | undefined {
    const sig = q.get("signature") ?? "";
    const params = Object.fromEntries([...q].filter(([k]) => k !== "signature"));
    if (!ID.test(id) || !params.expires || !params.type) return undefined;
    const want = Buffer.from(this.sign(method, id, params));
    const got = Buffer.from(sig);
    if (got.length !== want.length || !timingSafeEqual(got, want)) return undefined;
    if (Number(params.expires) * 1000 < this.now()) return undefined;
    return { contentType: params.type, size: params.size === undefined ? undefined : Number(params.size), name: params.name };
  }

  /** Streams `body` to the attachment's file: never more than `size` bytes, never buffered whole. */
  async write(id: string, body: Readable, size: number): Promise<WriteResult> {
    const final = join(this.dir, id);
    if (await this.size(id) !== undefined) return "exists";
    // Made on first upload: a server that never gets one leaves no directory behind.
    mkdirSync(this.dir, { recursive: true });
    const tmp = join(this.dir, `.${id}.${randomBytes(6).toString("hex")}.part`);
    let seen = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        done(seen > size ? new Error("too-large") : null, chunk);
      },
    });
    try {
      await pipeline(body, cap, createWriteStream(tmp));
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      if ((e as Error).message === "too-large") return "too-large";
      throw e;
    }
    if (seen !== size) {
      await unlink(tmp).catch(() => undefined);
      return "short";
    }
    await rename(tmp, final);
    return "ok";
  }

  read(id: string): { stream: Readable; size: number } | undefined {
    const file = join(this.dir, id);
    try {
      return { size: statSync(file).size, stream: createReadStream(file) };
    } catch {
      return undefined;
    }
  }

  private url(base: string, method: string, id: string, params: Record<string, string>): string {
    const q = new URLSearchParams({ ...params, signature: this.sign(method, id, params) });
    return `${base}${ATTACHMENT_URL_PREFIX}${encodeURIComponent(id)}?${q}`;
  }

  private sign(method: string, id: string, params: Record<string, string>): string {
    const canonical = [method, id, ...Object.keys(params).sort().map((k) => `${k}=${params[k]}`)].join("\n");
    return createHmac("sha256", this.secret).update(canonical).digest("base64url");
  }
}
