// DescribeContactFlow — a flow with its content. ContactFlowId is an id or a flow ARN, optionally qualified as
// Connect documents: `:$SAVED` shows the saved content (unpublished changes included), `:$LATEST` the published one
// (ContactFlowNotPublishedException if there is none); unqualified shows the published content, or the saved one of
// a flow never published (Status SAVED). Differs from Connect: numbered versions (CreateContactFlowVersion) are not
// kept, so `:{version}` is ResourceNotFoundException.
import { parseFlowRef } from "../domain/flows.js";
import type { Handler } from "./context.js";
import { toContactFlow } from "./flow-wire.js";

export const DescribeContactFlow: Handler<"DescribeContactFlow"> = async (input, ctx) => {
  const view = await ctx.tx(({ flows }) => flows.describe(ctx.caller, input.InstanceId!, parseFlowRef(input.ContactFlowId!)));
  return { ContactFlow: toContactFlow(view) };
};
