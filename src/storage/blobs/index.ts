// Opens the attachment blob store the configuration names: a local directory (default) or an S3 API. The local
// store also answers its own signed URLs (src/http/attachment-urls.ts), so app.ts gets it back as `local`.
import { resolve } from "node:path";
import type { AttachmentsConfig } from "../../config-attachments.js";
import type { AttachmentBlobs, AttachmentRecord } from "../../domain/attachments.js";
import { LocalBlobs } from "./local.js";
import { S3Blobs } from "./s3.js";

export const DEFAULT_ATTACHMENT_DIR = "./data/attachments";

export interface OpenedBlobs {
  blobs: AttachmentBlobs;
  local?: LocalBlobs;
  close(): void;
}

export function openAttachmentBlobs(config: AttachmentsConfig | undefined, now: () => number): OpenedBlobs {
  const store = config?.store;
  if (store && "s3" in store) {
    const s3 = new S3Blobs(store.s3, now);
    return { blobs: s3, close: () => s3.close() };
  }
  const local = new LocalBlobs(resolve(store?.dir ?? DEFAULT_ATTACHMENT_DIR), store?.secret, now);
  return { blobs: local, local, close: () => undefined };
}

/**
 * The public download link of an attachment, for channels that cannot carry the file itself (an agent's attachment
 * in an SMS chat goes out as this link, or as MMS where the provider takes a media URL). `publicUrl` is
 * server.publicUrl: the phone must reach it. S3 stores ignore it (their URLs are the bucket's).
 */
export function attachmentLink(blobs: AttachmentBlobs, a: AttachmentRecord, publicUrl: string, ttlMs: number, now: number): Promise<string> {
  return blobs.downloadUrl(a, now + ttlMs, publicUrl);
}
