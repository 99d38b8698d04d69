-- A WebSocket URL token keeps its chat's last position at CreateParticipantConnection: the first socket that
-- opens with it is sent every item committed after that position (chatjs reports the connection established
-- before its socket is open). NULL once a socket claimed it, and for every other kind of token.
ALTER TABLE tokens ADD COLUMN since INTEGER;
