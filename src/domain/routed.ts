// Routing on the chat's side inside one transaction: a chat enters a queue (a flow's TransferContactToQueue, or its
// destination's default queue), the agent accepts (joining as the AGENT participant, as CreateParticipant does),
// rejects or misses an offer, ends after-contact work, and TransferContact moves a chat to another queue or agent
// (as a new contact: domain/segments.ts).
// Lock order (routing/ports.ts): the contact first (read through this.contact / contactById), then its work row,
// then the agent's user_status. The matcher itself is src/routing/matcher.ts.
import { InvalidRequestException, ResourceNotFoundException } from "../api/errors.js";
import { agentQueueId, DEFAULT_CONTACT_PRIORITY, DEFAULT_OFFER_SECONDS, MISSED_STATUS, refusal, sortAtOf } from "../routing/matching.js";
import type { DueWork, Queue, RoutingWork, User } from "../routing/types.js";
import { endAcw, startAcw } from "./agent-work.js";
import { ChatBase, iso } from "./chat-base.js";
import { Monitors } from "./monitor.js";
import { transferLegs, writeTransfer } from "./segments.js";
import { CT } from "./rules.js";
import type { Caller, Contact, Participant } from "./types.js";

export type EnqueueOutcome = "queued" | "capacity" | "unknown";

export interface AgentJoin {
  participantId: string;
  participantToken: string;
  expiry: string;
}

export class Routed extends ChatBase {
  /**
   * Puts the chat in the queue, in this transaction. "capacity": the queue is disabled or holds MaxContacts;
   * "unknown": no queue (or user, for an agent queue) of the instance has this id — the chat is not routed.
   * `known`: the queue as this transaction already read it (a flow's UpdateContactTargetQueue), not read again.
   */
  async enqueue(chat: Contact, queueId: string, opts: { priority?: number; adjustSeconds?: number } = {}, known?: Queue): Promise<EnqueueOutcome> {
    const admitted = await this.admission(chat, queueId, known);
    if (admitted !== "queued") return admitted;
    await this.enqueueAdmitted(chat, queueId, opts);
    return "queued";
  }

  /** Whether the queue takes one more chat now: ENABLED and under its MaxContacts. */
  async admits(queue: Queue): Promise<boolean> {
    // Only a queue with MaxContacts counts (up to it): a queue without one takes chats without a read of its depth.
    const waiting = queue.status === "ENABLED" && queue.maxContacts !== undefined ? await this.tx.routing.queueDepth(queue.id, queue.maxContacts) : 0;
    return !refusal(queue, waiting);
  }

  /** Puts the chat in a queue the caller has read and admitted (enqueue, or a new chat's default queue), in this transaction. */
  async enqueueAdmitted(chat: Contact, queueId: string, opts: { priority?: number; adjustSeconds?: number } = {}): Promise<void> {
    const now = this.env.clock.now();
    const w: RoutingWork = {
      id: this.env.ids.itemId(),
      contactId: chat.id,
      accountId: chat.accountId,
      instanceId: chat.instanceId,
      queueId,
      state: "QUEUED",
      priority: opts.priority ?? DEFAULT_CONTACT_PRIORITY,
      enqueuedAt: now,
      sortAt: sortAtOf(now, opts.adjustSeconds),
      autoAccept: false,
      stateSince: now,
      version: 0,
    };
    await this.tx.routing.insertWork(w);
    this.journal.routingDue = true;
  }

  /** Whether the queue (or the agent of an agent queue) exists in the chat's instance and takes one more chat now. */
  private async admission(chat: Contact, queueId: string, known?: Queue): Promise<EnqueueOutcome> {
    const tx = this.tx.routing;
    const agent = /^agent:(.+)$/.exec(queueId)?.[1];
    if (agent) return (await tx.get("user", chat.accountId, chat.instanceId, agent)) ? "queued" : "unknown";
    const queue = known?.id === queueId ? known : await tx.get("queue", chat.accountId, chat.instanceId, queueId);
    if (!queue) return "unknown";
    return (await this.admits(queue)) ? "queued" : "capacity";
  }


  /**
   * A flow's DequeueContactAndTransferToQueue: the chat's waiting row moves to the target queue (its priority kept,
   * its wait restarting there, as Connect's EnqueueTimestamp does); an offer in flight is withdrawn and the agent's
   * slot freed. Checked before anything changes: a full or unknown target leaves the chat where it was.
   * "not-queued": the chat has no waiting row (an agent has it, or it was never routed).
   */
  async move(chat: Contact, queueId: string): Promise<EnqueueOutcome | "not-queued"> {
    const tx = this.tx.routing;
    const w = await tx.liveWork(chat.id);
    if (!w || w.state === "CONNECTED") return "not-queued";
    if (w.queueId === queueId) return "queued";
    const admitted = await this.admission(chat, queueId);
    if (admitted !== "queued") return admitted;
    if (w.state === "OFFERED") await tx.addBusy(w.userId!, -1, this.env.clock.now());
    await tx.deleteWork(w.id);
    return this.enqueue(chat, queueId, { priority: w.priority });
  }

