// CreateContactFlow — stores a flow of an instance. Status PUBLISHED (the default) validates the content
// (InvalidContactFlowException with its problems) and makes it the one that runs; SAVED stores it unvalidated.
// Differs from Connect: the content's references (queues, Lambda ARNs, other flows) are not checked against the
// instance; a name taken by a flow of the configuration file is a duplicate too.
import type { Handler } from "./context.js";
import { checkContent, checkTags, sha256 } from "./flow-wire.js";

export const CreateContactFlow: Handler<"CreateContactFlow"> = async (input, ctx) => {
  const content = checkContent(input.Content!);
  const tags = checkTags(input.Tags);
  const f = await ctx.tx(({ flows }) =>
    flows.create(ctx.caller, input.InstanceId!, {
      name: input.Name!,
      type: input.Type!,
      description: input.Description,
      content,
      sha256: sha256(content),
      status: input.Status ?? "PUBLISHED",
      tags,
    }),
  );
  return { ContactFlowId: f.id, ContactFlowArn: f.arn, ...(f.publishedSha256 ? { FlowContentSha256: f.publishedSha256 } : {}) };
};
