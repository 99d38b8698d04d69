// Participant timeouts (UpdateParticipantRoleConfig): the configuration kept on the contact, the timers it arms when
// an agent or custom participant joins a customer, and what a participant's message or leaving does to them.
// Durable and cheap: a running timer is one participant_timers row; a message writes nothing — when a row comes due,
// the participant's newest message after the row's `since` position pushes it back (src/domain/participant-timer-runs.ts).
import { InvalidRequestException } from "../api/errors.js";
import { CT, EVENT_PREFIX } from "./rules.js";
import type { Clock, TxStore } from "./ports.js";
import type { Contact, Item, ItemBody, Participant, ParticipantRole } from "./types.js";

export const TIMER_CT = {
  idle: `${EVENT_PREFIX}participant.idle`,
  returned: `${EVENT_PREFIX}participant.returned`,
  autodisconnection: `${EVENT_PREFIX}participant.autodisconnection`,
} as const;

export type TimerRole = "CUSTOMER" | "AGENT";
export type TimerType = "IDLE" | "DISCONNECT_NONCUSTOMER";
/** Minutes per timer type (2–480), as UpdateParticipantRoleConfig set them. */
export type RoleTimers = Partial<Record<TimerType, number>>;
export type TimerSettings = Partial<Record<TimerRole, RoleTimers>>;

/** One participant's timers, pinned when its agent or custom participant joined (Connect: changes apply from the next agent). */
export interface PinnedTimers {
  idleMs?: number;
  disconnectMs?: number;
  /** Marked idle: its next message pushes participant.returned and arms its timers again. */
  idle?: true;
}

/** Contact.participantTimers: present once UpdateParticipantRoleConfig was called on the chat. */
export interface ParticipantTimerState {
  settings: TimerSettings;
  /** Timers armed now, by participant id. */
  pinned: Record<string, PinnedTimers>;
}

/** A participant_timers row: the participant's one running timer. */
export interface ParticipantTimer {
  participantId: string;
  contactId: string;
  stage: "IDLE" | "DISCONNECT";
  dueAt: number;
  /** Item position the timer was armed at: the participant's messages after it reset the timer. */
  since: number;
  /** Times the row was leased (reset when armed). */
  attempts: number;
}

export interface ParticipantTimerTxStore {
  /** Inserts or replaces the participant's timer. */
  setParticipantTimer(t: ParticipantTimer): Promise<void>;
  clearParticipantTimer(participantId: string): Promise<void>;
  /** The participant's timer; on PostgreSQL its row stays locked until the transaction ends. */
  participantTimer(participantId: string): Promise<ParticipantTimer | undefined>;
  /** Due timers, leased until `leaseUntil` (due_at moves there, attempts grows; SKIP LOCKED on PostgreSQL). */
  claimParticipantTimers(now: number, leaseUntil: number, limit: number): Promise<ParticipantTimer[]>;
  /** Running timers by stage: how many, and how many are past due (the loop is behind or a node died holding them). */
  participantTimerStats(now: number): Promise<{ stage: string; pending: number; overdue: number }[]>;
  /** Position and time of the participant's newest MESSAGE or ATTACHMENT item of the chat after position `after`. */
  lastActivity(initialContactId: string, participantId: string, after: number): Promise<{ position: number; at: number } | undefined>;
}

/** How long a timer minute lasts: 60,000 ms, except where a test configures it shorter (participantTimers.minuteMs). */
export interface TimerEnv {
  clock: Clock;
  minuteMs: number;
}

/** Roles whose joining starts the customer's timers (Connect: an agent, or a custom participant such as a bot). */
const STARTERS: ReadonlySet<ParticipantRole> = new Set(["AGENT", "CUSTOM_BOT"]);
/** Items that count as a participant's activity (Connect: any message; attachments too). */
const ACTIVITY: ReadonlySet<ItemBody["Type"]> = new Set(["MESSAGE", "ATTACHMENT"]);

/** One ParticipantTimerConfiguration as it came (the model checked roles, types and the 2–480 range). */
export interface TimerListEntry {
  ParticipantRole?: string;
  TimerType?: string;
  TimerValue?: { ParticipantTimerAction?: string; ParticipantTimerDurationInMinutes?: number };
}

/** The settings after an UpdateParticipantRoleConfig list: durations set, `Unset` removes; a repeated role and type is refused. */
export function applyTimerList(current: TimerSettings, list: readonly TimerListEntry[]): TimerSettings {
  const next: TimerSettings = JSON.parse(JSON.stringify(current)) as TimerSettings;
  const seen = new Set<string>();
  list.forEach((t, i) => {
    const field = `ChannelConfiguration.Chat.ParticipantTimerConfigList[${i}]`;
    const key = `${t.ParticipantRole}/${t.TimerType}`;
    if (seen.has(key)) throw new InvalidRequestException(`${field}: duplicate entry for ParticipantRole ${t.ParticipantRole} and TimerType ${t.TimerType}`);
    seen.add(key);
    const v = t.TimerValue ?? {};
    const minutes = v.ParticipantTimerDurationInMinutes;
    if ((minutes === undefined) === (v.ParticipantTimerAction === undefined))
      throw new InvalidRequestException(`${field}.TimerValue must have exactly one of ParticipantTimerAction and ParticipantTimerDurationInMinutes`);
    const role = t.ParticipantRole as TimerRole;
    const type = t.TimerType as TimerType;
    const timers: RoleTimers = { ...next[role] };
    if (minutes !== undefined) timers[type] = minutes;
    else delete timers[type];
    if (Object.keys(timers).length) next[role] = timers;
    else delete next[role];
  });
  return next;
}

