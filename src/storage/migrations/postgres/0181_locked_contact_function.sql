-- A contact by id (and account, when given), row-locked, with its chat's newest item time, in one round trip: the
-- same as cc_locked_active_chat (migration 0180) for the calls that name the contact (participant APIs, agents).
CREATE FUNCTION cc_locked_contact(p_id TEXT, p_account TEXT)
RETURNS TABLE (data TEXT, initial_contact_id TEXT, last_at BIGINT)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  r RECORD;
BEGIN
  SELECT c.data, c.initial_contact_id INTO r FROM contacts c
    WHERE c.id = p_id AND (p_account IS NULL OR c.account_id = p_account)
    FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT r.data, r.initial_contact_id,
    (SELECT i.at FROM items i WHERE i.initial_contact_id = r.initial_contact_id ORDER BY i.position DESC LIMIT 1);
END
$$;
