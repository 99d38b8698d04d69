// What every chat operation shares inside one transaction: contact lookup with expiry, the item journal,
// monotonic item times, participant events (typing, receipts) and ending a chat.
import { InvalidRequestException, ResourceNotFoundException } from "../api/errors.js";
import { isExpired, transition } from "./lifecycle.js";
import type { Clock, Directory, Ids, Logger, OutboxEntry, TxStore } from "./ports.js";
import type { ConfigFlows } from "./flow-store.js";
import { afterItem, beforeItem, type TimerHost } from "./participant-timers.js";
import { CT, type checkEvent } from "./rules.js";
import { goesOutBySms, smsChannel, splitSms } from "./sms.js";
import type { RoutingTimes } from "../routing/matcher.js";
import { workEnds } from "./agent-work.js";
import type { Caller, Contact, EndReason, Item, ItemBody, Participant, ParticipantRole, Visibility } from "./types.js";

export interface DomainEnv {
  clock: Clock;
  ids: Ids;
  directory: Directory;
  region: string;
  /** Flows defined in the configuration file (read-only); absent: none. */
  configFlows?: ConfigFlows;
  /** The flow engine's settings (src/domain/flow-runs.ts): a Lambda endpoint configured, every run logged, where log lines go. */
  flowEngine?: { lambda: boolean; logAll: boolean; log?: Logger };
  /** How long a participant timer minute lasts (default 60,000 ms; shorter only where a test configures it). */
  timerMinuteMs?: number;
  /** Offer and after-contact-work times per instance (the matcher); absent: the defaults of routing/matching.ts. */
  routingTimes?: RoutingTimes;
  /** The relay's lease (RelayOptions.leaseMs): entries a dispatching journal takes are leased this long. */
  outboxLeaseMs?: number;
}

/** Items appended in the current transaction, in order: pushed to WebSockets once it commits. */
export class Journal {
  readonly items: Item[] = [];
  /** Whether outbox entries were queued (the relay is woken after the commit). */
  streamed = false;
  /** Whether a flow run parked on a timer due now (a Lambda call): the flow timer loop is woken after the commit. */
  flowDue = false;
  /** Whether routing changed (a chat queued, a slot freed, an offer made): the matcher runs after the commit. */
  routingDue = false;
  /**
   * Set by a caller that hands `dispatch` to the relay after the commit (app.ts `published`): outbox entries alone in
   * their lane are then leased in the transaction and delivered at once, one claim transaction less per entry.
   */
  dispatching = false;
  /** Entries leased for this process by the transaction (see `dispatching`). */
  readonly dispatch: OutboxEntry[] = [];
}

export type Sender = Pick<Participant, "id" | "displayName" | "role">;

/** ISO-8601 of epoch ms. The last answer is kept: under load many items in a row share a millisecond. */
let lastMs = NaN;
let lastIso = "";
export const iso = (ms: number): string => {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
};

export abstract class ChatBase {
  constructor(
    protected readonly tx: TxStore,
    protected readonly env: DomainEnv,
    protected readonly journal: Journal = new Journal(),
  ) {}

  /** The contact, with its expiry applied; ResourceNotFound when the instance or contact is not the caller's. */
  async contact(caller: Caller, instanceId: string, contactId: string, field = "ContactId"): Promise<Contact> {
    if (!this.env.directory.hasInstance(caller.accountId, instanceId))
      throw new ResourceNotFoundException(`Instance '${instanceId}' was not found in account ${caller.accountId}`);
    const c = await this.tx.contact(caller.accountId, contactId);
    if (!c || c.instanceId !== instanceId) throw new ResourceNotFoundException(`Contact '${contactId}' (${field}) was not found in instance ${instanceId}`);
    return this.current(c);
  }

  /** Applies a duration that ran out since the last access. */
  protected async current(c: Contact): Promise<Contact> {
    return isExpired(c, this.env.clock.now()) ? this.end(c, "EXPIRED") : c;
  }

