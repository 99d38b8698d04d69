// UpdateContactFlowContent — publishes new content (validated: InvalidContactFlowException with its problems), or
// with ContactFlowId `id:$SAVED` saves it without publishing or validating, as Connect's flow designer does.
// Flows from the configuration file are read-only: InvalidRequestException, the error Connect's model lists for
// every flow-changing operation (AccessDeniedException is IAM's answer and only DeleteContactFlow lists it; the
// caller's credentials are fine here, the flow is what cannot change), with a message saying why and what to do.
import { parseFlowRef } from "../domain/flows.js";
import type { Handler } from "./context.js";
import { checkContent, sha256 } from "./flow-wire.js";

export const UpdateContactFlowContent: Handler<"UpdateContactFlowContent"> = async (input, ctx) => {
  const content = checkContent(input.Content!);
  await ctx.tx(({ flows }) => flows.updateContent(ctx.caller, input.InstanceId!, parseFlowRef(input.ContactFlowId!), content, sha256(content)));
  return {};
};
