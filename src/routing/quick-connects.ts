// Quick connects inside one transaction: CreateQuickConnect / DescribeQuickConnect / ListQuickConnects /
// DeleteQuickConnect / UpdateQuickConnectConfig / UpdateQuickConnectName, and a queue's list of them
// (AssociateQueueQuickConnects / ListQueueQuickConnects / DisassociateQueueQuickConnects) kept on the queue record.
// A USER or QUEUE quick connect must name a user or queue of the instance (ResourceNotFound otherwise); PHONE_NUMBER
// and FLOW are stored as Connect stores them (a chat transfer offers USER and QUEUE ones). ContactFlowId is kept
// as given, as TransferContact takes it. A deleted quick connect drops out of every queue's list when listed.
import { AccessDeniedException, InvalidParameterException, LimitExceededException } from "../api/errors.js";
import type { Caller } from "../domain/types.js";
import { DEFAULT_PAGE, makeToken, readToken, RoutingBase } from "./base.js";
import type { QuickConnect, QuickConnectType } from "./types.js";

/** Permissions that let a signed-in user read any queue's transfer list; without them, their own profile's queues only. */
const ANY_QUEUE = new Set(["*", "Queues.View", "Queues.Edit"]);

/** How many quick connects one queue may list (Connect's quota is adjustable; ours is fixed). */
export const QUICK_CONNECTS_PER_QUEUE = 1000;

export interface QuickConnectConfig {
  type: QuickConnectType;
  userId?: string;
  queueId?: string;
  contactFlowId?: string;
  phoneNumber?: string;
}

/** Which config member each type needs (Connect refuses a missing one with InvalidParameterException). */
const MEMBER: Record<QuickConnectType, string> = { USER: "UserConfig", QUEUE: "QueueConfig", PHONE_NUMBER: "PhoneConfig", FLOW: "FlowConfig" };
const E164 = /^\+[1-9]\d{1,14}$/;

export class QuickConnects extends RoutingBase {
  async create(caller: Caller, instanceId: string, q: { name: string; description?: string; config: QuickConnectConfig; tags?: Record<string, string> }): Promise<QuickConnect> {
    this.instance(caller, instanceId);
    const config = await this.checked(caller, instanceId, q.config);
    return this.insertNew("quickConnect", { id: this.env.newId(), accountId: caller.accountId, instanceId, name: q.name, description: q.description, tags: q.tags, updatedAt: this.now(), ...config });
  }

  describe(caller: Caller, instanceId: string, id: string): Promise<QuickConnect> {
    return this.must("quickConnect", caller, instanceId, id, "QuickConnectId");
  }

  list(caller: Caller, instanceId: string, types: string[] | undefined, nextToken?: string, maxResults?: number) {
    return this.page("quickConnect", caller, instanceId, nextToken, maxResults, (q) => !types?.length || types.includes(q.type));
  }

  async delete(caller: Caller, instanceId: string, id: string): Promise<void> {
    await this.describe(caller, instanceId, id);
    await this.tx.delete("quickConnect", caller.accountId, instanceId, id);
  }

  async updateConfig(caller: Caller, instanceId: string, id: string, config: QuickConnectConfig): Promise<void> {
    const q = await this.describe(caller, instanceId, id);
    const { userId: _u, queueId: _q, contactFlowId: _f, phoneNumber: _p, ...rest } = q;
    await this.save("quickConnect", { ...rest, ...(await this.checked(caller, instanceId, config)) });
  }

  /** UpdateQuickConnectName: Name and Description, either may be absent (Connect requires neither). */
  async updateName(caller: Caller, instanceId: string, id: string, name: string | undefined, description: string | undefined): Promise<void> {
    const q = await this.describe(caller, instanceId, id);
    await this.save("quickConnect", { ...q, name: name ?? q.name, description: description ?? q.description });
  }

