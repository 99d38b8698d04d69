// CompleteAttachmentUpload — approves an uploaded attachment and appends its ATTACHMENT item. The stored size is
// read from the blob store before the transaction (a stat or an S3 HEAD must not hold SQLite's writer).
import type { Handler } from "./context.js";

export const CompleteAttachmentUpload: Handler<"CompleteAttachmentUpload"> = async (input, ctx) => {
  // The model allows exactly one id.
  const id = input.AttachmentIds![0];
  const uploaded = await ctx.blobs.size(id);
  await ctx.tx(({ attachments, me }) => attachments.complete(me, id, uploaded));
  return {};
};
