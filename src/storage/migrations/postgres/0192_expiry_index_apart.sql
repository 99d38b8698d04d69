-- The expiry sweep's index no longer matches the active-chat lookup (issue 20). Its predicate was state = 'ACTIVE',
-- which the lookup by identity (cc_locked_active_chat, 0180) implies too, so for that lookup it was a second path:
-- a scan of every active chat, filtered. PL/pgSQL keeps a generic plan per connection, and one made while the
-- table was new (no statistics yet: both paths cost the same) chose that scan and kept it, so every event read
-- every active chat until an ANALYZE replanned — measured in the bench, where new chats made each lookup longer.
-- `expires_at IS NOT NULL` (true of every row: the column is NOT NULL) is implied by the sweep's `expires_at <= $1`
-- and by nothing the lookup says, so the lookup has one index to use.
DROP INDEX contacts_active_expiry;
CREATE INDEX contacts_active_expiry ON contacts (expires_at) WHERE state = 'ACTIVE' AND expires_at IS NOT NULL;
