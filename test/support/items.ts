// A customer MESSAGE item of a contact, each with an id of its own, for the storage tests.
import type { Contact, Item } from "../../src/domain/types.js";

let n = 0;
export const messageItem = (c: Contact, text: string): Item => ({
  contactId: c.id,
  initialContactId: c.initialContactId,
  persisted: true,
  visibility: "ALL",
  body: { Id: `${c.id}-i${++n}`, AbsoluteTime: "2026-01-01T00:00:00.000Z", Type: "MESSAGE", ContentType: "text/plain", Content: text },
});
