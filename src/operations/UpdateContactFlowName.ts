// UpdateContactFlowName — renames a flow and/or changes its description; a name another flow of the instance has
// is DuplicateResourceException. Configuration-file flows are read-only (InvalidRequestException, see
// UpdateContactFlowContent.ts for why that error).
import { parseFlowRef } from "../domain/flows.js";
import type { Handler } from "./context.js";

export const UpdateContactFlowName: Handler<"UpdateContactFlowName"> = async (input, ctx) => {
  await ctx.tx(({ flows }) =>
    flows.updateMetadata(ctx.caller, input.InstanceId!, parseFlowRef(input.ContactFlowId!), { name: input.Name, description: input.Description }, "UpdateContactFlowName"),
  );
  return {};
};
