-- The chat of an identity, row-locked, with its newest item's time, in one round trip (issue 20: a MESSAGE to an
-- existing chat was BEGIN, the lock, the item time, the item, COMMIT). The item time must be read after the lock
-- is granted, to see the items the lock's previous holder (another request, another node) committed; a sub-select
-- of the locking statement would use that statement's snapshot, taken before the wait. In a VOLATILE function
-- each statement takes a fresh snapshot under READ COMMITTED, so the second statement below sees them.
CREATE FUNCTION cc_locked_active_chat(p_account TEXT, p_destination TEXT, p_source TEXT, p_subtype TEXT)
RETURNS TABLE (data TEXT, initial_contact_id TEXT, last_at BIGINT)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  r RECORD;
BEGIN
  SELECT c.data, c.initial_contact_id INTO r FROM contacts c
    WHERE c.account_id = p_account AND c.destination_id = p_destination AND c.source_id = p_source
      AND c.subtype_key = p_subtype AND c.state = 'ACTIVE'
    FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT r.data, r.initial_contact_id,
    (SELECT i.at FROM items i WHERE i.initial_contact_id = r.initial_contact_id ORDER BY i.position DESC LIMIT 1);
END
$$;
