// UpdateContactTargetQueue: the queue TransferContactToQueue will use — a queue of the contact's instance by id or
// ARN (refs.ts), or an AgentId naming an agent of the instance (the agent's queue). A reference to no queue of the
// instance (unknown, or another instance's ARN) takes the error branch, as Connect does at run time.
import { resolveAgent, resolveQueue } from "../refs.js";
import type { ActionHandler } from "./types.js";

export const UpdateContactTargetQueue: ActionHandler = {
  async run(ctx) {
    const { run, params } = ctx;
    if (typeof params.QueueId === "string" && params.QueueId !== "") {
      const r = await resolveQueue(ctx, params.QueueId);
      if ("why" in r) return { error: "NoMatchingError", why: r.why };
      run.targetQueue = r.queue.id;
      run.targetQueueName = r.queue.name;
      return { next: true, result: r.queue.id };
    }
    if (typeof params.AgentId === "string" && params.AgentId !== "") {
      const r = await resolveAgent(ctx, params.AgentId);
      if ("why" in r) return { error: "NoMatchingError", why: r.why };
      run.targetQueue = `agent:${r.id}`;
      delete run.targetQueueName;
      return { next: true, result: run.targetQueue };
    }
    return { error: "NoMatchingError", why: "neither QueueId nor AgentId has a value" };
  },
};
