// The local attachment store's pre-signed URLs: PUT /attachments/{id}?…&signature= uploads the bytes (the declared
// type and size, no more), GET downloads them. Errors carry S3's codes (clients of pre-signed URLs expect those).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import { AwsError } from "../api/errors.js";
import { sendError } from "./errors.js";

export const ATTACHMENT_PATH = "/attachments/";

/** What the local blob store offers this endpoint (storage/blobs/local.ts). */
export interface SignedBlobs {
  check(method: "PUT" | "GET", id: string, q: URLSearchParams): { contentType: string; size?: number; name?: string } | undefined;
  write(id: string, body: Readable, size: number): Promise<"ok" | "too-large" | "short" | "exists">;
  read(id: string): { stream: Readable; size: number } | undefined;
}

export const isAttachmentPath = (url: string) => url.startsWith(ATTACHMENT_PATH);

const fail = (res: ServerResponse, status: number, code: string, message: string) => sendError(res, new AwsError(code, status, message), { connection: "close" });

export async function serveAttachment(req: IncomingMessage, res: ServerResponse, blobs: SignedBlobs): Promise<void> {
  const url = new URL(req.url ?? "/", "http://local");
  const id = decodeURIComponent(url.pathname.slice(ATTACHMENT_PATH.length));
  const method = req.method === "PUT" ? "PUT" : req.method === "GET" || req.method === "HEAD" ? "GET" : undefined;
  if (!method) return fail(res, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
  const signed = blobs.check(method, id, url.searchParams);
  if (!signed) return fail(res, 403, "AccessDenied", "Request has expired or its signature does not match");
  if (method === "GET") {
    const blob = blobs.read(id);
    if (!blob) return fail(res, 404, "NoSuchKey", "The specified key does not exist.");
    blob.stream.on("error", () => res.destroy());
    const disposition = signed.name ? { "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(signed.name)}` } : {};
    res.writeHead(200, { "content-type": signed.contentType, "content-length": blob.size, ...disposition });
    if (req.method === "HEAD") {
      blob.stream.destroy();
      res.end();
      return;
    }
    blob.stream.pipe(res);
    return;
  }
  const size = signed.size ?? 0;
  // The type the upload was started with, as S3 checks a signed Content-Type header.
  if ((req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase() !== signed.contentType.toLowerCase())
    return fail(res, 403, "AccessDenied", `Content-Type must be ${signed.contentType}`);
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > size) return fail(res, 400, "EntityTooLarge", `Your proposed upload exceeds the declared size of ${size} bytes`);
  req.on("error", () => undefined);
  const r = await blobs.write(id, req, size).catch(() => "error" as const);
  if (r === "ok") {
    res.writeHead(200, { "content-length": 0 });
    res.end();
  } else if (r === "too-large") fail(res, 400, "EntityTooLarge", `Your upload exceeds the declared size of ${size} bytes`);
  else if (r === "short") fail(res, 400, "IncompleteBody", `You did not provide the number of bytes declared (${size})`);
  else if (r === "exists") fail(res, 403, "AccessDenied", "This upload URL was already used");
  else fail(res, 500, "InternalError", "The upload could not be stored");
}