  /** AcceptContact: the offered agent joins; on a chat the agent already has (AutoAccept), a fresh participant token. */
  async accept(caller: Caller, instanceId: string, contactId: string, userId: string): Promise<AgentJoin> {
    const user = await this.user(caller, instanceId, userId);
    const chat = await this.contact(caller, instanceId, contactId);
    const w = await this.tx.routing.liveWork(chat.id);
    if (chat.state === "ACTIVE" && w?.userId === userId && w.state === "CONNECTED" && w.participantId) return this.token(chat, w.participantId);
    const watching = chat.state === "ACTIVE" ? await new Monitors(this.tx, this.env, this.journal).supervisorOf(chat, userId) : undefined;
    if (watching) return this.token(chat, watching.id); // a supervisor's token (MonitorContact)
    if (chat.state !== "ACTIVE" || !w || w.state !== "OFFERED" || w.userId !== userId) throw notOffered(contactId, userId);
    return this.join(chat, w, user);
  }

  /** RejectContact: the offer goes back to its queue (for the next agent); the agent stays in their status. */
  async reject(caller: Caller, instanceId: string, contactId: string, userId: string): Promise<void> {
    await this.user(caller, instanceId, userId);
    const chat = await this.contact(caller, instanceId, contactId);
    const w = await this.tx.routing.liveWork(chat.id);
    if (!w || w.state !== "OFFERED" || w.userId !== userId) throw notOffered(contactId, userId);
    await this.requeue(w);
  }

  /** CompleteContactWork: the agent's after-contact work on the chat ends and the slot is free. */
  async completeWork(caller: Caller, instanceId: string, contactId: string, userId: string): Promise<void> {
    await this.user(caller, instanceId, userId);
    const chat = await this.contact(caller, instanceId, contactId);
    const acw = (await this.tx.routing.workOfUser(userId)).find((x) => x.contactId === chat.id && x.state === "ACW");
    if (!acw) throw new InvalidRequestException(`User '${userId}' has no after-contact work on contact '${contactId}'`);
    await endAcw(this.tx.routing, (await this.tx.routing.work(acw.id))!, this.env.clock.now());
    this.journal.routingDue = true;
  }

  /**
   * TransferContact (chat): to a queue (`queueId`) or an agent (`userId`, their agent queue). A connected agent
   * leaves the chat and goes into ACW on this contact; an offer is withdrawn. As in Connect, the chat goes on as a new
   * contact (domain/segments.ts) waiting in the target queue: this one ends, and the new one is returned.
   */
  async transfer(caller: Caller, instanceId: string, contactId: string, to: { queueId?: string; userId?: string }): Promise<Contact> {
    const target = to.userId ? agentQueueId(to.userId) : to.queueId;
    if (!target || (to.userId && to.queueId)) throw new InvalidRequestException("Give exactly one of QueueId and UserId");
    const chat = await this.contact(caller, instanceId, contactId);
    if (chat.state !== "ACTIVE") throw new InvalidRequestException(`Contact '${contactId}' is not active`);
    if (to.userId) await this.user(caller, instanceId, to.userId, "UserId");
    else if (!(await this.tx.routing.get("queue", caller.accountId, instanceId, target))) throw new ResourceNotFoundException(`Queue '${target}' (QueueId) was not found in instance ${instanceId}`);
    const w = await this.tx.routing.liveWork(chat.id);
    const now = this.env.clock.now();
    if (w?.state === "OFFERED") await this.tx.routing.addBusy(w.userId!, -1, now);
    if (w?.state === "CONNECTED") {
      await this.agentLeaves(chat, w.participantId);
      await startAcw(this.tx.routing, this.env, w, now);
    } else if (w) await this.tx.routing.deleteWork(w.id);
    const { ended, next } = transferLegs(chat, this.env.ids.contactId(), this.stamp(chat), target);
    await writeTransfer(this.tx, ended, next);
    // A full target throws, and the whole transaction (the old contact's end included) rolls back.
    const outcome = await this.enqueue(next, target, { priority: w?.priority });
    if (outcome === "capacity") throw new InvalidRequestException(`Queue '${target}' is disabled or at its MaxContacts`);
    return next;
  }

