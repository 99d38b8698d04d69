// StartContactStreaming — streams the chat's next items to an SNS topic (at most 2 per contact, as Connect).
// Knowingly differs from AWS: `.fifo` topics are accepted (published with MessageGroupId and deduplication ids).
import type { Handler } from "./context.js";

export const StartContactStreaming: Handler<"StartContactStreaming"> = async (input, ctx) => {
  const id = await ctx.tx(({ chats }) =>
    chats.startStreaming(ctx.caller, input.InstanceId!, input.ContactId!, input.ChatStreamingConfiguration!.StreamingEndpointArn!),
  );
  return { StreamingId: id };
};
