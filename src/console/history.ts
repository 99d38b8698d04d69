// The customer's earlier chats: SearchContacts over the last 8 weeks (the longest range it takes) on our
// `connect-chat:CustomerAddress` segment attribute (the phone number) and on the `CustomerId` contact attribute,
// newest first, without the chat on screen. Their transcripts are read with the agent's own connection in the
// current chat (GetTranscript by ContactId, the server's customer-history extension; see ChatConn.transcriptOf).
import { SearchContactsCommand, type ContactSearchSummary } from "@aws-sdk/client-connect";
import type { Api } from "./api.js";

const EIGHT_WEEKS_MS = 56 * 24 * 3_600_000;

export async function earlierChats(api: Api, current: string, who: { address?: string; customerId?: string }, now = Date.now()): Promise<ContactSearchSummary[]> {
  const search = (SearchCriteria: NonNullable<ConstructorParameters<typeof SearchContactsCommand>[0]["SearchCriteria"]>) =>
    api.client
      .send(
        new SearchContactsCommand({
          InstanceId: api.creds.instanceId,
          // A minute inside the 8-week limit: the server refuses a longer range.
          TimeRange: { Type: "INITIATION_TIMESTAMP", StartTime: new Date(now - EIGHT_WEEKS_MS + 60_000), EndTime: new Date(now + 60_000) },
          SearchCriteria: { Channels: ["CHAT"], ...SearchCriteria },
          Sort: { FieldName: "INITIATION_TIMESTAMP", Order: "DESCENDING" },
          MaxResults: 20,
        }),
      )
      .then((r) => r.Contacts ?? []);
  const found = await Promise.all([
    who.address ? search({ SearchableSegmentAttributes: { Criteria: [{ Key: "connect-chat:CustomerAddress", Values: [who.address] }] } }) : [],
    who.customerId ? search({ SearchableContactAttributes: { Criteria: [{ Key: "CustomerId", Values: [who.customerId] }] } }) : [],
  ]);
  const byId = new Map<string, ContactSearchSummary>();
  for (const c of found.flat()) if (c.Id && c.Id !== current) byId.set(c.Id, c);
  return [...byId.values()].sort((a, b) => (b.InitiationTimestamp?.getTime() ?? 0) - (a.InitiationTimestamp?.getTime() ?? 0));
}
