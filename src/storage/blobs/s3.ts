// Attachment bytes in any S3 API (AWS, MinIO, moto…): pre-signed PUT and GET URLs from the SDK's presigner, the
// stored size from HeadObject. The PUT URL signs Content-Type and Content-Length, so S3 refuses other bytes.
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { AttachmentBlobs, AttachmentRecord } from "../../domain/attachments.js";

export interface S3BlobOptions {
  bucket: string;
  prefix?: string;
  endpoint?: string;
  region?: string;
  forcePathStyle?: boolean;
}

export class S3Blobs implements AttachmentBlobs {
  private readonly s3: S3Client;
  constructor(private readonly o: S3BlobOptions, private readonly now: () => number) {
    this.s3 = new S3Client({ region: o.region ?? "us-east-1", ...(o.endpoint ? { endpoint: o.endpoint } : {}), forcePathStyle: o.forcePathStyle ?? !!o.endpoint });
  }

  private key(id: string) {
    return `${this.o.prefix ?? "attachments/"}${id}`;
  }

  private seconds(expiresAt: number) {
    return Math.max(1, Math.floor((expiresAt - this.now()) / 1000));
  }

  async uploadUrl(a: AttachmentRecord, expiresAt: number) {
    const cmd = new PutObjectCommand({ Bucket: this.o.bucket, Key: this.key(a.id), ContentType: a.contentType, ContentLength: a.size });
    // Content-Type and Content-Length are signed headers: an upload of another type or size fails its signature.
    const url = await getSignedUrl(this.s3, cmd, { expiresIn: this.seconds(expiresAt), signableHeaders: new Set(["content-type", "content-length"]) });
    return { url, headers: { "Content-Type": a.contentType } };
  }

  async downloadUrl(a: AttachmentRecord, expiresAt: number) {
    const cmd = new GetObjectCommand({ Bucket: this.o.bucket, Key: this.key(a.id), ResponseContentType: a.contentType });
    return getSignedUrl(this.s3, cmd, { expiresIn: this.seconds(expiresAt) });
  }

  async size(id: string): Promise<number | undefined> {
    try {
      const h = await this.s3.send(new HeadObjectCommand({ Bucket: this.o.bucket, Key: this.key(id) }));
      return h.ContentLength;
    } catch (e) {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || status === 403) return undefined;
      throw e;
    }
  }

  /** DeleteObject answers 204 whether or not the key exists. */
  async delete(id: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.o.bucket, Key: this.key(id) }));
  }

  close() {
    this.s3.destroy();
  }
}
