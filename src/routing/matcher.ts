// The matcher inside one transaction: a queue's free agents, idle longest first (locked; on PostgreSQL SKIP LOCKED,
// so a node never waits for another and never takes the agent or chat another node holds), each offered the best
// eligible waiting chats (pickChat) while it has free CHAT slots. An offer holds the slot and starts its timer: the
// offer's expiry, or now for an agent who auto-accepts (the timer loop joins them, in the lock order of ports.ts).
import { agentOfQueue, agentQueueId, autoAccepts, eligibleBefore, pickChat, type Candidate } from "./matching.js";
import type { RoutingTx } from "./ports.js";
import type { RoutingWork, UserStatus } from "./types.js";

/** Per-instance timing (config `routing`); the defaults are in matching.ts. */
export interface RoutingTimes {
  offerSeconds(accountId: string, instanceId: string): number;
  /** The instance's ACW limit when the user has none of their own; undefined: until CompleteContactWork. */
  acwSeconds(accountId: string, instanceId: string): number | undefined;
}

/** How many free agents of one queue a transaction locks at most (a pass walks every queue with waiting chats). */
export const AGENTS_PER_TX = 50;

export class Matcher {
  constructor(
    private readonly tx: RoutingTx,
    private readonly times: RoutingTimes,
    private readonly now: number,
  ) {}

  /** Offers waiting chats of `queueId` (and of the other queues its free agents serve) to those agents; returns the offers. */
  async matchQueue(queueId: string): Promise<RoutingWork[]> {
    const own = agentOfQueue(queueId);
    const agents = own ? [await this.tx.freeAgent(own)].filter((a): a is UserStatus => a !== undefined) : await this.tx.freeAgents(queueId, AGENTS_PER_TX);
    const offers: RoutingWork[] = [];
    for (const agent of agents) offers.push(...(await this.fill(agent)));
    return offers;
  }

  /** Offers the agent chats until its slots are full or nothing eligible waits. */
  private async fill(agent: UserStatus): Promise<RoutingWork[]> {
    const user = await this.tx.get("user", agent.accountId, agent.instanceId, agent.userId);
    if (!user) return [];
    const queues = (await this.tx.profileQueues(agent.routingProfileId)).filter((q) => q.channel === "CHAT");
    const offers: RoutingWork[] = [];
    for (let free = agent.chatSlots - agent.chatBusy; free > 0; free--) {
      const candidates: Candidate[] = [];
      const mine = await this.tx.topQueued(agentQueueId(agent.userId), this.now);
      if (mine) candidates.push({ work: mine });
      for (const q of queues) {
        const w = await this.tx.topQueued(q.queueId, eligibleBefore(this.now, q.delay));
        if (w) candidates.push({ work: w, via: q });
      }
      const best = pickChat(candidates);
      if (!best) break;
      const auto = autoAccepts(user);
      const offer: RoutingWork = {
        ...best.work,
        state: "OFFERED",
        userId: agent.userId,
        autoAccept: auto,
        stateSince: this.now,
        dueAt: auto ? this.now : this.now + this.times.offerSeconds(agent.accountId, agent.instanceId) * 1000,
        version: best.work.version + 1,
      };
      await this.tx.updateWork(offer);
      // TIME_SINCE_LAST_ACTIVITY: an offer is activity, so the next chat goes to another idle agent first.
      await this.tx.addBusy(agent.userId, 1, this.now);
      offers.push(offer);
    }
    return offers;
  }
}
