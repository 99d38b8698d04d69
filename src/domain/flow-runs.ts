// Contact flows on chats inside one transaction: which flow a new chat runs, starting it, resuming it on the
// customer's message, a participant event or a due timer, and storing the run, its timer, its log lines and the
// contact in the same transaction as the items the blocks produced (src/flows/engine.ts runs the blocks).
import { InvalidRequestException, ResourceNotFoundException } from "../api/errors.js";
import { PersistentChats } from "./persistent.js";
import { advance, compile, newRun, type FlowSource, type LoadedFlow } from "../flows/engine.js";
import type { FlowHost, FlowQueue, ResumeEvent } from "../flows/actions/types.js";
import type { Queue } from "../routing/types.js";
import { FLOW_LOG_LIMIT, type FlowRun, type FlowTimer } from "../flows/run.js";
import { ChatBase, type DomainEnv } from "./chat-base.js";
import type { FlowRecord } from "./flow-store.js";
import { parseFlowRef } from "./flows.js";
import { Routed } from "./routed.js";
import type { TxStore } from "./ports.js";
import type { Contact } from "./types.js";

/** Queue ids by account/instance/name as flows last found them (bounded; every use is checked against the row). */
const queueIdByName = new Map<string, string>();
function rememberName(key: string, id: string) {
  if (queueIdByName.size >= 10_000) queueIdByName.delete(queueIdByName.keys().next().value!);
  queueIdByName.set(key, id);
}

/** The published, active flow `id` of an instance: configured flows first, then stored ones. */
export async function findFlow(tx: TxStore, env: DomainEnv, accountId: string, instanceId: string, id: string): Promise<{ record?: FlowRecord; why?: string }> {
  const record = env.configFlows?.get(accountId, instanceId, id) ?? (await tx.flow(accountId, instanceId, id));
  if (!record) return {};
  if (record.state !== "ACTIVE") return { record, why: `Contact flow '${id}' is archived` };
  if (record.publishedContent === undefined || record.publishedSha256 === undefined) return { record, why: `Contact flow '${id}' has not been published` };
  return { record };
}

const loaded = (r: FlowRecord): LoadedFlow => ({ id: r.id, name: r.name, sha: r.publishedSha256!, flow: compile(r.publishedSha256!, r.publishedContent!) });

/** A chat's flow for StartChatContact / a destination: unknown is ResourceNotFound, unpublished or archived InvalidRequest. */
export async function flowToRun(tx: TxStore, env: DomainEnv, accountId: string, instanceId: string, id: string, field: string): Promise<LoadedFlow> {
  const f = await findFlow(tx, env, accountId, instanceId, id);
  if (!f.record) throw new ResourceNotFoundException(`Contact flow '${id}' (${field}) was not found in instance ${instanceId}`);
  if (f.why) throw new InvalidRequestException(`${f.why} (${field}): only published, active flows run`);
  return loaded(f.record);
}

export class FlowRunner extends ChatBase {
  /** Starts `flow` on a new chat and runs it until it waits or ends. */
  async start(chat: Contact, flow: LoadedFlow): Promise<Contact> {
    const host = this.host(chat);
    const run = newRun(host, flow, systemParticipantOf(chat.id), this.env.flowEngine?.logAll ?? false);
    return this.advance(host, run, flow, undefined, false, true);
  }

  /**
   * An agent or bot left while the customer stays: the contact's disconnect flow (UpdateContactEventHooks
   * CustomerRemaining, or DisconnectFlow) runs, unless a run waits on that very event (Wait BotParticipantDisconnected).
   */
  async customerRemaining(chat: Contact): Promise<Contact> {
    const hooks = chat.flowSettings?.eventHooks ?? {};
    const ref = hooks.CustomerRemaining ?? hooks.DisconnectFlow;
    if (!ref || chat.state !== "ACTIVE") return chat;
    const old = await this.tx.run(chat.id);
    if (old?.state === "waiting") return chat;
    const id = parseFlowRef(ref).id;
    const f = await findFlow(this.tx, this.env, chat.accountId, chat.instanceId, id);
    if (!f.record || f.why) {
      this.env.flowEngine?.log?.warn({ event: "flow", contactId: chat.id, flowId: id }, `disconnect flow ${id} ${f.why ?? "was not found"}; not run`);
      return chat;
    }
    const host = this.host(chat);
    const run = newRun(host, loaded(f.record), old?.systemParticipantId ?? systemParticipantOf(chat.id), old?.logging ?? this.env.flowEngine?.logAll ?? false);
    // Steps go on from the old run's: a timer row of the old run never matches the new one.
    run.step = (old?.step ?? 0) + 1;
    if (old?.previousContactId) run.previousContactId = old.previousContactId;
    return this.advance(host, run, loaded(f.record), undefined, false);
  }

