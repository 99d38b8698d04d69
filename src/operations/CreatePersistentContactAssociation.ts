// CreatePersistentContactAssociation — makes a running chat (InitialContactId) continue an ended one, as
// StartChatContact's PersistentChat does at creation: same rules (only ended chats, once per source), the chat's
// RelatedContactId becomes the contact continued from, and its participants are pushed chat.rehydrated. A chat
// already persistent is refused (Connect: the block or SourceContactId, "but not both"). Knowingly differs from
// AWS: the error messages are ours; attributes of the past contact are not copied into a running chat.
import type { Handler } from "./context.js";

export const CreatePersistentContactAssociation: Handler<"CreatePersistentContactAssociation"> = async (input, ctx) => {
  const continued = await ctx.tx(({ persistent }) =>
    persistent.associate(ctx.caller, input.InstanceId!, input.InitialContactId!, { rehydrationType: input.RehydrationType, sourceContactId: input.SourceContactId }),
  );
  return { ContinuedFromContactId: continued };
};
