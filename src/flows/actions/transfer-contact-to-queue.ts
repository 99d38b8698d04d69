// TransferContactToQueue: the contact enters its target queue (QueueInfo {Id, EnqueueTimestamp}) and the matcher
// routes it (host.enqueue, same transaction). A disabled or full queue (MaxContacts): QueueAtCapacity. Without a
// target queue, already queued, or the queue gone since UpdateContactTargetQueue (deleted in between): the error
// branch. DequeueContactAndTransferToQueue (customer queue flows) moves a queued contact to another queue of the
// instance: its waiting routing row moves with it (QueueAtCapacity when the target is disabled or full, and then
// nothing moves); a contact an agent already has takes the error branch.
import { resolveAgent, resolveQueue } from "../refs.js";
import type { ActionCtx, ActionHandler } from "./types.js";

/** Whether the run's target queue (or agent) still exists in the instance. */
async function stillThere({ host }: ActionCtx, target: string): Promise<boolean> {
  if (target.startsWith("agent:")) return host.agent(target.slice("agent:".length));
  return (await host.queue(target)) !== undefined;
}

export const TransferContactToQueue: ActionHandler = {
  async run(ctx) {
    const { host, run } = ctx;
    if (!run.targetQueue) return { error: "NoMatchingError", why: "no target queue was set (UpdateContactTargetQueue)" };
    if (host.chat.queue) return { error: "NoMatchingError", why: `the contact is already in queue ${host.chat.queue.id}` };
    const gone = { error: "NoMatchingError", why: `the target queue ${run.targetQueue} no longer exists in instance ${host.chat.instanceId}` } as const;
    const routing = host.chat.flowSettings?.routing;
    const priority = routing?.QueuePriority as number | undefined;
    const adjust = routing?.QueueTimeAdjustmentSeconds as number | undefined;
    // The matcher's enqueue reads the queue (or agent) itself and says when it is gone: no second read here.
    const outcome = host.enqueue ? await host.enqueue(run.targetQueue, priority, adjust) : (await stillThere(ctx, run.targetQueue)) ? "queued" : "unknown";
    if (outcome === "unknown") return gone;
    if (outcome === "capacity") return { error: "QueueAtCapacity", why: `queue ${run.targetQueue} is disabled or at its MaxContacts` };
    host.chat.queue = { id: run.targetQueue, enqueuedAt: host.now(), ...(priority !== undefined ? { priority } : {}) };
    return { next: true, result: run.targetQueue };
  },
};

export const DequeueContactAndTransferToQueue: ActionHandler = {
  async run(ctx) {
    const { host, run, params } = ctx;
    if (!host.chat.queue) return { error: "NoMatchingError", why: "the contact is not in a queue" };
    let target: string;
    if (typeof params.QueueId === "string" && params.QueueId !== "") {
      const r = await resolveQueue(ctx, params.QueueId);
      if ("why" in r) return { error: "NoMatchingError", why: r.why };
      target = r.queue.id;
      run.targetQueueName = r.queue.name;
    } else if (typeof params.AgentId === "string" && params.AgentId !== "") {
      const r = await resolveAgent(ctx, params.AgentId);
      if ("why" in r) return { error: "NoMatchingError", why: r.why };
      target = `agent:${r.id}`;
      delete run.targetQueueName;
    } else return { error: "NoMatchingError", why: "neither QueueId nor AgentId has a value" };
    if (host.requeue) {
      const moved = await host.requeue(target);
      if (moved === "capacity") return { error: "QueueAtCapacity", why: `queue ${target} is disabled or at its MaxContacts` };
      if (moved === "not-queued") return { error: "NoMatchingError", why: "the contact is no longer waiting in a queue (an agent has it)" };
      if (moved === "unknown") return { error: "NoMatchingError", why: `queue ${target} no longer exists in instance ${host.chat.instanceId}` };
    }
    run.targetQueue = target;
    host.chat.queue = { ...host.chat.queue, id: target, enqueuedAt: host.now() };
    return { next: true, result: target };
  },
};
