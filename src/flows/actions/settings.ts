// Actions that record a setting on the contact or the run: UpdateContactEventHooks (CustomerQueue,
// CustomerRemaining — the disconnect flow —, …), UpdateContactRoutingBehavior (queue priority, time adjustment),
// UpdateContactRecordingBehavior (accepted, recorded: chat transcripts are always kept here) and
// UpdateFlowLoggingBehavior.
import type { Contact } from "../../domain/types.js";
import type { ActionHandler } from "./types.js";

type Settings = NonNullable<Contact["flowSettings"]>;

/** Merges `value` into the contact's setting `key` (later blocks add to what earlier ones set). */
function record(chat: Contact, key: keyof Settings, value: Record<string, unknown>) {
  const s = (chat.flowSettings ??= {});
  s[key] = { ...(s[key] as Record<string, string> | undefined), ...(value as Record<string, string>) };
}

export const UpdateContactEventHooks: ActionHandler = {
  run({ host, params }) {
    record(host.chat, "eventHooks", params.EventHooks as Record<string, string>);
    return { next: true };
  },
};

export const UpdateContactRecordingBehavior: ActionHandler = {
  run({ host, params }) {
    record(host.chat, "recording", params.RecordingBehavior as Record<string, unknown>);
    return { next: true };
  },
};

export const UpdateContactRoutingBehavior: ActionHandler = {
  run({ host, params }) {
    const routing: Record<string, unknown> = {};
    if (params.QueuePriority !== undefined) routing.QueuePriority = Number(params.QueuePriority);
    if (params.QueueTimeAdjustmentSeconds !== undefined) routing.QueueTimeAdjustmentSeconds = Number(params.QueueTimeAdjustmentSeconds);
    record(host.chat, "routing", routing);
    // Already queued: the priority applies to the queued contact (DescribeContact's QueuePriority).
    if (host.chat.queue && typeof routing.QueuePriority === "number") host.chat.queue = { ...host.chat.queue, priority: routing.QueuePriority };
    return { next: true };
  },
};

export const UpdateFlowLoggingBehavior: ActionHandler = {
  run({ run, params }) {
    run.logging = params.FlowLoggingBehavior === "Enabled";
    return { next: true };
  },
};
