-- The commit-time NOTIFY check of a transaction that appended items (storage/postgres/notify.ts) as a function
-- (issue 20): it ran as a statement with its values spelled out, sent in COMMIT's round trip by the simple query
-- protocol, so PostgreSQL parsed and planned its join on every commit — about 0.1 ms of the backend's CPU, a fifth
-- of a MESSAGE's. PL/pgSQL keeps the plan of its statements for the session. The function is VOLATILE, so its
-- statement takes a fresh snapshot as the statement it replaces did, and sees every watch registered before the
-- chat's row lock was granted to this transaction.
CREATE FUNCTION cc_notify_watched(p_channel TEXT, p_payload TEXT, p_chats TEXT[])
RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM watchers w JOIN watch_nodes n ON n.node = w.node
             WHERE w.initial_contact_id = ANY(p_chats) AND n.until > now()) THEN
    PERFORM pg_notify(p_channel, p_payload);
  END IF;
END
$$;
