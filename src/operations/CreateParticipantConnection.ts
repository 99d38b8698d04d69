// CreateParticipantConnection — exchanges a ParticipantToken for a WebSocket URL and a ConnectionToken.
// Knowingly differs from AWS: ConnectParticipant=true is accepted for every role (Connect requires streaming
// for customers); the URL is ws://<the Host the request came to>/... (or server.websocketUrl from the config).
import type { Handler } from "./context.js";

export const CreateParticipantConnection: Handler<"CreateParticipantConnection"> = async (input, ctx) => {
  const r = await ctx.tx(({ participants, me }) => participants.connect(me, input.Type, input.ConnectParticipant));
  return {
    Websocket: r.websocket && { Url: `${ctx.wsBase}/connect/chat?token=${encodeURIComponent(r.websocket.token)}`, ConnectionExpiry: r.websocket.expiry },
    ConnectionCredentials: r.connection && { ConnectionToken: r.connection.token, Expiry: r.connection.expiry },
  };
};
