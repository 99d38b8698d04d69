// Chat attachments as the participant service has them: StartAttachmentUpload records an IN_PROGRESS attachment,
// CompleteAttachmentUpload approves it (once its bytes are stored at the declared size) and appends the ATTACHMENT
// item, GetAttachment says who may read it. The bytes live in a blob store outside the domain (AttachmentBlobs).
import { AccessDeniedException, ConflictException, ServiceQuotaExceededException, ValidationException } from "../api/errors.js";
import { ChatBase, type DomainEnv, type Journal } from "./chat-base.js";
import type { Me } from "./participants.js";
import { checkSmsOptOut } from "./sms-keywords.js";
import type { ParticipantRole } from "./types.js";
import type { TxStore } from "./ports.js";

export type AttachmentStatus = "IN_PROGRESS" | "APPROVED" | "REJECTED";

export interface AttachmentRecord {
  id: string;
  contactId: string;
  initialContactId: string;
  participantId: string;
  /** The uploader's role: a CUSTOM_BOT may not read what the customer sent. */
  participantRole: ParticipantRole;
  name: string;
  contentType: string;
  size: number;
  status: AttachmentStatus;
  createdAt: number;
  completedAt?: number;
}

export interface AttachmentTxStore {
  /** Inserts a new attachment (ids are fresh: no conflict expected). */
  insertAttachment(a: AttachmentRecord): Promise<void>;
  attachment(id: string): Promise<AttachmentRecord | undefined>;
  /** Writes status and completedAt back. */
  updateAttachment(a: AttachmentRecord): Promise<void>;
}

/** Where the bytes go (a local directory or an S3 API): pre-signed URLs, and what was uploaded. */
export interface AttachmentBlobs {
  /** A URL the client PUTs the bytes to, with the headers it must send. `base`: this server's public http(s) base. */
  uploadUrl(a: AttachmentRecord, expiresAt: number, base: string): Promise<{ url: string; headers: Record<string, string> }>;
  /** A URL that GETs the bytes until expiresAt. */
  downloadUrl(a: AttachmentRecord, expiresAt: number, base: string): Promise<string>;
  /** The stored size of an attachment's bytes; undefined when nothing (complete) was uploaded. */
  size(id: string): Promise<number | undefined>;
  /** Removes an attachment's bytes (retention of uploads never completed); nothing there is fine. */
  delete(id: string): Promise<void>;
}

export interface AttachmentRules {
  maxBytes: number;
  contentTypes: readonly string[];
}

/** Amazon Connect's feature specifications: 20 MB; .csv .doc .docx .heic .jfif .jpeg .jpg .mov .mp4 .pdf .png .ppt .pptx .rtf .txt .wav .xls .xlsx */
export const CONNECT_ATTACHMENT_RULES: AttachmentRules = {
  maxBytes: 20 * 1024 * 1024,
  contentTypes: [
    "text/csv",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "image/heic",
    "image/jpeg",
    "video/quicktime",
    "video/mp4",
    "application/pdf",
    "image/png",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/rtf",
    "text/plain",
    "audio/wav",
    "audio/x-wav",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ],
};

/** Connect hands out upload URLs for a short while; GetAttachment's UrlExpiryInSeconds defaults to its maximum, 300. */
export const UPLOAD_URL_MS = 300_000;
export const DOWNLOAD_URL_DEFAULT_S = 300;

export class Attachments extends ChatBase {
  constructor(tx: TxStore, env: DomainEnv, journal: Journal, private readonly rules: AttachmentRules) {
    super(tx, env, journal);
  }

  /** StartAttachmentUpload: checks type and size, records the attachment IN_PROGRESS. */
  async start(me: Me, contentType: string, size: number, name: string): Promise<AttachmentRecord> {
    if (!this.rules.contentTypes.includes(contentType))
      throw new ValidationException(`ContentType '${contentType}' is not a supported attachment type`);
    // A quota, not a malformed request: Connect's attachment size limit (feature specifications).
    if (size > this.rules.maxBytes)
      throw new ServiceQuotaExceededException(`AttachmentSizeInBytes ${size} exceeds the maximum attachment size of ${this.rules.maxBytes} bytes`);
    const a: AttachmentRecord = {
      id: this.env.ids.itemId(),
      contactId: me.chat.id,
      initialContactId: me.chat.initialContactId,
      participantId: me.participant.id,
      participantRole: me.participant.role,
      name,
      contentType,
      size,
      status: "IN_PROGRESS",
      createdAt: this.env.clock.now(),
    };
    await this.tx.insertAttachment(a);
    return a;
  }

  /**
   * CompleteAttachmentUpload: `uploaded` is the stored size of the bytes (read from the blob store before the
   * transaction: no I/O while it holds the writer). Approves the attachment and appends the ATTACHMENT item.
   */
  async complete(me: Me, id: string, uploaded: number | undefined): Promise<void> {
    const a = await this.tx.attachment(id);
    if (!a || a.initialContactId !== me.chat.initialContactId || a.participantId !== me.participant.id)
      throw new ValidationException(`AttachmentId '${id}' is not an upload of this participant`);
    // Not in progress: completed before, or being purged as an upload never completed (retention.ts marks it).
    if (a.status !== "IN_PROGRESS") throw new ConflictException(a.status === "APPROVED" ? `Attachment '${id}' was already completed` : `Attachment '${id}' expired: its upload was never completed`);
    if (uploaded === undefined) throw new ValidationException(`Attachment '${id}' has not been uploaded`);
    if (uploaded !== a.size) throw new ValidationException(`Attachment '${id}' has ${uploaded} bytes; ${a.size} were declared`);
    // On an SMS chat the attachment goes out to the phone (MMS or a link): not to a number that texted STOP.
    await checkSmsOptOut(this.tx, me.chat, me.participant.role);
    const done: AttachmentRecord = { ...a, status: "APPROVED", completedAt: this.env.clock.now() };
    await this.tx.updateAttachment(done);
    const Attachments = [{ ContentType: a.contentType, AttachmentId: a.id, AttachmentName: a.name, Status: "APPROVED" as const }];
    await this.append(me.chat, { Type: "ATTACHMENT", ContentType: a.contentType, Attachments }, me.participant, "ALL", true);
  }

  /** GetAttachment: an approved attachment of the caller's chat; a CUSTOM_BOT may not read the customer's. */
  async readable(me: Me, id: string): Promise<AttachmentRecord> {
    const a = await this.tx.attachment(id);
    if (!a || a.initialContactId !== me.chat.initialContactId) throw new ValidationException(`AttachmentId '${id}' is not an attachment of this chat`);
    if (me.participant.role === "CUSTOM_BOT" && a.participantRole === "CUSTOMER") throw new AccessDeniedException("A custom bot may not read the customer's attachments");
    if (a.status !== "APPROVED") throw new ValidationException(`Attachment '${id}' is not available (${a.status})`);
    return a;
  }
}