/** The durations a participant of `role` gets from `settings` (agents' timers for AGENT, the customer's for CUSTOMER). */
export function pinFor(settings: TimerSettings, role: ParticipantRole, minuteMs: number): PinnedTimers | undefined {
  const r = role === "CUSTOMER" ? settings.CUSTOMER : role === "AGENT" ? settings.AGENT : undefined;
  if (!r || (r.IDLE === undefined && r.DISCONNECT_NONCUSTOMER === undefined)) return undefined;
  return {
    ...(r.IDLE !== undefined ? { idleMs: r.IDLE * minuteMs } : {}),
    ...(r.DISCONNECT_NONCUSTOMER !== undefined ? { disconnectMs: r.DISCONNECT_NONCUSTOMER * minuteMs } : {}),
  };
}

/** The first timer of a pinned set from `at`: idle first when set (auto-disconnect starts once idle), else auto-disconnect. */
export function firstTimer(p: Participant | { id: string; contactId: string }, pin: PinnedTimers, at: number, since: number): ParticipantTimer {
  const idle = pin.idleMs !== undefined;
  return { participantId: p.id, contactId: p.contactId, stage: idle ? "IDLE" : "DISCONNECT", dueAt: at + (idle ? pin.idleMs! : pin.disconnectMs!), since, attempts: 0 };
}

/** What the hooks need of the transaction they run in: the store, the clock, and a push-only event appender. */
export interface TimerHost {
  tx: TxStore;
  env: TimerEnv;
  /** Appends a push-only EVENT from `from` (shown to everyone, never in the transcript). */
  push(chat: Contact, contentType: string, from: Pick<Participant, "id" | "displayName" | "role">): Promise<Item>;
}

/**
 * Before an item is appended: a MESSAGE or ATTACHMENT from a participant marked idle pushes participant.returned
 * and arms that participant's timers again. Nothing else on the message path reads or writes anything.
 */
export async function beforeItem(h: TimerHost, chat: Contact, body: Pick<ItemBody, "Type">, from: Pick<Participant, "id" | "displayName" | "role">): Promise<void> {
  const state = chat.participantTimers!;
  const pin = state.pinned[from.id];
  if (!pin?.idle || !ACTIVITY.has(body.Type)) return;
  delete pin.idle;
  const ev = await h.push(chat, TIMER_CT.returned, from);
  await h.tx.setParticipantTimer(firstTimer({ id: from.id, contactId: chat.id }, pin, h.env.clock.now(), ev.position!));
  await h.tx.updateContact(chat);
}

/**
 * After an item is appended: an agent or custom participant joining a customer arms the customer's timers and, for an
 * agent, its own, with the settings in force now; a participant leaving stops its timers, and the last agent or
 * custom participant leaving stops the customer's.
 */
export async function afterItem(h: TimerHost, chat: Contact, item: Item): Promise<void> {
  const b = item.body;
  if (b.Type !== "EVENT" || !b.ParticipantId || (b.ContentType !== CT.joined && b.ContentType !== CT.left)) return;
  const state = chat.participantTimers!;
  const now = h.env.clock.now();
  if (b.ContentType === CT.joined) {
    if (!STARTERS.has(b.ParticipantRole!) || chat.state !== "ACTIVE") return;
    const customer = await h.tx.participant(chat.customerParticipantId);
    if (!customer || customer.leftAt !== undefined) return;
    const arm = async (id: string, role: ParticipantRole) => {
      const pin = pinFor(state.settings, role, h.env.minuteMs);
      if (!pin) {
        if (state.pinned[id]) await h.tx.clearParticipantTimer(id);
        delete state.pinned[id];
        return;
      }
      state.pinned[id] = pin;
      await h.tx.setParticipantTimer(firstTimer({ id, contactId: chat.id }, pin, now, item.position!));
    };
    await arm(customer.id, "CUSTOMER");
    if (b.ParticipantRole === "AGENT") await arm(b.ParticipantId, "AGENT");
    await h.tx.updateContact(chat);
    return;
  }
  // participant.left
  let changed = false;
  const stop = async (id: string) => {
    if (!state.pinned[id]) return;
    delete state.pinned[id];
    await h.tx.clearParticipantTimer(id);
    changed = true;
  };
  await stop(b.ParticipantId);
  if (STARTERS.has(b.ParticipantRole!) && state.pinned[chat.customerParticipantId]) {
    const present = (await h.tx.participants(chat.id)).some((p) => p.leftAt === undefined && p.id !== b.ParticipantId && STARTERS.has(p.role));
    if (!present) await stop(chat.customerParticipantId);
  }
  // The chat's end writes the contact itself (ChatBase.end); otherwise the change is written here.
  if (changed && chat.state === "ACTIVE") await h.tx.updateContact(chat);
}