  /** The customer's message (or a participant event) on a chat whose flow waits for one (Contact.flowWaiting). */
  async resume(chat: Contact, ev: ResumeEvent): Promise<Contact> {
    if (!chat.flowWaiting || chat.state !== "ACTIVE") return chat;
    const run = await this.tx.run(chat.id);
    if (!run || run.state !== "waiting") {
      delete chat.flowWaiting;
      await this.tx.updateContact(chat);
      return chat;
    }
    return this.advance(this.host(chat), run, await this.pinned(run), ev, run.wait?.dueAt !== undefined);
  }

  /** A leased timer came due (`ev`: the timeout, or a Lambda call's answer). Stale timers only go away. */
  async due(t: FlowTimer, ev: ResumeEvent): Promise<void> {
    const run = await this.tx.run(t.contactId);
    if (!run || run.state !== "waiting" || run.step !== t.step || run.wait?.kind !== t.kind) {
      await this.tx.clearTimer(t.contactId);
      return;
    }
    const found = await this.tx.contactById(t.contactId);
    const chat = found && (await this.current(found));
    if (!chat || chat.state !== "ACTIVE") {
      await this.tx.saveRun({ ...run, state: "ended", endedBy: "the chat ended", wait: undefined, updatedAt: this.env.clock.now() });
      await this.tx.clearTimer(t.contactId);
      return;
    }
    await this.advance(this.host(chat), run, await this.pinned(run), ev, true);
  }

  /** What a Lambda call of a parked run needs, or undefined when the timer is stale. */
  async lambdaRequest(t: FlowTimer): Promise<{ run: FlowRun; chat: Contact; params: Record<string, unknown> } | undefined> {
    const run = await this.tx.run(t.contactId);
    if (!run || run.state !== "waiting" || run.step !== t.step || run.wait?.kind !== "lambda") return undefined;
    const chat = await this.tx.contactById(t.contactId);
    if (!chat || chat.state !== "ACTIVE") return undefined;
    const flow = await this.pinned(run);
    const action = flow.flow.actions.get(run.action);
    return action ? { run, chat, params: action.Parameters } : undefined;
  }

  /** The flow version a run started with: by checksum, so a later publish never changes a running contact. */
  private async pinned(run: FlowRun): Promise<LoadedFlow> {
    const configured = this.env.configFlows?.get(run.accountId, run.instanceId, run.flowId);
    const current = configured ?? (await this.tx.flow(run.accountId, run.instanceId, run.flowId));
    if (current?.publishedSha256 === run.sha) return loaded(current);
    const content = await this.tx.flowVersion(run.sha);
    if (content !== undefined) return { id: run.flowId, name: current?.name ?? run.flowId, sha: run.sha, flow: compile(run.sha, content) };
    // The version is gone (a configured flow changed between restarts): the current one goes on.
    if (current?.publishedSha256) return loaded(current);
    throw new Error(`flow ${run.flowId} (version ${run.sha}) of contact ${run.contactId} is gone`);
  }

  private source(chat: Contact): FlowSource {
    return {
      load: async (id) => {
        const f = await findFlow(this.tx, this.env, chat.accountId, chat.instanceId, id);
        return f.record && !f.why ? loaded(f.record) : undefined;
      },
    };
  }

  private host(chat: Contact): FlowHost & { chat: Contact } {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the host's methods call this runner's protected ones
    const self = this;
    // Queues this run has read, by id: UpdateContactTargetQueue reads its queue and TransferContactToQueue admits the
    // contact into it a block later, in the same transaction, so the second read (and JSON parse) is saved.
    const seen = new Map<string, Queue>();
    const remember = (q: Queue | undefined) => {
      if (q) seen.set(q.id, q);
      return flowQueue(q);
    };
    const host = {
      chat,
      region: this.env.region,
      lambda: this.env.flowEngine?.lambda ?? false,
      now: () => this.env.clock.now(),
      async queue(id: string) {
        return remember(seen.get(id) ?? (await self.tx.routing.get("queue", chat.accountId, chat.instanceId, id)));
      },
      async queueNamed(name: string) {
        // The id this name had last time, checked by reading the queue by id (its name must still be this one):
        // an indexed read by id instead of one by name. Renamed, deleted or unseen: read by name.
        const key = `${chat.accountId}/${chat.instanceId}/${name}`;
        const id = queueIdByName.get(key);
        const hit = id !== undefined ? (seen.get(id) ?? (await self.tx.routing.get("queue", chat.accountId, chat.instanceId, id))) : undefined;
        if (hit?.name === name) return remember(hit);
        const q = await self.tx.routing.byName("queue", chat.accountId, chat.instanceId, name);
        if (q) rememberName(key, q.id);
        return remember(q);
      },
      async hours(id: string) {
        return self.tx.routing.get("hours", chat.accountId, chat.instanceId, id);
      },
      async agent(id: string) {
        return (await self.tx.routing.get("user", chat.accountId, chat.instanceId, id)) !== undefined;
      },
      configured: (flowId: string) => this.env.configFlows?.get(chat.accountId, chat.instanceId, flowId) !== undefined,
      async systemMessage(run: FlowRun, text: string) {
        await self.append(host.chat, { Type: "MESSAGE", ContentType: "text/plain", Content: text }, { id: run.systemParticipantId, displayName: "SYSTEM_MESSAGE", role: "SYSTEM" }, "ALL", true);
      },
      async disconnect() {
        host.chat = await self.end(host.chat, "CONTACT_FLOW_DISCONNECT");
      },
      // A returning SMS / integration customer's last ended chat (extension: $.SegmentAttributes['connect-chat:PreviousContactId']).
      async previousContact() {
        const last = chat.identity && (await self.tx.lastEndedChat(chat.identity));
        return last ? last.initialContactId : undefined;
      },
      async persist(rehydrationType: string, sourceContactId: string) {
        return persistChat(new PersistentChats(self.tx, self.env, self.journal), host.chat, rehydrationType, sourceContactId);
      },
      enqueue(queueId: string, priority?: number, adjustSeconds?: number) {
        return new Routed(self.tx, self.env, self.journal).enqueue(host.chat, queueId, { priority, adjustSeconds }, seen.get(queueId));
      },
      requeue(queueId: string) {
        return new Routed(self.tx, self.env, self.journal).move(host.chat, queueId);
      },
    };
    return host;
  }

