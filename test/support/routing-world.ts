// A routing world on a real store with a clock the test moves: queues, profiles and agents seeded by name (the
// YAML path), chats created by SendChatIntegrationEvent's domain through destinations `dq:<queue name>` whose
// default queue is that queue, the matcher's loop run to settle by hand, and the invariants read back from storage.
import assert from "node:assert/strict";
import { Journal, type DomainEnv } from "../../src/domain/chat-base.js";
import { Chats } from "../../src/domain/chats.js";
import { Participants } from "../../src/domain/participants.js";
import type { Directory, Store } from "../../src/domain/ports.js";
import { Routed } from "../../src/domain/routed.js";
import { RoutingLoop } from "../../src/domain/routing-loop.js";
import type { Destination } from "../../src/domain/types.js";
import { Routing } from "../../src/routing/index.js";
import { agentOfQueue, agentQueueId } from "../../src/routing/matching.js";
import type { RoutingEnv } from "../../src/routing/ports.js";
import { seedInstance, type RoutingSeed } from "../../src/routing/seed.js";
import type { RoutingWork, UserStatus } from "../../src/routing/types.js";

export const ACCOUNT = "111122223333";
export const INSTANCE = "routing-inst";
const HASH = "scrypt$16384$8$1$c2FsdA$aGFzaA";

export interface AgentSpec {
  name: string;
  profile: string;
  autoAccept?: boolean;
  acwSeconds?: number;
}

export interface WorldSpec {
  queues: { name: string; maxContacts?: number; status?: "ENABLED" | "DISABLED" }[];
  profiles: { name: string; chat: number; queues: { queue: string; priority?: number; delay?: number }[] }[];
  agents: AgentSpec[];
  offerSeconds?: number;
  acwSeconds?: number;
}

export class World {
  t = Date.parse("2026-12-01T09:00:00.000Z");
  private seq = 0;
  readonly env: DomainEnv;
  readonly routingEnv: RoutingEnv;
  readonly loop: RoutingLoop;
  readonly caller = { accountId: ACCOUNT };
  queueIds = new Map<string, string>();
  userIds = new Map<string, string>();
  statusIds = new Map<string, string>();
  /** Chats created, by contact id (each was queued unless its queue refused it). */
  readonly chats: string[] = [];

  constructor(
    readonly store: Store,
    readonly spec: WorldSpec,
    node = "a",
  ) {
    const directory: Directory = {
      destination: (id) => (id.startsWith("dq:") ? this.destination(id) : undefined),
      hasInstance: (a, i) => a === ACCOUNT && i === INSTANCE,
    };
    const id = (p: string) => () => `${p}-${node}-${++this.seq}-${Math.random().toString(36).slice(2, 8)}`;
    this.env = {
      clock: { now: () => this.t },
      ids: { contactId: id("c"), participantId: id("p"), itemId: id("i"), token: id("t") },
      directory,
      region: "us-east-1",
      routingTimes: { offerSeconds: () => spec.offerSeconds ?? 30, acwSeconds: () => spec.acwSeconds },
    };
    this.routingEnv = { clock: this.env.clock, region: "us-east-1", newId: id("r"), passwords: { hash: async () => HASH, verify: async () => false }, hasInstance: directory.hasInstance };
    this.loop = new RoutingLoop({ store, env: this.env, log: silent, published: () => undefined, pollMs: 3_600_000 });
  }

  private destination(id: string): Destination {
    return { destinationId: id, accountId: ACCOUNT, instanceId: INSTANCE, chatDurationMinutes: 1440, webhooks: [], defaultQueue: id.slice(3) };
  }

  /** Seeds the spec (idempotent: a second node seeds the same names). */
  async seed(): Promise<void> {
    const s = this.spec;
    const seed: RoutingSeed = {
      queues: s.queues,
      routingProfiles: s.profiles.map((p) => ({
        name: p.name,
        mediaConcurrencies: [{ channel: "CHAT", concurrency: p.chat }],
        queues: p.queues.map((q) => ({ queue: q.queue, channel: "CHAT", priority: q.priority ?? 1, delay: q.delay ?? 0 })),
      })),
      users: s.agents.map((a) => ({
        username: a.name,
        passwordHash: HASH,
        routingProfile: a.profile,
        securityProfiles: ["Agent"],
        autoAccept: [{ channel: "CHAT", value: a.autoAccept ?? false }],
        ...(a.acwSeconds !== undefined ? { afterContactWork: [{ channel: "CHAT", value: a.acwSeconds }] } : {}),
      })),
    };
    await this.store.tx((tx) => seedInstance(tx.routing, this.routingEnv, ACCOUNT, INSTANCE, seed));
    await this.store.tx(async (tx) => {
      for (const q of s.queues) this.queueIds.set(q.name, (await tx.routing.byName("queue", ACCOUNT, INSTANCE, q.name))!.id);
      for (const a of s.agents) this.userIds.set(a.name, (await tx.routing.byName("user", ACCOUNT, INSTANCE, a.name))!.id);
      for (const n of ["Available", "Offline"]) this.statusIds.set(n, (await tx.routing.byName("agentStatus", ACCOUNT, INSTANCE, n))!.id);
    });
  }

  advance(ms: number) {
    this.t += ms;
  }

