// CheckHoursOfOperation: True or False as the hours are open now (the engine's clock) in their time zone — the
// HoursOfOperationId given (an id or ARN of the instance), or else the hours of the contact's queue (the one it is
// in, or its target queue). No hours to be found (unknown id, another instance's ARN, no queue, an agent's queue,
// which has no hours in Connect either): the error branch.
import { hoursOpenAt } from "../../routing/hours-open.js";
import { refId } from "../refs.js";
import type { ActionHandler } from "./types.js";

export const CheckHoursOfOperation: ActionHandler = {
  async run({ host, run, params }) {
    let hoursId: string;
    const given = params.HoursOfOperationId;
    if (typeof given === "string" && given !== "") {
      const r = refId(host, "operating-hours", given);
      if ("why" in r) return { error: "NoMatchingError", why: r.why };
      hoursId = r.id;
    } else {
      const queueId = host.chat.queue?.id ?? run.targetQueue;
      if (!queueId) return { error: "NoMatchingError", why: "no HoursOfOperationId and the contact has no queue" };
      if (queueId.startsWith("agent:")) return { error: "NoMatchingError", why: `an agent's queue has no hours of operation (${queueId})` };
      const q = await host.queue(queueId);
      if (!q) return { error: "NoMatchingError", why: `queue ${queueId} no longer exists in instance ${host.chat.instanceId}` };
      hoursId = q.hoursOfOperationId;
    }
    const hours = await host.hours(hoursId);
    if (!hours) return { error: "NoMatchingError", why: `no hours of operation '${hoursId}' in instance ${host.chat.instanceId}` };
    return { value: hoursOpenAt(hours, host.now()) ? "True" : "False" };
  },
};
