-- SearchContacts' SearchableSegmentAttributes read contact_attributes rows keyed ["segment","<key>"] (rows.ts
-- segmentRows); no schema change. Contacts started before this get theirs from the backfill run in this migration's
-- transaction (backfill.ts segment_attributes).
SELECT 1;