  /** A customer's first message to a destination whose default queue is `queue`; the contact id. */
  async arrive(queue: string, source = `+1555${String(this.chats.length).padStart(7, "0")}${Math.random().toString().slice(2, 6)}`): Promise<string> {
    const r = await this.store.tx((tx) =>
      new Chats(tx, this.env, new Journal()).integrationEvent(this.caller, { sourceId: source, destinationId: `dq:${queue}`, event: { type: "MESSAGE", contentType: "text/plain", content: "hi" } }),
    );
    this.chats.push(r.initialContactId!);
    return r.initialContactId!;
  }

  async status(agent: string, status: "Available" | "Offline"): Promise<void> {
    await this.store.tx((tx) => new Routing(tx.routing, this.routingEnv).users.putStatus(this.caller, INSTANCE, this.userIds.get(agent)!, this.statusIds.get(status)!));
  }

  private routed<T>(fn: (r: Routed) => Promise<T>): Promise<T> {
    return this.store.tx((tx) => fn(new Routed(tx, this.env, new Journal())));
  }
  accept(agent: string, contactId: string) {
    return this.routed((r) => r.accept(this.caller, INSTANCE, contactId, this.userIds.get(agent)!));
  }
  reject(agent: string, contactId: string) {
    return this.routed((r) => r.reject(this.caller, INSTANCE, contactId, this.userIds.get(agent)!));
  }
  complete(agent: string, contactId: string) {
    return this.routed((r) => r.completeWork(this.caller, INSTANCE, contactId, this.userIds.get(agent)!));
  }
  transfer(contactId: string, to: { queue?: string; agent?: string }) {
    return this.routed((r) => r.transfer(this.caller, INSTANCE, contactId, { queueId: to.queue && this.queueIds.get(to.queue), userId: to.agent && this.userIds.get(to.agent) }));
  }
  /** The agent's participant leaves the chat (DisconnectParticipant with their token). */
  async leave(token: string): Promise<void> {
    await this.store.tx(async (tx) => {
      const p = new Participants(tx, this.env, new Journal());
      await p.disconnect(await p.authenticate(token, "PARTICIPANT"));
    });
  }
  /** The customer ends the chat. */
  async end(contactId: string): Promise<void> {
    await this.store.tx((tx) => new Chats(tx, this.env, new Journal()).stop(this.caller, INSTANCE, contactId));
  }
  describe(contactId: string) {
    return this.store.tx((tx) => new Chats(tx, this.env).contact(this.caller, INSTANCE, contactId));
  }

  /** Runs the matcher until nothing changes. */
  settle(): Promise<void> {
    return this.loop.pass();
  }

  async work(): Promise<RoutingWork[]> {
    // Every row: the agents' (OFFERED, CONNECTED, ACW) and those waiting in each queue and each agent's own queue.
    return this.store.tx(async (tx) => {
      const queues = [...this.queueIds.values(), ...[...this.userIds.values()].map(agentQueueId)];
      // One statement at a time: a transaction's connection runs one query at a time (pg 9 refuses queued ones).
      const queued: RoutingWork[] = [];
      for (const q of queues) queued.push(...(await tx.routing.queuedWork(q, 100_000)));
      return [...(await tx.routing.agentWork(ACCOUNT, INSTANCE, 100_000)), ...queued];
    });
  }
  async agentStatus(agent: string): Promise<UserStatus> {
    return (await this.store.tx((tx) => tx.routing.userStatus(this.userIds.get(agent)!)))!;
  }
  /** Work rows by state for one contact. */
  async workOf(contactId: string): Promise<RoutingWork[]> {
    return (await this.work()).filter((w) => w.contactId === contactId);
  }
  nameOf(userId: string | undefined): string | undefined {
    return [...this.userIds].find(([, id]) => id === userId)?.[0];
  }

  /**
   * The invariants: an agent's busy slots are exactly its offered, connected and ACW work and never more than its
   * slots; a chat has at most one live row (so one offer at a time); and, when `settled`, no eligible chat waits in
   * a queue while an Available agent serving it has a free slot.
   */
  async check(settled: boolean): Promise<void> {
    const work = await this.work();
    const live = new Map<string, number>();
    for (const w of work) if (w.state !== "ACW") live.set(w.contactId, (live.get(w.contactId) ?? 0) + 1);
    for (const [c, n] of live) assert.equal(n, 1, `contact ${c} has ${n} live routing rows`);
    const profiles = new Map(this.spec.profiles.map((p) => [p.name, p]));
    for (const a of this.spec.agents) {
      const st = await this.agentStatus(a.name);
      const mine = work.filter((w) => w.userId === st.userId && w.state !== "QUEUED");
      assert.equal(st.chatBusy, mine.length, `${a.name}: busy ${st.chatBusy} but holds ${mine.length} (${mine.map((w) => w.state)})`);
      assert.ok(st.chatBusy <= st.chatSlots, `${a.name}: busy ${st.chatBusy} > slots ${st.chatSlots}`);
      if (!settled || st.statusType !== "ROUTABLE" || st.chatBusy >= st.chatSlots) continue;
      const serves = profiles.get(a.profile)!.queues.filter((q) => (q.delay ?? 0) === 0).map((q) => this.queueIds.get(q.queue));
      const waiting = work.filter((w) => w.state === "QUEUED" && (serves.includes(w.queueId) || agentOfQueue(w.queueId) === st.userId));
      assert.equal(waiting.length, 0, `${a.name} is Available with a free slot while ${waiting.length} chat(s) wait in its queues`);
    }
  }
}

const silent = { error() {}, warn() {}, info() {}, debug() {}, isLevelEnabled: () => false };
