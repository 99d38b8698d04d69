// The `attachments` key of the configuration: Connect's limits (overridable) and where the bytes are kept — a local
// directory (default ./data/attachments, served by this server's signed URLs) or an S3 API.
import { z } from "zod";

export const AttachmentsSchema = z
  .strictObject({
    maxBytes: z.number().int().min(1).describe("Largest attachment in bytes (default 20971520, Connect's 20 MB)").optional(),
    contentTypes: z.array(z.string().min(1)).min(1).describe("Accepted MIME types (default Connect's list: png, jpeg, pdf, txt, csv, docx, xlsx, pptx, wav, mp4, …)").optional(),
    store: z
      .union([
        z.strictObject({
          dir: z.string().min(1).describe("Directory for the bytes (default ./data/attachments)"),
          secret: z.string().min(16, "must be at least 16 characters").describe("HMAC key of the signed URLs; the same on every node (default: random per process)").optional(),
        }),
        z.strictObject({
          s3: z.strictObject({
            bucket: z.string().min(3),
            prefix: z.string().describe("Key prefix (default attachments/)").optional(),
            endpoint: z.string().regex(/^https?:\/\//, "must be an http(s) URL").describe("An S3 API other than AWS's (MinIO, moto …)").optional(),
            region: z.string().optional(),
            forcePathStyle: z.boolean().describe("Path-style URLs (default true with an endpoint)").optional(),
          }),
        }),
      ])
      .optional(),
  })
  .describe("Chat attachments (StartAttachmentUpload, CompleteAttachmentUpload, GetAttachment)");
export type AttachmentsConfig = z.infer<typeof AttachmentsSchema>;
