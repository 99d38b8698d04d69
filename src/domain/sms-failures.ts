// Failed SMS sends, as agents and supervisors see them, and the agent's Retry. A send has failed for good when its
// outbox entry was dead-lettered (a permanent refusal, or every attempt used up) or when the provider accepted it and
// then reported it undelivered (a status callback). Retry puts the message through the outbox again: the dead entry
// back in line, or a new entry when the provider lost it after accepting it. It acts only on a FAILED message, so a
// repeated Retry (a double click, a client's retry) finds it PENDING or SENT and changes nothing.
import { AccessDeniedException, InvalidRequestException, ResourceNotFoundException } from "../api/errors.js";
import { ChatBase } from "./chat-base.js";
import type { OutboxEntry, SmsSend } from "./ports.js";
import type { Me } from "./participants.js";
import { goesOutBySms, smsChannel, splitSms } from "./sms.js";
import type { Contact, Destination, Item } from "./types.js";

/** The storage calls of this file (both stores; contract in storage/contract/sms-failure-cases.ts). */
export interface SmsFailureTxStore {
  /** The chat's SMS outbox entries (pending, retrying and dead), oldest first. */
  smsOutboxOfChat(initialContactId: string): Promise<(OutboxEntry & { dead: boolean })[]>;
  /** The chat's SMS sends (providers' answers and callbacks), oldest first. */
  smsSendsOfChat(initialContactId: string): Promise<SmsSend[]>;
  /** The item's dead SMS entries back in line (attempts 0, due at `now`); how many. */
  reviveSms(initialContactId: string, itemId: string, now: number): Promise<number>;
  /** Dead-lettered SMS entries of every chat, newest first. */
  deadSms(limit: number): Promise<OutboxEntry[]>;
  /** Sends with an error recorded (refused, or reported undelivered), newest first. */
  failedSmsSends(limit: number): Promise<SmsSend[]>;
}

import type { SmsFailure, SmsSendState } from "../shared/sms-sends-wire.js";
export type { SmsFailure, SmsSendState, SmsStatus } from "../shared/sms-sends-wire.js";

/** The state of one item from its outbox entries and sends: a dead entry wins, then a live one, then the last send. */
export function smsState(itemId: string, entries: readonly (OutboxEntry & { dead: boolean })[], sends: readonly SmsSend[]): SmsSendState | undefined {
  const last = sends.at(-1);
  const answered = last ? { AnsweredAt: last.createdAt } : {};
  const dead = entries.find((e) => e.dead);
  if (dead) return { MessageId: itemId, Status: "FAILED", Error: (last?.error ?? dead.lastError ?? "failed").slice(0, 2000), Attempts: dead.attempts, ...answered };
  const live = entries[0];
  if (live) return { MessageId: itemId, Status: live.attempts > 0 ? "RETRYING" : "PENDING", ...(live.lastError ? { Error: live.lastError } : {}), Attempts: live.attempts, ...answered };
  if (!last) return undefined;
  if (last.error !== undefined) return { MessageId: itemId, Status: "FAILED", Error: last.error, Attempts: sends.length, ...answered };
  return { MessageId: itemId, Status: last.status === "delivered" || last.status === "read" ? "DELIVERED" : "SENT", Attempts: sends.length, ...answered };
}

const byItem = <T extends { itemId: string }>(xs: readonly T[]) => {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(x.itemId, [...(m.get(x.itemId) ?? []), x]);
  return m;
};


export class SmsFailures extends ChatBase {
  /** Every outbound SMS of the participant's chat with its state, in chat order. */
  async sendsOf(me: Me): Promise<SmsSendState[]> {
    const entries = byItem(await this.tx.smsOutboxOfChat(me.chat.initialContactId));
    const sends = byItem(await this.tx.smsSendsOfChat(me.chat.initialContactId));
    const ids = [...new Set([...entries.keys(), ...sends.keys()])];
    return ids.map((id) => smsState(id, entries.get(id) ?? [], sends.get(id) ?? [])!).filter(Boolean);
  }

