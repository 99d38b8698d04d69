-- An item insert held for the transaction's next round trip (storage/postgres/deferred-appends.ts, issue 20), as a
-- function: sent as a statement with its values spelled out, PostgreSQL would parse and plan the insert (and, with
-- the COMMIT, its notification check) on every call; PL/pgSQL keeps its statements' plans for the session, and the
-- call plans in no time. p_head: the notification payload up to this item's position (notify.ts), NULL for none;
-- the check is cc_notify_watched's (0190) unless p_always. VOLATILE: it runs after the statement that locked the
-- chat and sees every watch registered before that lock.
CREATE FUNCTION cc_append_held(p_id TEXT, p_contact_id TEXT, p_initial_contact_id TEXT, p_persisted BOOLEAN,
  p_visibility TEXT, p_body TEXT, p_at BIGINT, p_channel TEXT, p_head TEXT, p_chats TEXT[], p_always BOOLEAN)
RETURNS BIGINT
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  pos BIGINT;
BEGIN
  INSERT INTO items (id, contact_id, initial_contact_id, persisted, visibility, body, at)
    VALUES (p_id, p_contact_id, p_initial_contact_id, p_persisted, p_visibility, p_body, p_at)
    RETURNING position INTO pos;
  IF p_head IS NOT NULL THEN
    IF p_always THEN
      PERFORM pg_notify(p_channel, p_head || pos || ']}}');
    ELSE
      PERFORM cc_notify_watched(p_channel, p_head || pos || ']}}', p_chats);
    END IF;
  END IF;
  RETURN pos;
END
$$;
