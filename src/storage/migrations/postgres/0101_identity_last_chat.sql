-- A destination's persistentChat finds an identity's most recently ended chat (a returning SMS customer) by one
-- index seek from the end.
CREATE INDEX contacts_identity_ended ON contacts (account_id, destination_id, source_id, subtype_key, ended_at)
  WHERE state = 'ENDED' AND source_id IS NOT NULL;
