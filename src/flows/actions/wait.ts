// Wait (chat): parks until TimeLimitSeconds (result WaitCompleted) or one of its Events — CustomerReturned (the
// customer's next message) or BotParticipantDisconnected (a CUSTOM_BOT participant leaving).
import type { ActionHandler } from "./types.js";

export const Wait: ActionHandler = {
  run({ host, params }) {
    const seconds = Number(params.TimeLimitSeconds);
    const events = Array.isArray(params.Events) ? (params.Events as string[]) : [];
    return { park: { kind: "wait", events, ...(Number.isFinite(seconds) && seconds > 0 ? { dueAt: host.now() + seconds * 1000 } : {}) } };
  },
  resume({ run }, ev) {
    const events = run.wait?.events ?? [];
    if (ev.type === "timeout") return { value: "WaitCompleted" };
    if (ev.type === "input" && events.includes("CustomerReturned")) return { value: "CustomerReturned" };
    if (ev.type === "event" && events.includes(ev.name)) return { value: ev.name };
    return { park: run.wait! };
  },
};
