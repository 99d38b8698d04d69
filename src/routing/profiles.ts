// Routing profiles inside one transaction: CreateRoutingProfile, DescribeRoutingProfile, ListRoutingProfiles,
// UpdateRoutingProfileConcurrency, AssociateRoutingProfileQueues. A profile's CHAT concurrency is copied to the
// routing state of its users (user_status.chat_slots), where the matcher reads it.
import { InvalidParameterException } from "../api/errors.js";
import type { Caller } from "../domain/types.js";
import { RoutingBase } from "./base.js";
import type { MediaConcurrency, ProfileQueue, RoutingProfile } from "./types.js";

export interface NewProfile {
  name: string;
  description: string;
  defaultOutboundQueueId: string;
  mediaConcurrencies: MediaConcurrency[];
  queueConfigs?: ProfileQueue[];
  agentAvailabilityTimer?: RoutingProfile["agentAvailabilityTimer"];
  tags?: Record<string, string>;
}

export interface ProfileView {
  profile: RoutingProfile;
  queues: ProfileQueue[];
  users: number;
}

/** Slots of a channel in a profile: its concurrency, 0 when the profile does not take the channel. */
export const slotsOf = (p: Pick<RoutingProfile, "mediaConcurrencies">, channel = "CHAT"): number =>
  p.mediaConcurrencies.find((m) => m.channel === channel)?.concurrency ?? 0;

export class Profiles extends RoutingBase {
  async create(caller: Caller, instanceId: string, p: NewProfile): Promise<RoutingProfile> {
    checkConcurrencies(p.mediaConcurrencies);
    await this.must("queue", caller, instanceId, p.defaultOutboundQueueId, "DefaultOutboundQueueId");
    const queues = await this.checkQueues(caller, instanceId, p.queueConfigs ?? []);
    const rec = await this.insertNew("routingProfile", {
      id: this.env.newId(),
      accountId: caller.accountId,
      instanceId,
      name: p.name,
      description: p.description,
      defaultOutboundQueueId: p.defaultOutboundQueueId,
      mediaConcurrencies: p.mediaConcurrencies,
      agentAvailabilityTimer: p.agentAvailabilityTimer ?? "TIME_SINCE_LAST_ACTIVITY",
      tags: p.tags,
      updatedAt: this.now(),
    });
    if (queues.length) await this.tx.putProfileQueues(rec.id, queues);
    return rec;
  }

  async describe(caller: Caller, instanceId: string, id: string): Promise<ProfileView> {
    const profile = await this.must("routingProfile", caller, instanceId, id, "RoutingProfileId");
    return { profile, queues: await this.tx.profileQueues(id), users: await this.tx.profileUsers(id) };
  }

  list(caller: Caller, instanceId: string, nextToken?: string, maxResults?: number) {
    return this.page("routingProfile", caller, instanceId, nextToken, maxResults);
  }

  /** Replaces the channels given; the others keep theirs (Connect updates per channel). */
  async setConcurrency(caller: Caller, instanceId: string, id: string, mediaConcurrencies: MediaConcurrency[]): Promise<void> {
    checkConcurrencies(mediaConcurrencies);
    const p = await this.must("routingProfile", caller, instanceId, id, "RoutingProfileId");
    const given = new Set(mediaConcurrencies.map((m) => m.channel));
    const merged = [...p.mediaConcurrencies.filter((m) => !given.has(m.channel)), ...mediaConcurrencies];
    await this.save("routingProfile", { ...p, mediaConcurrencies: merged });
    if (slotsOf({ mediaConcurrencies: merged }) !== slotsOf(p)) await this.tx.setProfileChatSlots(id, slotsOf({ mediaConcurrencies: merged }));
  }

  async associateQueues(caller: Caller, instanceId: string, id: string, configs: ProfileQueue[]): Promise<void> {
    const p = await this.must("routingProfile", caller, instanceId, id, "RoutingProfileId");
    const queues = await this.checkQueues(caller, instanceId, configs);
    await this.tx.putProfileQueues(id, queues);
    await this.save("routingProfile", p);
  }

  private async checkQueues(caller: Caller, instanceId: string, configs: ProfileQueue[]): Promise<ProfileQueue[]> {
    const seen = new Set<string>();
    for (const [i, c] of configs.entries()) {
      const key = `${c.queueId}/${c.channel}`;
      if (seen.has(key)) throw new InvalidParameterException(`QueueConfigs[${i}]: queue ${c.queueId} is listed twice for channel ${c.channel}`);
      seen.add(key);
      await this.must("queue", caller, instanceId, c.queueId, `QueueConfigs[${i}].QueueReference.QueueId`);
    }
    return configs;
  }
}

/** One entry per channel; VOICE takes one contact at a time (Connect's rule); the model bounds the rest to 1–10. */
export function checkConcurrencies(list: MediaConcurrency[]): void {
  const seen = new Set<string>();
  list.forEach((m, i) => {
    if (seen.has(m.channel)) throw new InvalidParameterException(`MediaConcurrencies[${i}]: channel ${m.channel} is listed twice`);
    seen.add(m.channel);
    if (m.channel === "VOICE" && m.concurrency !== 1) throw new InvalidParameterException(`MediaConcurrencies[${i}]: VOICE concurrency must be 1`);
    if (!(m.concurrency >= 1 && m.concurrency <= 10)) throw new InvalidParameterException(`MediaConcurrencies[${i}]: Concurrency must be 1 to 10`);
  });
}
