// TransferContactToQueue: the contact enters its target queue (QueueInfo {Id, EnqueueTimestamp}). Routing it to
// an agent is the routing room's job; here the queue is recorded. Without a target queue, or already queued: error.
import type { ActionHandler } from "./types.js";

export const TransferContactToQueue: ActionHandler = {
  run({ host, run }) {
    if (!run.targetQueue) return { error: "NoMatchingError", why: "no target queue was set (UpdateContactTargetQueue)" };
    if (host.chat.queue) return { error: "NoMatchingError", why: `the contact is already in queue ${host.chat.queue.id}` };
    const priority = host.chat.flowSettings?.routing?.QueuePriority as number | undefined;
    host.chat.queue = { id: run.targetQueue, enqueuedAt: host.now(), ...(priority !== undefined ? { priority } : {}) };
    return { next: true, result: run.targetQueue };
  },
};
