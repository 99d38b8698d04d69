// GetAttachment — a pre-signed download URL for an approved attachment of the caller's chat (UrlExpiryInSeconds,
// 5–300, default 300). A CUSTOM_BOT may not read the customer's attachments (AccessDeniedException).
import { iso } from "../domain/chat-base.js";
import { DOWNLOAD_URL_DEFAULT_S } from "../domain/attachments.js";
import type { Handler } from "./context.js";

export const GetAttachment: Handler<"GetAttachment"> = async (input, ctx) => {
  const a = await ctx.tx(({ attachments, me }) => attachments.readable(me, input.AttachmentId!));
  const expiresAt = ctx.now() + (input.UrlExpiryInSeconds ?? DOWNLOAD_URL_DEFAULT_S) * 1000;
  const url = await ctx.blobs.downloadUrl(a, expiresAt, ctx.httpBase);
  return { Url: url, UrlExpiry: iso(expiresAt), AttachmentSizeInBytes: a.size };
};
