// GetCurrentMetricData inside one transaction: the real-time counts of queues and agents, from routing_work and
// user_status, one aggregate query per queue and per routing profile (each through an index, never a table scan).
// What "serves" means: a profile serves a queue when one of its QueueConfigs names it on a channel in the request
// (any channel when none is named; CHAT alone under a CHANNEL grouping, as chat is all this server carries).
// Values, as Connect defines them: CONTACTS_IN_QUEUE counts QUEUED and OFFERED chats (in queue until an agent
// connects); OLDEST_CONTACT_AGE is in seconds with groupings and in milliseconds without (Connect's documented
// quirk); AGENTS_AFTER_CONTACT_WORK counts contacts in ACW; AGENTS_ERROR is the Missed status; AGENTS_STAFFED is
// online less error; SLOTS_* are CHAT slots; CONTACTS_SCHEDULED is 0 (no callbacks); ESTIMATED_WAIT_TIME has no
// Value (Connect's "cannot be calculated").
import { InvalidRequestException } from "../api/errors.js";
import type { Caller } from "../domain/types.js";
import { makeToken, readToken, RoutingBase } from "./base.js";
import { fingerprint, idFromArn, type MetricName, type MetricRequest } from "./metric-rules.js";
import type { Channel, ProfileAgents, QueueLoad } from "./types.js";

/** "The token expires after 5 minutes from the time it is created." */
const TOKEN_LIFETIME_MS = 5 * 60_000;

export interface MetricRow {
  queueId?: string;
  routingProfileId?: string;
  channel?: "CHAT";
  /** In the order of the request's metrics; undefined: no Value. */
  values: (number | undefined)[];
}

export interface MetricPage {
  rows: MetricRow[];
  total: number;
  snapshotAt: number;
  nextToken?: string;
}

const ZERO: ProfileAgents = { online: 0, available: 0, nonProductive: 0, error: 0, onContact: 0, afterContactWork: 0, slotsActive: 0, slotsAvailable: 0 };

interface Cell {
  row: Omit<MetricRow, "values">;
  queues: string[];
  profiles: string[];
}

export class CurrentMetrics extends RoutingBase {
  async read(caller: Caller, instanceId: string, req: MetricRequest, page: { nextToken?: string; maxResults?: number }): Promise<MetricPage> {
    this.instance(caller, instanceId);
    const scope = `metrics/${instanceId}/${fingerprint(JSON.stringify(req))}`;
    let offset = 0;
    let snapshotAt = this.now();
    if (page.nextToken !== undefined) {
      const t = JSON.parse(readToken(page.nextToken, scope)) as { o: number; t: number };
      if (snapshotAt - t.t > TOKEN_LIFETIME_MS) throw new InvalidRequestException("The NextToken has expired");
      [offset, snapshotAt] = [t.o, t.t];
    }
    const cells = await this.cells(caller, instanceId, req);
    const loads = new Map<string, QueueLoad>();
    const agents = new Map<string, ProfileAgents>();
    for (const q of new Set(cells.flatMap((c) => c.queues))) loads.set(q, await this.tx.queueLoad(q));
    for (const p of new Set(cells.flatMap((c) => c.profiles))) agents.set(p, await this.tx.profileAgents(p));

    const chat = !req.channels || req.channels.includes("CHAT");
    const grouped = req.groupings.length > 0;
    const valueOf = (c: Cell, name: MetricName): number | undefined => {
      const a = c.profiles.reduce((s, p) => sum(s, agents.get(p)!), ZERO);
      const waiting = chat ? c.queues.reduce((n, q) => n + loads.get(q)!.waiting, 0) : 0;
      const oldest = chat ? Math.min(...c.queues.map((q) => loads.get(q)!.oldestEnqueuedAt ?? Infinity)) : Infinity;
      const age = oldest === Infinity ? 0 : Math.max(0, snapshotAt - oldest);
      const slots = chat ? 1 : 0;
      switch (name) {
        case "AGENTS_ONLINE": return a.online;
        case "AGENTS_AVAILABLE": return a.available;
        case "AGENTS_ON_CALL":
        case "AGENTS_ON_CONTACT": return a.onContact;
        case "AGENTS_NON_PRODUCTIVE": return a.nonProductive;
        case "AGENTS_AFTER_CONTACT_WORK": return a.afterContactWork;
        case "AGENTS_ERROR": return a.error;
        case "AGENTS_STAFFED": return a.online - a.error;
        case "CONTACTS_IN_QUEUE": return waiting;
        case "CONTACTS_SCHEDULED": return 0;
        case "OLDEST_CONTACT_AGE": return grouped ? Math.floor(age / 1000) : age;
        case "SLOTS_ACTIVE": return a.slotsActive * slots;
        case "SLOTS_AVAILABLE": return a.slotsAvailable * slots;
        case "ESTIMATED_WAIT_TIME": return undefined;
      }
    };
    const sortKey = (c: Cell) => valueOf(c, req.sort.metric) ?? -1;
    const ordered = cells
      .map((c) => ({ c, k: sortKey(c), id: `${c.row.queueId ?? ""}/${c.row.routingProfileId ?? ""}` }))
      .sort((x, y) => (x.k === y.k ? (x.id < y.id ? -1 : x.id > y.id ? 1 : 0) : req.sort.descending ? y.k - x.k : x.k - y.k));
    const limit = page.maxResults ?? 100;
    const slice = ordered.slice(offset, offset + limit);
    const more = offset + limit < ordered.length;
    return {
      rows: slice.map(({ c }) => ({ ...c.row, values: req.metrics.map((m) => valueOf(c, m.name)) })),
      total: ordered.length,
      snapshotAt,
      ...(more ? { nextToken: makeToken(scope, JSON.stringify({ o: offset + limit, t: snapshotAt })) } : {}),
    };
  }

