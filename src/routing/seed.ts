// Start-up seeding of one instance: the built-in objects when missing (defaults.ts), then the configuration's
// hours, queues, routing profiles, agent statuses and users, upserted by name so that starting twice, or two nodes
// starting at once, ends in the same state (a racing insert loses on the unique name and updates the winner).
// References between objects are by name (a queue's hours, a profile's queues, a user's profile).
import { AwsError } from "../api/errors.js";
import { BASIC_HOURS, BASIC_PROFILE, BASIC_QUEUE, BUILT_IN_SECURITY_PROFILES, BUILT_IN_STATUSES } from "./defaults.js";
import type { RoutingEnv, RoutingTx } from "./ports.js";
import { checkConcurrencies, slotsOf } from "./profiles.js";
import { checkHours } from "./queues.js";
import type { Channel, HoursSlice, Kind, KindRecords, MediaConcurrency, PerChannel } from "./types.js";
import { checkPassword, mergeChannels, USERNAME } from "./users.js";

export interface RoutingSeed {
  hoursOfOperation?: { name: string; description?: string; timeZone: string; config: HoursSlice[] }[];
  queues?: { name: string; description?: string; hoursOfOperation?: string; maxContacts?: number; status?: "ENABLED" | "DISABLED" }[];
  routingProfiles?: {
    name: string;
    description?: string;
    defaultOutboundQueue?: string;
    mediaConcurrencies: MediaConcurrency[];
    queues?: { queue: string; channel: Channel; priority: number; delay: number }[];
  }[];
  agentStatuses?: { name: string; description?: string; state?: "ENABLED" | "DISABLED"; displayOrder?: number }[];
  users?: {
    username: string;
    password?: string;
    passwordHash?: string;
    routingProfile: string;
    securityProfiles: string[];
    firstName?: string;
    lastName?: string;
    email?: string;
    autoAccept?: PerChannel<boolean>[];
    afterContactWork?: PerChannel<number>[];
  }[];
}

/** A configuration problem found while seeding; `path` names the key (users[1].routingProfile). */
export class SeedError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

export const PASSWORD_HASH = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=_-]+\$[A-Za-z0-9+/=_-]+$/;

