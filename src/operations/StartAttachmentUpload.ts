// StartAttachmentUpload — records the attachment (IN_PROGRESS) and hands out a pre-signed upload URL with the
// headers to send. The URL is signed after the transaction (pure computation, no I/O on the writer's time).
import { iso } from "../domain/chat-base.js";
import { UPLOAD_URL_MS } from "../domain/attachments.js";
import type { Handler } from "./context.js";

export const StartAttachmentUpload: Handler<"StartAttachmentUpload"> = async (input, ctx) => {
  const a = await ctx.tx(({ attachments, me }) => attachments.start(me, input.ContentType!, input.AttachmentSizeInBytes!, input.AttachmentName!));
  // A repeated ClientToken returns the first record; its URL is signed afresh from now.
  const expiresAt = ctx.now() + UPLOAD_URL_MS;
  const { url, headers } = await ctx.blobs.uploadUrl(a, expiresAt, ctx.httpBase);
  return { AttachmentId: a.id, UploadMetadata: { Url: url, UrlExpiry: iso(expiresAt), HeadersToInclude: headers } };
};
