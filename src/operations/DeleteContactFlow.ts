// DeleteContactFlow — removes a stored flow. Configuration-file flows are read-only (InvalidRequestException, see
// UpdateContactFlowContent.ts). Differs from Connect: a flow that chats or destinations still reference is
// deleted all the same (nothing runs flows yet).
import { parseFlowRef } from "../domain/flows.js";
import type { Handler } from "./context.js";

export const DeleteContactFlow: Handler<"DeleteContactFlow"> = async (input, ctx) => {
  await ctx.tx(({ flows }) => flows.delete(ctx.caller, input.InstanceId!, parseFlowRef(input.ContactFlowId!)));
  return {};
};