export async function seedInstance(tx: RoutingTx, env: RoutingEnv, accountId: string, instanceId: string, seed: RoutingSeed, at = ""): Promise<void> {
  const now = env.clock.now();
  const base = { accountId, instanceId, updatedAt: now };
  /** Inserts when missing (by name); `change` rewrites an existing record (upsert) or leaves it (built-ins). */
  const put = async <K extends Kind>(kind: K, name: string, fresh: () => KindRecords[K], change?: (old: KindRecords[K]) => KindRecords[K]) => {
    const old = await tx.byName(kind, accountId, instanceId, name);
    if (old) {
      if (!change) return old;
      const next = change(old);
      if (JSON.stringify({ ...next, updatedAt: 0 }) !== JSON.stringify({ ...old, updatedAt: 0 })) await tx.update(kind, { ...next, updatedAt: now });
      return next;
    }
    const rec = fresh();
    if (await tx.insert(kind, rec)) return rec;
    return put(kind, name, fresh, change); // another node inserted it first: update the winner
  };
  const named = async <K extends Kind>(kind: K, name: string, path: string) => {
    const r = await tx.byName(kind, accountId, instanceId, name);
    if (!r) throw new SeedError(path, `no ${kind} named '${name}' in instance ${instanceId}`);
    return r;
  };
  const check = (path: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      throw e instanceof AwsError ? new SeedError(path, e.message) : e;
    }
  };

  // Built-ins first: the configuration may refer to them (and may redefine BasicQueue and the others by name).
  const hours = await put("hours", BASIC_HOURS.name, () => ({ id: env.newId(), ...base, ...BASIC_HOURS }));
  const queue = await put("queue", BASIC_QUEUE.name, () => ({ id: env.newId(), ...base, ...BASIC_QUEUE, hoursOfOperationId: hours.id, status: "ENABLED", queueType: "STANDARD" }));
  let created = false;
  const profile = await put("routingProfile", BASIC_PROFILE.name, () => {
    created = true;
    return { id: env.newId(), ...base, ...BASIC_PROFILE, defaultOutboundQueueId: queue.id, agentAvailabilityTimer: "TIME_SINCE_LAST_ACTIVITY", isDefault: true };
  });
  if (created) await tx.putProfileQueues(profile.id, BASIC_PROFILE.queues(queue.id));
  for (const s of BUILT_IN_STATUSES) await put("agentStatus", s.name, () => ({ id: env.newId(), ...base, ...s, state: "ENABLED" }));
  for (const p of BUILT_IN_SECURITY_PROFILES) await put("securityProfile", p.name, () => ({ id: env.newId(), ...base, ...p }));

  for (const [i, h] of (seed.hoursOfOperation ?? []).entries()) {
    check(`${at}hoursOfOperation[${i}]`, () => checkHours(h));
    await put("hours", h.name, () => ({ id: env.newId(), ...base, ...h }), (old) => ({ ...old, ...h }));
  }
  for (const [i, q] of (seed.queues ?? []).entries()) {
    const h = await named("hours", q.hoursOfOperation ?? BASIC_HOURS.name, `${at}queues[${i}].hoursOfOperation`);
    const fields = { name: q.name, description: q.description, hoursOfOperationId: h.id, maxContacts: q.maxContacts, status: q.status ?? "ENABLED" };
    await put("queue", q.name, () => ({ id: env.newId(), ...base, ...fields, queueType: "STANDARD" }), (old) => ({ ...old, ...fields }));
  }
  for (const [i, p] of (seed.routingProfiles ?? []).entries()) {
    const path = `${at}routingProfiles[${i}]`;
    check(`${path}.mediaConcurrencies`, () => checkConcurrencies(p.mediaConcurrencies));
    const outbound = await named("queue", p.defaultOutboundQueue ?? BASIC_QUEUE.name, `${path}.defaultOutboundQueue`);
    const queues = [];
    for (const [j, c] of (p.queues ?? []).entries())
      queues.push({ queueId: (await named("queue", c.queue, `${path}.queues[${j}].queue`)).id, channel: c.channel, priority: c.priority, delay: c.delay });
    const fields = { name: p.name, description: p.description ?? p.name, defaultOutboundQueueId: outbound.id, mediaConcurrencies: p.mediaConcurrencies };
    const rec = await put("routingProfile", p.name, () => ({ id: env.newId(), ...base, ...fields, agentAvailabilityTimer: "TIME_SINCE_LAST_ACTIVITY" }), (old) => ({ ...old, ...fields }));
    // The configuration lists the whole profile: its queues are exactly these.
    await tx.clearProfileQueues(rec.id);
    if (queues.length) await tx.putProfileQueues(rec.id, queues);
    await tx.setProfileChatSlots(rec.id, slotsOf(rec));
  }
  for (const [i, s] of (seed.agentStatuses ?? []).entries()) {
    if (BUILT_IN_STATUSES.some((b) => b.name === s.name)) throw new SeedError(`${at}agentStatuses[${i}].name`, `'${s.name}' is a built-in status`);
    const fields = { name: s.name, description: s.description, state: s.state ?? "ENABLED", displayOrder: s.displayOrder, type: "CUSTOM" as const };
    await put("agentStatus", s.name, () => ({ id: env.newId(), ...base, ...fields }), (old) => ({ ...old, ...fields }));
  }
  const offline = await named("agentStatus", "Offline", `${at}(built-in Offline status)`);
  for (const [i, u] of (seed.users ?? []).entries()) {
    const path = `${at}users[${i}]`;
    if (!USERNAME.test(u.username)) throw new SeedError(`${path}.username`, "may hold only letters, digits and _ - . @");
    if ((u.password === undefined) === (u.passwordHash === undefined)) throw new SeedError(path, "needs exactly one of password and passwordHash");
    if (u.password !== undefined) check(`${path}.password`, () => checkPassword(u.password!, "password"));
    if (u.passwordHash !== undefined && !PASSWORD_HASH.test(u.passwordHash)) throw new SeedError(`${path}.passwordHash`, "must be a hash from `connect-chat hash-password` (scrypt$N$r$p$salt$hash)");
    const rp = await named("routingProfile", u.routingProfile, `${path}.routingProfile`);
    const sps = [];
    for (const [j, n] of u.securityProfiles.entries()) sps.push((await named("securityProfile", n, `${path}.securityProfiles[${j}]`)).id);
    const old = await tx.byName("user", accountId, instanceId, u.username);
    // Re-hash only when the password changed: the stored hash (and its salt) stays as long as it verifies.
    const keep = old?.passwordHash !== undefined && u.password !== undefined && (await env.passwords.verify(u.password, old.passwordHash));
    const passwordHash = u.passwordHash ?? (keep ? old!.passwordHash : await env.passwords.hash(u.password!));
    const identityInfo = u.firstName || u.lastName || u.email ? { firstName: u.firstName, lastName: u.lastName, email: u.email } : undefined;
    const autoAccept = mergeChannels([{ channel: "VOICE" as Channel, value: false }], u.autoAccept);
    const afterContactWork = mergeChannels([{ channel: "VOICE" as Channel, value: 0 }], u.afterContactWork);
    const fields = { name: u.username, passwordHash, routingProfileId: rp.id, securityProfileIds: sps, identityInfo, autoAccept, afterContactWork };
    const phoneConfig = { phoneType: "SOFT_PHONE" as const, autoAccept: autoAccept.find((a) => a.channel === "VOICE")?.value, afterContactWorkTimeLimit: afterContactWork.find((a) => a.channel === "VOICE")?.value };
    const user = await put("user", u.username, () => ({ id: env.newId(), ...base, ...fields, phoneConfig, persistentConnection: [] }), (o) => ({ ...o, ...fields, phoneConfig: { ...o.phoneConfig, ...phoneConfig } }));
    const st = await tx.userStatus(user.id);
    if (!st)
      await tx.putUserStatus({ userId: user.id, accountId, instanceId, routingProfileId: rp.id, statusId: offline.id, statusName: offline.name, statusType: "OFFLINE", statusSince: now, chatSlots: slotsOf(rp), chatBusy: 0, idleSince: now });
    else if (st.routingProfileId !== rp.id || st.chatSlots !== slotsOf(rp)) await tx.putUserStatus({ ...st, routingProfileId: rp.id, chatSlots: slotsOf(rp) });
  }
}