  /** Typing, receipts and acknowledgements from a participant of an active chat. */
  protected async participantEvent(chat: Contact, from: Sender, contentType: string, ev: ReturnType<typeof checkEvent>): Promise<Item | undefined> {
    let pushed: Item | undefined;
    if (contentType === CT.typing) {
      pushed = await this.append(chat, { Type: "EVENT", ContentType: CT.typing }, from, "ALL", false);
    } else if (ev.receipt && ev.messageId) {
      const message = await this.tx.item(chat.initialContactId, ev.messageId);
      if (!message || message.body.Type !== "MESSAGE")
        throw new InvalidRequestException(`Content messageId '${ev.messageId}' is not a message of this chat`);
      const at = iso(this.stamp(chat));
      const receipts = message.body.MessageMetadata?.Receipts ?? [];
      const mine = { ...receipts.find((r) => r.RecipientParticipantId === from.id), RecipientParticipantId: from.id, [ev.receipt]: at };
      const others = receipts.filter((r) => r.RecipientParticipantId !== from.id);
      await this.tx.updateItemBody({ ...message, body: { ...message.body, MessageMetadata: { MessageId: message.body.Id, Receipts: [...others, mine] } } });
      const receipt = { [ev.receipt]: at, RecipientParticipantId: from.id };
      pushed = await this.append(chat, { Type: "MESSAGEMETADATA", ContentType: CT.metadata, MessageMetadata: { MessageId: message.body.Id, Receipts: [receipt] } }, undefined, "ALL", false);
    }
    // connection.acknowledged: the participant is connected from the start here; it leaves no item.
    return pushed;
  }

  /** Ends the chat: present participants leave (only the customer on its own disconnect), then chat.ended. */
  protected async end(chat: Contact, reason: EndReason): Promise<Contact> {
    const at = reason === "EXPIRED" ? Math.max(chat.expiresAt, chat.lastItemAt) : this.stamp(chat);
    const ended = transition(chat, "ENDED", at, reason);
    ended.lastItemAt = at;
    for (const p of await this.tx.participants(chat.id)) {
      if (p.leftAt !== undefined) continue;
      await this.tx.updateParticipant({ ...p, leftAt: at });
      await this.append(ended, { Type: "EVENT", ContentType: CT.left }, p, "ALL", true, at);
    }
    await this.append(ended, { Type: "EVENT", ContentType: CT.ended }, undefined, "ALL", true, at);
    await this.tx.updateContact(ended);
    if (await workEnds(this.tx.routing, this.env, chat.id, at)) this.journal.routingDue = true;
    return ended;
  }

  protected customerOf(chat: Contact): Sender {
    return { id: chat.customerParticipantId, displayName: chat.customerDisplayName, role: "CUSTOMER" };
  }

  /** AbsoluteTime for the chat's next item: never earlier than the previous one. */
  protected stamp(chat: Contact): number {
    const t = Math.max(this.env.clock.now(), chat.lastItemAt);
    chat.lastItemAt = t;
    chat.updatedAt = t;
    return t;
  }

  protected async append(
    chat: Contact,
    body: Omit<ItemBody, "Id" | "AbsoluteTime">,
    from: { id: string; displayName: string; role: ParticipantRole } | undefined,
    visibility: Visibility,
    persisted: boolean,
    at?: number,
  ): Promise<Item> {
    // Participant timeouts: only chats UpdateParticipantRoleConfig configured pay anything here.
    if (chat.participantTimers && from && chat.state === "ACTIVE") await beforeItem(this.timerHost(), chat, body, from);
    // Only participant timers read a new item's position inside the transaction (participant-timers.ts); anything
    // else reads it after COMMIT, so the store may send the insert with its next statement (AppendOptions).
    const positionAfterCommit = !chat.participantTimers;
    const item = await this.tx.appendItem(this.newItem(chat, body, from, visibility, persisted, at), { positionAfterCommit });
    await this.appended(chat, item);
    return item;
  }

