// The attachment calls of the Store port on SQLite (statements prepared once per database).
import type Database from "better-sqlite3";
import type { AttachmentTxStore } from "../../domain/attachments.js";
import { attachmentFrom, attachmentValues, INSERT_ATTACHMENT, type AttachmentRow } from "../attachment-rows.js";

export function sqliteAttachments(db: Database.Database): AttachmentTxStore {
  const s = {
    insert: db.prepare(`${INSERT_ATTACHMENT} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    get: db.prepare<[string], AttachmentRow>("SELECT * FROM attachments WHERE id = ?"),
    update: db.prepare("UPDATE attachments SET status = ?, completed_at = ? WHERE id = ?"),
  };
  return {
    async insertAttachment(a) {
      s.insert.run(...attachmentValues(a));
    },
    async attachment(id) {
      const row = s.get.get(id);
      return row ? attachmentFrom(row) : undefined;
    },
    async updateAttachment(a) {
      s.update.run(a.status, a.completedAt ?? null, a.id);
    },
  };
}
