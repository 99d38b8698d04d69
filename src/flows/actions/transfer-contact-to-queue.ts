// TransferContactToQueue: the contact enters its target queue (QueueInfo {Id, EnqueueTimestamp}) and the matcher
// routes it (host.enqueue, same transaction). A disabled or full queue (MaxContacts): QueueAtCapacity. Without a
// target queue, or already queued: NoMatchingError. A queue id the instance does not have is only recorded.
import type { ActionHandler } from "./types.js";

export const TransferContactToQueue: ActionHandler = {
  async run({ host, run }) {
    if (!run.targetQueue) return { error: "NoMatchingError", why: "no target queue was set (UpdateContactTargetQueue)" };
    if (host.chat.queue) return { error: "NoMatchingError", why: `the contact is already in queue ${host.chat.queue.id}` };
    const routing = host.chat.flowSettings?.routing;
    const priority = routing?.QueuePriority as number | undefined;
    const adjust = routing?.QueueTimeAdjustmentSeconds as number | undefined;
    if (host.enqueue && (await host.enqueue(run.targetQueue, priority, adjust)) === "capacity")
      return { error: "QueueAtCapacity", why: `queue ${run.targetQueue} is disabled or at its MaxContacts` };
    host.chat.queue = { id: run.targetQueue, enqueuedAt: host.now(), ...(priority !== undefined ? { priority } : {}) };
    return { next: true, result: run.targetQueue };
  },
};
