-- Transferred chats (domain/segments.ts): each contact of a chat's chain is its own contacts row; the new contact's
-- PreviousContactId is kept as a column too, so SearchContacts' InitiationMethods (API or TRANSFER) is a column test.
-- NULL for every contact started otherwise, so nothing is backfilled.
ALTER TABLE contacts ADD COLUMN previous_contact_id TEXT;
