// The Connect API as the console calls it: @aws-sdk/client-connect, SigV4-signed in the browser with the
// signed-in user's keys, sent to the server that served this page.
import {
  ConnectClient,
  CreateParticipantCommand,
  DescribeContactCommand,
  GetContactAttributesCommand,
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
      credentials: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey },
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

  destroy() {
    this.client.destroy();
  }
}