  /** Runs the flow, then stores the run, its timer, its log lines and the contact (when changed) in this transaction. */
  private async advance(host: FlowHost & { chat: Contact }, run: FlowRun, flow: LoadedFlow, ev: ResumeEvent | undefined, hadTimer: boolean, first = false): Promise<Contact> {
    const before = JSON.stringify(contactPart(host.chat));
    const logs = await advance(host, this.source(host.chat), run, flow, ev);
    run.updatedAt = this.env.clock.now();
    // A contact's first run that ended at once and logged nothing leaves nothing to keep (no wait to resume, no log
    // for retention to purge through the run's row; a later disconnect flow derives the same SYSTEM participant):
    // it is not stored. Every other run is.
    if (!(first && run.state === "ended" && logs.length === 0)) await this.tx.saveRun(run);
    const dueAt = run.state === "waiting" ? run.wait?.dueAt : undefined;
    if (dueAt !== undefined) {
      await this.tx.setTimer({ contactId: run.contactId, kind: run.wait!.kind, step: run.step, dueAt, attempts: 0 });
      if (dueAt <= run.updatedAt) this.journal.flowDue = true;
    }
    else if (hadTimer) await this.tx.clearTimer(run.contactId);
    if (logs.length) {
      await this.tx.appendFlowLog(run.contactId, logs.map((l) => JSON.stringify(l)), FLOW_LOG_LIMIT);
      const log = this.env.flowEngine?.log;
      if (log?.isLevelEnabled("info")) for (const l of logs) log.info({ event: "flow", ...l }, "flow block");
    }
    // A disconnect wrote the ended contact already; otherwise what the blocks changed is written once.
    if (host.chat.state === "ACTIVE" && JSON.stringify(contactPart(host.chat)) !== before) await this.tx.updateContact(host.chat);
    return host.chat;
  }
}

/**
 * The ParticipantId of a contact's flow SYSTEM messages, derived from the contact id so every run on the contact
 * speaks as the same participant without a stored run to carry it: the contact's UUID with its version nibble set to
 * 8 (RFC 9562's custom layout, which no generated id uses); any other id form gets a prefix.
 */
export function systemParticipantOf(contactId: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i.test(contactId) ? `${contactId.slice(0, 14)}8${contactId.slice(15)}` : `system-${contactId}`;
}

/** A routing queue as flows see it; an agent's queue (queueType AGENT) is reached through AgentId, not QueueId. */
const flowQueue = (q: Queue | undefined): FlowQueue | undefined => (q && q.queueType === "STANDARD" ? { id: q.id, name: q.name, hoursOfOperationId: q.hoursOfOperationId } : undefined);

const contactPart = (c: Contact) => [c.attributes, c.queue, c.flowWaiting, c.flowSettings, c.rehydration];

/**
 * The flow block's persistent chat: the rules and errors of CreatePersistentContactAssociation, turned into a reason
 * for the flow log instead of an API error (the block takes its Error branch). The chat changes in place; the
 * runner writes it once after the blocks, in the same transaction as the claim.
 */
async function persistChat(p: PersistentChats, chat: Contact, rehydrationType: string, sourceContactId: string): Promise<{ continuedFromContactId: string } | { why: string }> {
  if (chat.rehydration) return { why: `the chat already continues contact ${chat.rehydration.continuedFromContactId}: persistence is enabled on a chat only once` };
  try {
    const caller = { accountId: chat.accountId };
    const r = await p.resolve(caller, chat.instanceId, { rehydrationType, sourceContactId }, "");
    await p.claim(caller, r, chat, "");
    Object.assign(chat, { rehydration: r, relatedContactId: r.continuedFromContactId });
    await p.announce(chat);
    return { continuedFromContactId: r.continuedFromContactId };
  } catch (e) {
    if (e instanceof InvalidRequestException || e instanceof ResourceNotFoundException) return { why: e.message };
    throw e;
  }
}
