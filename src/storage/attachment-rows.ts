// Attachment records ⇄ rows of the attachments table, shared by the SQLite and PostgreSQL adapters.
import type { AttachmentRecord } from "../domain/attachments.js";

export interface AttachmentRow {
  id: string;
  initial_contact_id: string;
  contact_id: string;
  participant_id: string;
  participant_role: string;
  name: string;
  content_type: string;
  size: number | string;
  status: string;
  created_at: number | string;
  completed_at: number | string | null;
}

/** Column values in the INSERT's order. */
export const attachmentValues = (a: AttachmentRecord) => [
  a.id, a.initialContactId, a.contactId, a.participantId, a.participantRole, a.name, a.contentType, a.size, a.status, a.createdAt, a.completedAt ?? null,
];

/** PostgreSQL answers BIGINT as a string: every number goes through Number(). */
export const attachmentFrom = (r: AttachmentRow): AttachmentRecord => ({
  id: r.id,
  initialContactId: r.initial_contact_id,
  contactId: r.contact_id,
  participantId: r.participant_id,
  participantRole: r.participant_role as AttachmentRecord["participantRole"],
  name: r.name,
  contentType: r.content_type,
  size: Number(r.size),
  status: r.status as AttachmentRecord["status"],
  createdAt: Number(r.created_at),
  ...(r.completed_at === null ? {} : { completedAt: Number(r.completed_at) }),
});

export const INSERT_ATTACHMENT = `INSERT INTO attachments (id, initial_contact_id, contact_id, participant_id, participant_role, name, content_type, size, status, created_at, completed_at)`;
