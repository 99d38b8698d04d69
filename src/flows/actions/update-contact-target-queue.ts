// UpdateContactTargetQueue: the queue TransferContactToQueue will use (an id or ARN; an AgentId names the agent's
// queue). Queues are not checked against a catalog yet: routing (another issue) will.
import type { ActionHandler } from "./types.js";

/** The queue id of a queue ARN (…/queue/<id>), or the value itself. */
export const queueIdOf = (v: string) => /\/queue\/([^/]+)$/.exec(v)?.[1] ?? v;

export const UpdateContactTargetQueue: ActionHandler = {
  run({ run, params }) {
    const q = typeof params.QueueId === "string" ? queueIdOf(params.QueueId) : typeof params.AgentId === "string" ? `agent:${/\/agent\/([^/]+)$/.exec(params.AgentId)?.[1] ?? params.AgentId}` : "";
    if (!q) return { error: "NoMatchingError", why: "neither QueueId nor AgentId has a value" };
    run.targetQueue = q;
    return { next: true };
  },
};