  /** A due timer: AutoAccept joins the agent, an expired offer marks the agent Missed and goes on, an ACW times out. */
  async due(d: DueWork): Promise<void> {
    const found = await this.tx.contactById(d.contactId);
    const chat = found && (await this.current(found)); // an expired chat ends here (and its work with it)
    const w = await this.tx.routing.work(d.id);
    if (!w || w.version !== d.version) return;
    const now = this.env.clock.now();
    if (w.state === "ACW") return endAcw(this.tx.routing, w, now);
    if (w.state !== "OFFERED") return;
    if (!chat || chat.state !== "ACTIVE") {
      await this.tx.routing.deleteWork(w.id);
      await this.tx.routing.addBusy(w.userId!, -1, now);
      return;
    }
    const user = await this.tx.routing.get("user", w.accountId, w.instanceId, w.userId!);
    if (w.autoAccept && user) {
      await this.join(chat, w, user);
      return;
    }
    await this.requeue(w);
    const st = await this.tx.routing.userStatus(w.userId!);
    if (st) await this.tx.routing.putUserStatus({ ...st, statusId: MISSED_STATUS.id, statusName: MISSED_STATUS.name, statusType: MISSED_STATUS.type, statusSince: now });
  }

  /** The agent becomes the chat's AGENT participant (as CreateParticipant's AGENT extension) and its agent (AgentInfo). */
  private async join(chat: Contact, w: RoutingWork, user: User): Promise<AgentJoin> {
    const now = this.env.clock.now();
    const name = [user.identityInfo?.firstName, user.identityInfo?.lastName].filter(Boolean).join(" ") || user.name;
    const p: Participant = { id: this.env.ids.participantId(), contactId: chat.id, initialContactId: chat.initialContactId, role: "AGENT", displayName: name, joinedAt: now };
    await this.tx.insertParticipant(p);
    chat.agent = { id: user.id, connectedAt: now };
    await this.append(chat, { Type: "EVENT", ContentType: CT.joined }, p, "ALL", true);
    await this.tx.updateContact(chat);
    await this.tx.routing.updateWork({ ...w, state: "CONNECTED", participantId: p.id, stateSince: now, dueAt: undefined, version: w.version + 1 });
    return this.token(chat, p.id);
  }

  private async token(chat: Contact, participantId: string): Promise<AgentJoin> {
    const token = this.env.ids.token();
    await this.tx.insertToken(token, "PARTICIPANT", participantId, chat.expiresAt);
    return { participantId, participantToken: token, expiry: iso(chat.expiresAt) };
  }

  /** The offer goes back to the queue where it was (its place in line kept); the agent's slot frees. */
  private async requeue(w: RoutingWork): Promise<void> {
    const now = this.env.clock.now();
    await this.tx.routing.updateWork({ ...w, state: "QUEUED", userId: undefined, autoAccept: false, stateSince: now, dueAt: undefined, version: w.version + 1 });
    await this.tx.routing.addBusy(w.userId!, -1, now);
    this.journal.routingDue = true;
  }

  /** The transferring agent's participant leaves the chat (participant.left), as when they disconnect. */
  private async agentLeaves(chat: Contact, participantId: string | undefined): Promise<void> {
    const p = participantId ? await this.tx.participant(participantId) : undefined;
    if (!p || p.leftAt !== undefined) return;
    const at = this.stamp(chat);
    await this.tx.updateParticipant({ ...p, leftAt: at });
    await this.append(chat, { Type: "EVENT", ContentType: CT.left }, p, "ALL", true, at);
  }

  private async user(caller: Caller, instanceId: string, userId: string, field = "UserId"): Promise<User> {
    if (!this.env.directory.hasInstance(caller.accountId, instanceId)) throw new ResourceNotFoundException(`Instance '${instanceId}' was not found in account ${caller.accountId}`);
    const u = await this.tx.routing.get("user", caller.accountId, instanceId, userId);
    if (!u) throw new ResourceNotFoundException(`User '${userId}' (${field}) was not found in instance ${instanceId}`);
    return u;
  }
}

const notOffered = (contactId: string, userId: string) => new InvalidRequestException(`Contact '${contactId}' is not offered to user '${userId}'`);

/** The offer timeout of an instance: configured, else Connect's 30 s. */
export const offerSecondsOf = (env: { routingTimes?: { offerSeconds(a: string, i: string): number } }, accountId: string, instanceId: string) =>
  env.routingTimes?.offerSeconds(accountId, instanceId) ?? DEFAULT_OFFER_SECONDS;
