// References to an instance's resources in flow parameters (QueueId, AgentId, HoursOfOperationId): a bare id, or
// the resource's ARN — arn:aws:connect:<region>:<account>:instance/<instance>/<kind>/<id>. An ARN names its
// instance: one of another instance (an export loaded unchanged from elsewhere) is not this contact's resource.
import type { ActionCtx, FlowHost, FlowQueue } from "./actions/types.js";

/** ARN resource kinds as Connect spells them in ARNs. */
export type RefKind = "queue" | "agent" | "operating-hours";

const ARN = /^arn:aws[a-z-]*:connect:([^:]*):([^:]*):instance\/([^/]+)\/([a-z-]+)\/([^/]+)$/;

/** The id a reference names in the contact's instance, or why it names none. */
export function refId(host: FlowHost, kind: RefKind, ref: string): { id: string } | { why: string } {
  const v = ref.trim();
  if (!v.startsWith("arn:")) return v && !v.includes("/") ? { id: v } : { why: `'${ref}' is neither a ${kind} id nor a ${kind} ARN` };
  const m = ARN.exec(v);
  if (!m || m[4] !== kind) return { why: `'${ref}' is not a ${kind} ARN` };
  const [, region, account, instance, , id] = m;
  const c = host.chat;
  if (instance !== c.instanceId || account !== c.accountId || region !== host.region) return { why: `${kind} ARN '${ref}' belongs to another instance than ${c.instanceId}` };
  return { id };
}

/**
 * The queue a QueueId parameter names in the contact's instance. Connect takes an id or an ARN of the instance;
 * anything else (an unknown id, another instance's ARN) is no queue and the action takes its error branch.
 * A configured flow may also name its queues the way the rest of the configuration does, by name: either the
 * QueueId is a queue's name, or — a flow exported from another Connect instance and loaded unchanged — its ARN is
 * the other instance's and the designer's metadata records the queue's name (configured queues get fresh ids, so
 * an id cannot be written in a file ahead of time).
 */
export async function resolveQueue(ctx: ActionCtx, ref: string): Promise<{ queue: FlowQueue } | { why: string }> {
  const { host, run } = ctx;
  const r = refId(host, "queue", ref);
  if ("id" in r) {
    const q = await host.queue(r.id);
    if (q) return { queue: q };
  }
  if (host.configured(run.flowId)) {
    for (const name of [ctx.designerQueue, "id" in r ? r.id : undefined]) {
      const q = name ? await host.queueNamed(name) : undefined;
      if (q) return { queue: q };
    }
  }
  return { why: "why" in r ? r.why : `no queue '${r.id}' in instance ${host.chat.instanceId}` };
}

/** The agent (user id) an AgentId parameter names in the contact's instance. */
export async function resolveAgent(ctx: ActionCtx, ref: string): Promise<{ id: string } | { why: string }> {
  const r = refId(ctx.host, "agent", ref);
  if ("why" in r) return r;
  return (await ctx.host.agent(r.id)) ? r : { why: `no agent '${r.id}' in instance ${ctx.host.chat.instanceId}` };
}
