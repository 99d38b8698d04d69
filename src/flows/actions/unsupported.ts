// Actions Connect does not run on chat, or this server cannot perform: they take their error branch
// (NoMatchingError) and the flow log says why.
import type { ActionHandler } from "./types.js";

const WHY: Record<string, string> = {
  ConnectParticipantWithLexBot: "no Lex bot is configured on this server",
  ShowView: "views (Show view) are not available on this server",
  CreateTask: "tasks are not available on this server",
  MessageParticipantIteratively: "Connect takes the error branch of MessageParticipantIteratively on the chat channel",
};

export const unsupported = (type: string): ActionHandler => ({
  run: () => ({ error: "NoMatchingError", why: WHY[type] ?? `${type} is not performed by this server on chat` }),
});
