-- The commit's watched-chat check (cc_notify_watched, 0190) reads watchers by its key, never the whole table
-- (issue 20). PL/pgSQL keeps a generic plan per connection; one made while watchers was empty (a node starting with
-- no sockets) is a sequential scan, and it was kept as sockets registered, until an ANALYZE replanned: measured on
-- such a connection, the check took 0.3 ms at 1,000 watches, 1.1 ms at 10,000 and 4.3 ms at 50,000 — on every
-- commit that appends items. With sequential scans off for the function the check is an index probe at every
-- size; the setting is saved and restored around each call (no cost measurable over a round trip's noise).
ALTER FUNCTION cc_notify_watched(TEXT, TEXT, TEXT[]) SET enable_seqscan = off;
