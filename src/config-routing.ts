// The YAML shape of an instance's routing objects (hours of operation, queues, routing profiles, agent statuses,
// users) and its translation to the routing room's seed (src/routing/seed.ts). Objects refer to each other by name.
import { z } from "zod";
import type { RoutingSeed } from "./routing/seed.js";
import type { Channel } from "./routing/types.js";

const name = z.string().min(1).max(127);
const CHANNELS = ["VOICE", "CHAT", "TASK", "EMAIL"] as const;
const channelMap = <T extends z.ZodTypeAny>(v: T) => z.partialRecord(z.enum(CHANNELS), v);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24-hour)");
const DAYS = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"] as const;

const Hours = z.strictObject({
  name,
  description: z.string().min(1).max(250).optional(),
  timeZone: z.string().min(1),
  /** One entry per open range: { day: MONDAY, start: "09:00", end: "17:00" }; 00:00–00:00 is the whole day. */
  config: z.array(z.strictObject({ day: z.enum(DAYS), start: time, end: time })).min(1),
});
const Queue = z.strictObject({
  name,
  description: z.string().min(1).max(250).optional(),
  /** Name of hours of operation (default: the built-in Basic Hours). */
  hoursOfOperation: name.optional(),
  maxContacts: z.number().int().min(0).optional(),
  status: z.enum(["ENABLED", "DISABLED"]).optional(),
});
const RoutingProfile = z.strictObject({
  name,
  description: z.string().min(1).max(250).optional(),
  /** Name of a queue (default: BasicQueue). */
  defaultOutboundQueue: name.optional(),
  /** Contacts at once per channel, e.g. { CHAT: 3 } (CHAT 1–10; VOICE 1). */
  concurrency: channelMap(z.number().int().min(1).max(10)).refine((m) => Object.keys(m).length > 0, "must name at least one channel"),
  queues: z
    .array(z.strictObject({ queue: name, channel: z.enum(CHANNELS).default("CHAT"), priority: z.number().int().min(1).max(99).default(1), delay: z.number().int().min(0).max(9999).default(0) }))
    .default([]),
});
const AgentStatus = z.strictObject({
  name,
  description: z.string().min(1).max(250).optional(),
  state: z.enum(["ENABLED", "DISABLED"]).optional(),
  displayOrder: z.number().int().min(1).max(50).optional(),
});
const User = z.strictObject({
  username: z.string().min(1).max(100),
  /** Plain password (hashed at start; `${ENV}` keeps it out of the file) or `passwordHash` from `connect-chat hash-password`. */
  password: z.string().min(1).optional(),
  passwordHash: z.string().min(1).optional(),
  routingProfile: name,
  /** Names of security profiles (default: Agent). */
  securityProfiles: z.array(name).min(1).max(10).default(["Agent"]),
  firstName: z.string().max(255).optional(),
  lastName: z.string().max(300).optional(),
  email: z.string().optional(),
  /** Per channel, e.g. { CHAT: true }: offered chats are joined at once. */
  autoAccept: channelMap(z.boolean()).optional(),
  /** Per channel after-contact-work limit in seconds, e.g. { CHAT: 30 }. */
  afterContactWorkSeconds: channelMap(z.number().int().min(0).max(2000000)).optional(),
});

/** Members of an instance in the YAML (config.ts spreads them into its Instance schema). */
export const routingFields = {
  hoursOfOperation: z.array(Hours).optional(),
  queues: z.array(Queue).optional(),
  routingProfiles: z.array(RoutingProfile).optional(),
  agentStatuses: z.array(AgentStatus).optional(),
  users: z.array(User).optional(),
};

type Parsed = { [K in keyof typeof routingFields]?: z.infer<(typeof routingFields)[K]> };

const hm = (t: string) => ({ hours: Number(t.slice(0, 2)), minutes: Number(t.slice(3, 5)) });
const perChannel = <T>(m: Partial<Record<Channel, T>> | undefined) => m && (Object.entries(m) as [Channel, T][]).map(([channel, value]) => ({ channel, value }));

export function routingSeedOf(i: Parsed): RoutingSeed {
  return {
    hoursOfOperation: i.hoursOfOperation?.map((h) => ({ ...h, config: h.config.map((c) => ({ day: c.day, start: hm(c.start), end: hm(c.end) })) })),
    queues: i.queues,
    routingProfiles: i.routingProfiles?.map((p) => ({
      name: p.name,
      description: p.description,
      defaultOutboundQueue: p.defaultOutboundQueue,
      mediaConcurrencies: (Object.entries(p.concurrency) as [Channel, number][]).map(([channel, concurrency]) => ({ channel, concurrency })),
      queues: p.queues,
    })),
    agentStatuses: i.agentStatuses,
    users: i.users?.map(({ autoAccept, afterContactWorkSeconds, ...u }) => ({ ...u, autoAccept: perChannel(autoAccept), afterContactWork: perChannel(afterContactWorkSeconds) })),
  };
}
