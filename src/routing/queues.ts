// Queues and hours of operation inside one transaction: CreateQueue / DescribeQueue / ListQueues /
// UpdateQueueStatus / UpdateQueueMaxContacts and CreateHoursOfOperation / DescribeHoursOfOperation.
import { InvalidParameterException } from "../api/errors.js";
import type { Caller } from "../domain/types.js";
import { RoutingBase } from "./base.js";
import type { HoursOfOperation, HoursSlice, Queue } from "./types.js";

export interface NewQueue {
  name: string;
  description?: string;
  hoursOfOperationId: string;
  maxContacts?: number;
  outboundCallerConfig?: Record<string, unknown>;
  quickConnectIds?: string[];
  tags?: Record<string, string>;
}

export interface NewHours {
  name: string;
  description?: string;
  timeZone: string;
  config: HoursSlice[];
  tags?: Record<string, string>;
}

export class Queues extends RoutingBase {
  async create(caller: Caller, instanceId: string, q: NewQueue): Promise<Queue> {
    await this.must("hours", caller, instanceId, q.hoursOfOperationId, "HoursOfOperationId");
    return this.insertNew("queue", {
      id: this.env.newId(),
      accountId: caller.accountId,
      instanceId,
      name: q.name,
      description: q.description,
      hoursOfOperationId: q.hoursOfOperationId,
      maxContacts: q.maxContacts,
      status: "ENABLED",
      queueType: "STANDARD",
      outboundCallerConfig: q.outboundCallerConfig,
      quickConnectIds: q.quickConnectIds,
      tags: q.tags,
      updatedAt: this.now(),
    });
  }

  describe(caller: Caller, instanceId: string, queueId: string): Promise<Queue> {
    return this.must("queue", caller, instanceId, queueId, "QueueId");
  }

  list(caller: Caller, instanceId: string, types: string[] | undefined, nextToken?: string, maxResults?: number) {
    return this.page("queue", caller, instanceId, nextToken, maxResults, (q) => !types?.length || types.includes(q.queueType));
  }

  async setStatus(caller: Caller, instanceId: string, queueId: string, status: Queue["status"]): Promise<void> {
    const q = await this.must("queue", caller, instanceId, queueId, "QueueId");
    await this.save("queue", { ...q, status });
  }

  /** MaxContacts absent: the queue has no limit of its own again. */
  async setMaxContacts(caller: Caller, instanceId: string, queueId: string, maxContacts: number | undefined): Promise<void> {
    const q = await this.must("queue", caller, instanceId, queueId, "QueueId");
    await this.save("queue", { ...q, maxContacts });
  }

  async createHours(caller: Caller, instanceId: string, h: NewHours): Promise<HoursOfOperation> {
    this.instance(caller, instanceId);
    checkHours(h);
    return this.insertNew("hours", { id: this.env.newId(), accountId: caller.accountId, instanceId, ...h, updatedAt: this.now() });
  }

  describeHours(caller: Caller, instanceId: string, id: string): Promise<HoursOfOperation> {
    return this.must("hours", caller, instanceId, id, "HoursOfOperationId");
  }
}

let zones: Set<string> | undefined;

/** TimeZone: an IANA zone name (Intl's list, plus UTC); each slice a day once per time range, not empty. */
export function checkHours(h: Pick<NewHours, "timeZone" | "config">): void {
  zones ??= new Set([...Intl.supportedValuesOf("timeZone"), "UTC", "Etc/UTC", "GMT"]);
  if (!zones.has(h.timeZone)) throw new InvalidParameterException(`TimeZone '${h.timeZone}' is not a valid time zone (an IANA name such as America/New_York)`);
  const seen = new Set<string>();
  h.config.forEach((s, i) => {
    const start = s.start.hours * 60 + s.start.minutes;
    const end = s.end.hours * 60 + s.end.minutes;
    // 00:00–00:00 is the whole day; an end before the start runs into the next day (hours-open.ts), as Connect's
    // overnight hours do; any other equal start and end would be empty or ambiguous.
    if (start === end && start !== 0) throw new InvalidParameterException(`Config[${i}]: StartTime and EndTime must differ`);
    const key = `${s.day}/${start}/${end}`;
    if (seen.has(key)) throw new InvalidParameterException(`Config[${i}]: ${s.day} ${fmt(s.start)}–${fmt(s.end)} is listed twice`);
    seen.add(key);
  });
}

const fmt = (t: { hours: number; minutes: number }) => `${String(t.hours).padStart(2, "0")}:${String(t.minutes).padStart(2, "0")}`;
