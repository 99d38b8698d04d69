-- SMS opt-outs: a customer's number that texted STOP (or STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT) to a destination's
-- number gets nothing more from it until it texts START, UNSTOP or YES.
CREATE TABLE sms_opt_outs (
  destination_id TEXT NOT NULL,
  number         TEXT NOT NULL,
  opted_out_at   INTEGER NOT NULL,
  PRIMARY KEY (destination_id, number)
) STRICT;
