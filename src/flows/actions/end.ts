// DisconnectParticipant ends the chat; EndFlowExecution ends the flow (and the chat, when the contact was not queued:
// "if a flow ends before the contact is put into queue, ending the flow results in the contact being ended").
import type { ActionHandler } from "./types.js";

export const DisconnectParticipant: ActionHandler = { run: () => ({ end: "disconnect" }) };
export const EndFlowExecution: ActionHandler = { run: () => ({ end: "end" }) };
