-- Every message wrote a leaf of items_chat_time (a random page per chat) on top of items_chat's: about a
-- quarter of the WAL bytes of a commit. Only GetTranscript's StartPosition.AbsoluteTime read it; that lookup
-- now walks the chat's rows through items_chat (initial_contact_id, position) instead.
DROP INDEX IF EXISTS items_chat_time;
