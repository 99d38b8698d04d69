// GetCurrentUserData — each agent's status, CHAT slots and contacts (INCOMING = offered, CONNECTED, ENDED = in
// after-contact work) from the matcher's state, by the contact each agent has (after a transfer, the new contact for
// the next agent, the ended one for the transferring agent's after-contact work). Knowingly differs from AWS:
// InitiationMethod is API also for a transferred contact (the matcher's rows do not keep it); ContactFilter and
// UserHierarchyGroups are accepted and not applied; one page holds every matching agent (no NextToken); slots are CHAT's only.
import type { Handler } from "./context.js";

export const GetCurrentUserData: Handler<"GetCurrentUserData"> = async (input, ctx) => {
  const f = input.Filters ?? {};
  const I = input.InstanceId!;
  const list = await ctx.tx(({ routing }) => routing.current.users(ctx.caller, I, { agents: f.Agents, queues: f.Queues, routingProfiles: f.RoutingProfiles }));
  const arn = `arn:aws:connect:${ctx.region}:${ctx.caller.accountId}:instance/${I}`;
  const page = list.slice(0, input.MaxResults ?? 100);
  return {
    ApproximateTotalCount: list.length,
    UserDataList: page.map(({ status: s, contacts }) => ({
      User: { Id: s.userId, Arn: `${arn}/agent/${s.userId}` },
      RoutingProfile: { Id: s.routingProfileId, Arn: `${arn}/routing-profile/${s.routingProfileId}` },
      Status: { StatusName: s.statusName, StatusStartTimestamp: new Date(s.statusSince), StatusArn: `${arn}/agent-state/${s.statusId}` },
      MaxSlotsByChannel: { CHAT: s.chatSlots },
      ActiveSlotsByChannel: { CHAT: s.chatBusy },
      AvailableSlotsByChannel: { CHAT: s.statusType === "ROUTABLE" ? Math.max(0, s.chatSlots - s.chatBusy) : 0 },
      Contacts: contacts.map((w) => ({
        ContactId: w.contactId,
        Channel: "CHAT" as const,
        InitiationMethod: "API" as const,
        AgentContactState: w.agentState,
        StateStartTimestamp: new Date(w.stateSince),
        ...(w.state === "CONNECTED" ? { ConnectedToAgentTimestamp: new Date(w.stateSince) } : {}),
        ...(w.queueId.startsWith("agent:") ? {} : { Queue: { Id: w.queueId, Arn: `${arn}/queue/${w.queueId}` } }),
      })),
    })),
  };
};