  async associate(caller: Caller, instanceId: string, queueId: string, ids: string[]): Promise<void> {
    const queue = await this.must("queue", caller, instanceId, queueId, "QueueId");
    for (const id of ids) await this.must("quickConnect", caller, instanceId, id, "QuickConnectIds");
    const all = [...new Set([...(queue.quickConnectIds ?? []), ...ids])];
    if (all.length > QUICK_CONNECTS_PER_QUEUE) throw new LimitExceededException(`A queue lists at most ${QUICK_CONNECTS_PER_QUEUE} quick connects`);
    await this.save("queue", { ...queue, quickConnectIds: all });
  }

  async disassociate(caller: Caller, instanceId: string, queueId: string, ids: string[]): Promise<void> {
    const queue = await this.must("queue", caller, instanceId, queueId, "QueueId");
    const drop = new Set(ids);
    await this.save("queue", { ...queue, quickConnectIds: (queue.quickConnectIds ?? []).filter((id) => !drop.has(id)) });
  }

  /** The queue's quick connects that still exist, in name order, paged by name. */
  async ofQueue(caller: Caller, instanceId: string, queueId: string, nextToken?: string, maxResults?: number): Promise<{ items: QuickConnect[]; nextToken?: string; queueUpdatedAt: number }> {
    const queue = await this.must("queue", caller, instanceId, queueId, "QueueId");
    if (caller.userId) await this.mayReadTransfers(caller, instanceId, caller.userId, queueId);
    const scope = `queue-quick-connects/${queueId}`;
    const after = nextToken === undefined ? undefined : readToken(nextToken, scope);
    const found: QuickConnect[] = [];
    for (const id of queue.quickConnectIds ?? []) {
      const q = await this.tx.get("quickConnect", caller.accountId, instanceId, id);
      if (q && (after === undefined || q.name > after)) found.push(q);
    }
    found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const limit = maxResults ?? DEFAULT_PAGE;
    const items = found.slice(0, limit);
    return { items, queueUpdatedAt: queue.updatedAt, ...(found.length > limit ? { nextToken: makeToken(scope, items[items.length - 1].name) } : {}) };
  }

  /**
   * A signed-in agent (the Agent security profile) reads the transfer list of the queues their routing profile
   * serves, as the CCP shows it; a user whose profiles may view queues reads any queue's.
   */
  private async mayReadTransfers(caller: Caller, instanceId: string, userId: string, queueId: string): Promise<void> {
    const user = await this.must("user", caller, instanceId, userId, "the signed-in user");
    for (const id of user.securityProfileIds)
      if ((await this.tx.get("securityProfile", caller.accountId, instanceId, id))?.permissions.some((p) => ANY_QUEUE.has(p))) return;
    if (!(await this.tx.profileQueues(user.routingProfileId)).some((q) => q.queueId === queueId))
      throw new AccessDeniedException(`Queue '${queueId}' is not served by the routing profile of user '${userId}'`);
  }

  /** The config with only its type's member, checked: the member present, its user or queue in the instance. */
  private async checked(caller: Caller, instanceId: string, c: QuickConnectConfig): Promise<QuickConnectConfig> {
    const missing = () => new InvalidParameterException(`QuickConnectConfig.${MEMBER[c.type]} is required for QuickConnectType ${c.type}`);
    switch (c.type) {
      case "USER":
        if (!c.userId || !c.contactFlowId) throw missing();
        await this.must("user", caller, instanceId, c.userId, "QuickConnectConfig.UserConfig.UserId");
        return { type: c.type, userId: c.userId, contactFlowId: c.contactFlowId };
      case "QUEUE":
        if (!c.queueId || !c.contactFlowId) throw missing();
        await this.must("queue", caller, instanceId, c.queueId, "QuickConnectConfig.QueueConfig.QueueId");
        return { type: c.type, queueId: c.queueId, contactFlowId: c.contactFlowId };
      case "PHONE_NUMBER":
        if (!c.phoneNumber) throw missing();
        if (!E164.test(c.phoneNumber)) throw new InvalidParameterException("QuickConnectConfig.PhoneConfig.PhoneNumber must be in E.164 format");
        return { type: c.type, phoneNumber: c.phoneNumber };
      case "FLOW":
        if (!c.contactFlowId) throw missing();
        return { type: c.type, contactFlowId: c.contactFlowId };
    }
  }
}
