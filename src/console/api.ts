// The Connect API as the console calls it: @aws-sdk/client-connect, SigV4-signed in the browser with the
// signed-in user's keys, sent to the server that served this page.
import {
  ConnectClient,
  CreateParticipantCommand,
  DescribeContactCommand,
  DescribeUserCommand,
  GetContactAttributesCommand,
  ListAgentStatusesCommand,
  PutUserStatusCommand,
  SearchContactsCommand,
  StopContactCommand,
  type ContactSearchSummary,
} from "@aws-sdk/client-connect";
import type { Creds } from "./session.js";

/** Active chats can be at most 7 days old (the longest chat duration), plus an hour of slack. */
const WINDOW_MS = 7 * 24 * 3_600_000 + 3_600_000;
const MAX_PAGES = 10;

export class Api {
  readonly client: ConnectClient;

  constructor(readonly creds: Creds) {
    this.client = new ConnectClient({
      region: creds.region,
      endpoint: location.origin,
      credentials: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken },
      maxAttempts: 2,
    });
  }

  /** Chat contacts initiated in the window, every page (up to MAX_PAGES × 100); `more` if it stopped early. */
  async searchChats(now = Date.now()): Promise<{ contacts: ContactSearchSummary[]; more: boolean }> {
    const contacts: ContactSearchSummary[] = [];
    let NextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await this.client.send(
        new SearchContactsCommand({
          InstanceId: this.creds.instanceId,
          TimeRange: { Type: "INITIATION_TIMESTAMP", StartTime: new Date(now - WINDOW_MS), EndTime: new Date(now + 60_000) },
          // Live chats only: no DISCONNECT_TIMESTAMP (the page still drops any that end between polls).
          SearchCriteria: {
            Channels: ["CHAT"],
            AdditionalTimeRange: { MatchType: "MATCH_ALL", Criteria: [{ TimestampCondition: { Type: "DISCONNECT_TIMESTAMP", ConditionType: "NOT_EXISTS" } }] },
          },
          Sort: { FieldName: "INITIATION_TIMESTAMP", Order: "ASCENDING" },
          MaxResults: 100,
          NextToken,
        }),
      );
      contacts.push(...(r.Contacts ?? []));
      NextToken = r.NextToken;
      if (!NextToken) return { contacts, more: false };
    }
    return { contacts, more: true };
  }

  /** Joins the chat as an agent (our AGENT role of CreateParticipant). */
  async join(contactId: string) {
    const r = await this.client.send(
      new CreateParticipantCommand({ InstanceId: this.creds.instanceId, ContactId: contactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: this.creds.displayName } }),
    );
    return { participantId: r.ParticipantId!, participantToken: r.ParticipantCredentials!.ParticipantToken! };
  }

  describe(contactId: string) {
    return this.client.send(new DescribeContactCommand({ InstanceId: this.creds.instanceId, ContactId: contactId })).then((r) => r.Contact);
  }

  attributes(contactId: string) {
    return this.client.send(new GetContactAttributesCommand({ InstanceId: this.creds.instanceId, InitialContactId: contactId })).then((r) => r.Attributes ?? {});
  }

  stop(contactId: string) {
    return this.client.send(new StopContactCommand({ InstanceId: this.creds.instanceId, ContactId: contactId }));
  }

  /** The instance's enabled agent statuses in display order (Available, Offline, then custom ones). */
  async agentStatuses(): Promise<{ id: string; name: string; type: string }[]> {
    const out: { id: string; name: string; type: string; order: number }[] = [];
    let NextToken: string | undefined;
    do {
      const r = await this.client.send(new ListAgentStatusesCommand({ InstanceId: this.creds.instanceId, NextToken, MaxResults: 100 }));
      for (const s of r.AgentStatusSummaryList ?? []) out.push({ id: s.Id!, name: s.Name!, type: s.Type!, order: out.length });
      NextToken = r.NextToken;
    } while (NextToken);
    const rank = (t: string) => (t === "ROUTABLE" ? 0 : t === "OFFLINE" ? 1 : 2);
    return out.sort((a, b) => rank(a.type) - rank(b.type) || a.order - b.order).map(({ id, name, type }) => ({ id, name, type }));
  }

  /** The signed-in user's status (PutUserStatus on themself). */
  putStatus(agentStatusId: string) {
    return this.client.send(new PutUserStatusCommand({ InstanceId: this.creds.instanceId, UserId: this.creds.user!.id, AgentStatusId: agentStatusId }));
  }

  /** DescribeUser of the signed-in user: a cheap check that the session still stands. */
  describeSelf() {
    return this.client.send(new DescribeUserCommand({ InstanceId: this.creds.instanceId, UserId: this.creds.user!.id }));
  }

  destroy() {
    this.client.destroy();
  }
}