  /** Retry: an agent of the chat sends a FAILED message again through the outbox; any other state is left alone. */
  async retry(me: Me, messageId: string | undefined): Promise<SmsSendState & { Retried: boolean }> {
    if (me.participant.role !== "AGENT") throw new AccessDeniedException("Only an agent of the chat may retry its failed SMS sends");
    if (!messageId) throw new InvalidRequestException("MessageId is required");
    const chat = me.chat;
    const destination = chat.identity ? this.env.directory.destination(chat.identity.destinationId) : undefined;
    if (!smsChannel(chat, destination)) throw new InvalidRequestException("This chat is not an SMS chat with an SMS provider");
    const item = await this.tx.item(chat.initialContactId, messageId);
    if (!item || !goesOutBySms(item)) throw new ResourceNotFoundException(`MessageId '${messageId}' is not a message of this chat sent by SMS`);
    const entries = (await this.tx.smsOutboxOfChat(chat.initialContactId)).filter((e) => e.itemId === messageId);
    const state = smsState(messageId, entries, await this.tx.smsSendsOfItem(messageId));
    if (state?.Status !== "FAILED") return { ...(state ?? { MessageId: messageId, Status: "PENDING", Attempts: 0 }), Retried: false };
    const to = chat.identity!.sourceId;
    const optedOut = await this.tx.smsOptedOut(destination.destinationId, to);
    if (optedOut !== undefined) throw new InvalidRequestException(`${to} opted out of SMS from this number (STOP at ${new Date(optedOut).toISOString()}); nothing is sent until they text START`);
    const now = this.env.clock.now();
    if (entries.some((e) => e.dead)) await this.tx.reviveSms(chat.initialContactId, messageId, now);
    else await this.tx.enqueue(smsEntries(chat, item, destination, now));
    this.journal.streamed = true;
    return { MessageId: messageId, Status: "PENDING", Attempts: 0, Retried: true };
  }

  /** The instance's failed SMS sends, newest first: dead letters and sends reported undelivered, one row per message. */
  async failuresOf(instanceId: string, limit: number): Promise<SmsFailure[]> {
    const candidates: { initialContactId: string; itemId: string; destinationId: string }[] = [];
    for (const e of await this.tx.deadSms(limit))
      if (e.attributes.InstanceId === instanceId) candidates.push({ initialContactId: e.initialContactId, itemId: e.itemId, destinationId: e.attributes.DestinationId ?? "" });
    for (const s of await this.tx.failedSmsSends(limit))
      if (this.env.directory.destination(s.destinationId)?.instanceId === instanceId) candidates.push(s);
    const seen = new Set<string>();
    const out: SmsFailure[] = [];
    for (const c of candidates) {
      if (seen.has(c.itemId) || out.length >= limit) continue;
      seen.add(c.itemId);
      const entries = (await this.tx.smsOutboxOfChat(c.initialContactId)).filter((e) => e.itemId === c.itemId);
      const state = smsState(c.itemId, entries, await this.tx.smsSendsOfItem(c.itemId));
      if (state?.Status !== "FAILED") continue; // retried since
      const item = await this.tx.item(c.initialContactId, c.itemId);
      const to = entries[0]?.attributes.To;
      out.push({
        ...state,
        InitialContactId: c.initialContactId,
        ...(item ? { ContactId: item.contactId, Content: item.body.Content, DisplayName: item.body.DisplayName, ParticipantRole: item.body.ParticipantRole, SentAt: item.body.AbsoluteTime } : {}),
        DestinationId: c.destinationId,
        ...(to ? { To: to } : {}),
      });
    }
    return out.sort((a, b) => (b.AnsweredAt ?? 0) - (a.AnsweredAt ?? 0));
  }
}

/**
 * The SMS outbox entries of an item, as ChatBase.stream queues them (the same lane, attributes and parts): for a
 * message the provider accepted and then lost, whose first entries have left the outbox.
 */
function smsEntries(chat: Contact, item: Item, destination: Destination & { sms: NonNullable<Destination["sms"]> }, now: number): OutboxEntry[] {
  const ids = { InitialContactId: chat.initialContactId, ContactId: chat.id };
  const attributes: Record<string, string> = {
    ...ids,
    ...(item.body.ParticipantRole ? { ParticipantRole: item.body.ParticipantRole } : {}),
    InstanceId: chat.instanceId,
    AccountId: chat.accountId,
    Type: item.body.Type,
    ContentType: item.body.ContentType,
    MessageVisibility: item.visibility,
    To: chat.identity!.sourceId,
    DestinationId: destination.destinationId,
  };
  const parts = destination.sms.split ? splitSms(item.body.Content ?? "", destination.sms.maxSegments) : [undefined];
  return parts.map((part, i) => ({
    kind: "sms" as const,
    endpoint: `sms:${destination.destinationId}`,
    initialContactId: chat.initialContactId,
    itemId: item.body.Id,
    message: JSON.stringify({ ...item.body, ...ids }),
    attributes: { ...attributes, ...(parts.length > 1 ? { Part: `${i + 1}/${parts.length}`, Text: part! } : {}) },
    attempts: 0,
    nextAt: now,
    createdAt: now,
  }));
}
