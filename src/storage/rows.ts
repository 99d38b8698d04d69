// Row ⇄ record mapping shared by the SQL adapters: indexed columns plus the full record as JSON.
import type { Contact, Item, Participant } from "../domain/types.js";

export function contactRow(c: Contact) {
  return {
    id: c.id,
    account_id: c.accountId,
    instance_id: c.instanceId,
    initial_contact_id: c.initialContactId,
    state: c.state,
    destination_id: c.identity?.destinationId ?? null,
    source_id: c.identity?.sourceId ?? null,
    subtype_key: c.identity?.subtypeKey ?? null,
    expires_at: c.expiresAt,
    data: JSON.stringify(c),
  };
}

export const contactFrom = (row: { data: string }): Contact => JSON.parse(row.data) as Contact;
export const participantFrom = (row: { data: string }): Participant => JSON.parse(row.data) as Participant;

export function itemFrom(row: { position: number | string; contact_id: string; initial_contact_id: string; persisted: number | boolean; visibility: string; body: string }): Item {
  return {
    position: Number(row.position),
    contactId: row.contact_id,
    initialContactId: row.initial_contact_id,
    persisted: Boolean(row.persisted),
    visibility: row.visibility as Item["visibility"],
    body: JSON.parse(row.body) as Item["body"],
  };
}
