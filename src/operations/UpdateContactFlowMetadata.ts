// UpdateContactFlowMetadata — name, description and ContactFlowState (ACTIVE / ARCHIVED). A duplicate name is
// DuplicateResourceException; configuration-file flows are read-only (InvalidRequestException, see
// UpdateContactFlowContent.ts). Archiving keeps the flow's content and lists it with ContactFlowState ARCHIVED.
import { parseFlowRef } from "../domain/flows.js";
import type { Handler } from "./context.js";

export const UpdateContactFlowMetadata: Handler<"UpdateContactFlowMetadata"> = async (input, ctx) => {
  await ctx.tx(({ flows }) =>
    flows.updateMetadata(
      ctx.caller,
      input.InstanceId!,
      parseFlowRef(input.ContactFlowId!),
      { name: input.Name, description: input.Description, state: input.ContactFlowState },
      "UpdateContactFlowMetadata",
    ),
  );
  return {};
};