  /** An item of the chat, stamped now (or at `at`), not stored yet. */
  protected newItem(
    chat: Contact,
    body: Omit<ItemBody, "Id" | "AbsoluteTime">,
    from: { id: string; displayName: string; role: ParticipantRole } | undefined,
    visibility: Visibility,
    persisted: boolean,
    at?: number,
  ): Item {
    const t = at ?? this.stamp(chat);
    // Member order as real Connect traffic shows it.
    const full: ItemBody = {
      AbsoluteTime: iso(t),
      ...(body.Attachments ? { Attachments: body.Attachments } : {}),
      ...(body.Content !== undefined ? { Content: body.Content } : {}),
      ContentType: body.ContentType,
      Id: this.env.ids.itemId(),
      Type: body.Type,
      ...(from ? { ParticipantId: from.id, DisplayName: from.displayName, ParticipantRole: from.role } : {}),
      ...(body.MessageMetadata ? { MessageMetadata: body.MessageMetadata } : {}),
    };
    // The contact row is not written for an item: its lastItemAt (and a search's last message) come from the log.
    return { contactId: chat.id, initialContactId: chat.initialContactId, persisted, visibility, body: full };
  }

  /** What follows a stored item: its push after the commit, its streams, the participants' timers. */
  protected async appended(chat: Contact, item: Item): Promise<void> {
    this.journal.items.push(item);
    await this.stream(chat, item);
    if (chat.participantTimers) await afterItem(this.timerHost(), chat, item);
  }

  private timerHost(): TimerHost {
    return {
      tx: this.tx,
      env: { clock: this.env.clock, minuteMs: this.env.timerMinuteMs ?? 60_000 },
      push: (chat, contentType, from) => this.append(chat, { Type: "EVENT", ContentType: contentType }, from, "ALL", false),
    };
  }

  /**
   * Queues the item, in this transaction, for the chat's SNS topics, its destination's webhooks and, on an SMS chat
   * with an SMS provider, the customer's phone (lane `sms:<DestinationId>` + chat: per-chat order).
   */
  private async stream(chat: Contact, item: Item): Promise<void> {
    const destination = chat.identity ? this.env.directory.destination(chat.identity.destinationId) : undefined;
    const webhooks = destination?.webhooks ?? [];
    const sms = chat.identity && smsChannel(chat, destination) && goesOutBySms(item) ? chat.identity : undefined;
    // sms.split: one outbox entry per part, in order in the chat's lane (a retry re-sends only the failed part).
    const parts = sms && destination?.sms?.split ? splitSms(item.body.Content ?? "", destination.sms.maxSegments) : [undefined];
    if (chat.streamingEndpoints.length === 0 && webhooks.length === 0 && !sms) return;
    const ids = { InitialContactId: chat.initialContactId, ContactId: chat.id };
    const message = JSON.stringify({ ...item.body, ...ids });
    // The message attributes Connect sets; ParticipantRole is absent for system events such as chat.ended.
    const attributes: Record<string, string> = {
      ...ids,
      ...(item.body.ParticipantRole ? { ParticipantRole: item.body.ParticipantRole } : {}),
      InstanceId: chat.instanceId,
      AccountId: chat.accountId,
      Type: item.body.Type,
      ContentType: item.body.ContentType,
      MessageVisibility: item.visibility,
    };
    const now = this.env.clock.now();
    const base = { initialContactId: chat.initialContactId, itemId: item.body.Id, message, attributes, attempts: 0, nextAt: now, createdAt: now };
    const lease = this.journal.dispatching && this.env.outboxLeaseMs ? now + this.env.outboxLeaseMs : undefined;
    const leased = await this.tx.enqueue([
      ...chat.streamingEndpoints.map((e) => ({ ...base, kind: "sns" as const, endpoint: e.arn })),
      ...webhooks.map((url) => ({ ...base, kind: "webhook" as const, endpoint: url })),
      ...(sms
        ? parts.map((part, i) => ({
            ...base,
            kind: "sms" as const,
            endpoint: `sms:${sms.destinationId}`,
            attributes: { ...attributes, To: sms.sourceId, DestinationId: sms.destinationId, ...(parts.length > 1 ? { Part: `${i + 1}/${parts.length}`, Text: part! } : {}) },
          }))
        : []),
    ], lease);
    this.journal.dispatch.push(...leased);
    this.journal.streamed = true;
  }
}
