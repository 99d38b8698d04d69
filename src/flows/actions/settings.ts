// Actions that record a setting on the contact or the run: UpdateContactEventHooks (CustomerQueue, DisconnectFlow,
// …), UpdateContactRoutingBehavior (queue priority), UpdateContactRecordingBehavior (accepted, recorded: chat
// transcripts are always kept here) and UpdateFlowLoggingBehavior.
import type { ActionHandler } from "./types.js";

type Settings = NonNullable<import("../../domain/types.js").Contact["flowSettings"]>;

const record =
  (key: keyof Settings, param: string): ActionHandler => ({
    run({ host, params }) {
      const v = params[param] as Record<string, unknown>;
      const s = (host.chat.flowSettings ??= {});
      s[key] = { ...(s[key] as Record<string, string> | undefined), ...(v as Record<string, string>) };
      if (key === "routing" && host.chat.queue && typeof v.QueuePriority === "number") host.chat.queue = { ...host.chat.queue, priority: v.QueuePriority };
      return { next: true };
    },
  });

export const UpdateContactEventHooks = record("eventHooks", "EventHooks");
export const UpdateContactRecordingBehavior = record("recording", "RecordingBehavior");

export const UpdateContactRoutingBehavior: ActionHandler = {
  run(ctx) {
    const { QueuePriority, QueueTimeAdjustmentSeconds } = ctx.params;
    return record("routing", "_").run({ ...ctx, params: { _: { ...(QueuePriority !== undefined ? { QueuePriority: Number(QueuePriority) } : {}), ...(QueueTimeAdjustmentSeconds !== undefined ? { QueueTimeAdjustmentSeconds: Number(QueueTimeAdjustmentSeconds) } : {}) } } });
  },
};

export const UpdateFlowLoggingBehavior: ActionHandler = {
  run({ run, params }) {
    run.logging = params.FlowLoggingBehavior === "Enabled";
    return { next: true };
  },
};
