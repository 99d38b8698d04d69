// The attachment calls of the Store port on PostgreSQL: the SQLite adapter's, as named prepared statements.
import type { QueryResultRow } from "pg";
import type { AttachmentTxStore } from "../../domain/attachments.js";
import { attachmentFrom, attachmentValues, INSERT_ATTACHMENT, type AttachmentRow } from "../attachment-rows.js";

type Query = <R extends QueryResultRow>(name: string, text: string, values: unknown[]) => Promise<{ rows: R[] }>;

export function pgAttachments(q: Query): AttachmentTxStore {
  return {
    async insertAttachment(a) {
      await q("cc_attachmentInsert", `${INSERT_ATTACHMENT} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, attachmentValues(a));
    },
    async attachment(id) {
      const { rows } = await q<AttachmentRow>("cc_attachment", "SELECT * FROM attachments WHERE id = $1", [id]);
      return rows[0] ? attachmentFrom(rows[0]) : undefined;
    },
    async updateAttachment(a) {
      await q("cc_attachmentUpdate", "UPDATE attachments SET status = $1, completed_at = $2 WHERE id = $3", [a.status, a.completedAt ?? null, a.id]);
    },
  };
}
