// GetTranscript — pages through the chat's kept items (typing is never kept). ScanDirection FORWARD without
// StartPosition is a ValidationException; a ContactId outside the caller's chat reads as empty, as in Connect.
import type { Output } from "../api/operations.js";
import type { Handler } from "./context.js";

export const GetTranscript: Handler<"GetTranscript"> = async (input, ctx) => {
  const page = await ctx.tx(({ participants, me }) =>
    participants.transcript(me, {
      contactId: input.ContactId,
      maxResults: input.MaxResults,
      nextToken: input.NextToken,
      scanDirection: input.ScanDirection,
      sortOrder: input.SortOrder,
      startPosition: input.StartPosition,
    }),
  );
  return { InitialContactId: page.initialContactId, Transcript: page.items.map((i) => i.body) as Output<"GetTranscript">["Transcript"], NextToken: page.nextToken };
};