  /** The rows the groupings ask for, each with the queues and profiles it sums. */
  private async cells(caller: Caller, instanceId: string, req: MetricRequest): Promise<Cell[]> {
    const byChannel = req.groupings.includes("CHANNEL");
    if (byChannel && req.channels && !req.channels.includes("CHAT")) return [];
    const channels: Channel[] | undefined = byChannel ? ["CHAT"] : (req.channels as Channel[] | undefined);
    const on = (c: Channel) => !channels || channels.includes(c);
    // pairs: (queue, profile) where the profile serves the queue on a channel of the request.
    const pairs = new Set<string>();
    let queues: string[];
    let profiles: string[];
    if (req.queues) {
      queues = [];
      for (const raw of req.queues) {
        const q = idFromArn(raw, instanceId, "queue");
        await this.must("queue", caller, instanceId, q, "Filters.Queues");
        queues.push(q);
        for (const e of await this.tx.queueProfiles(q)) if (on(e.channel)) pairs.add(`${q} ${e.routingProfileId}`);
      }
      profiles = [...new Set([...pairs].map((p) => p.split(" ")[1]))];
    } else {
      profiles = [];
      for (const raw of req.routingProfiles!) {
        const p = idFromArn(raw, instanceId, "routing-profile");
        await this.must("routingProfile", caller, instanceId, p, "Filters.RoutingProfiles");
        profiles.push(p);
        for (const e of await this.tx.profileQueues(p)) if (on(e.channel)) pairs.add(`${e.queueId} ${p}`);
      }
      queues = [...new Set([...pairs].map((p) => p.split(" ")[0]))].filter((q) => !q.startsWith("agent:"));
    }
    queues = [...new Set(queues)];
    profiles = [...new Set(profiles)];
    const serves = (q: string, p: string) => pairs.has(`${q} ${p}`);
    const channel = byChannel ? { channel: "CHAT" as const } : {};
    const g = new Set(req.groupings);
    if (g.has("QUEUE") && g.has("ROUTING_PROFILE"))
      return queues.flatMap((q) => profiles.filter((p) => serves(q, p)).map((p) => ({ row: { queueId: q, routingProfileId: p, ...channel }, queues: [q], profiles: [p] })));
    if (g.has("QUEUE")) return queues.map((q) => ({ row: { queueId: q, ...channel }, queues: [q], profiles: profiles.filter((p) => serves(q, p)) }));
    if (g.has("ROUTING_PROFILE")) return profiles.map((p) => ({ row: { routingProfileId: p, ...channel }, queues: queues.filter((q) => serves(q, p)), profiles: [p] }));
    return [{ row: { ...channel }, queues, profiles }];
  }
}

function sum(a: ProfileAgents, b: ProfileAgents): ProfileAgents {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof ProfileAgents)[]) out[k] += b[k];
  return out;
}
