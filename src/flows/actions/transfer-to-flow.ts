// TransferToFlow: the run goes on at the StartAction of another published flow (the engine loads it).
import type { ActionHandler } from "./types.js";

export const TransferToFlow: ActionHandler = {
  run: ({ params }) => ({ flow: String(params.ContactFlowId) }),
};
