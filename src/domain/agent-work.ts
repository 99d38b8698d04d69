// What happens to an agent's work when the chat ends or the agent leaves it: a waiting chat leaves its queue, an
// offer is withdrawn (the slot frees), a connected agent goes into after-contact work (ACW), which holds the slot
// until CompleteContactWork or its timeout. Apart from chat-base.ts so that both it and routed.ts can use it.
import { acwMs, DEFAULT_ACW_SECONDS } from "../routing/matching.js";
import type { RoutingTimes } from "../routing/matcher.js";
import type { RoutingTx } from "../routing/ports.js";
import type { RoutingWork } from "../routing/types.js";

type Env = { routingTimes?: RoutingTimes };

/** The instance's ACW default: configured, else DEFAULT_ACW_SECONDS. */
export const instanceAcwSeconds = (env: Env, accountId: string, instanceId: string): number | undefined =>
  env.routingTimes ? env.routingTimes.acwSeconds(accountId, instanceId) : DEFAULT_ACW_SECONDS;

/** The chat ended: its live work row ends too. True when a slot was freed or ACW began (the matcher should run). */
export async function workEnds(tx: RoutingTx, env: Env, contactId: string, now: number): Promise<boolean> {
  const w = await tx.liveWork(contactId);
  if (!w) return false;
  if (w.state === "QUEUED") {
    await tx.deleteWork(w.id);
    return false;
  }
  if (w.state === "OFFERED") {
    await tx.deleteWork(w.id);
    await tx.addBusy(w.userId!, -1, now);
    return true;
  }
  await startAcw(tx, env, w, now);
  return true;
}

/** The connected agent's work goes into ACW (or ends at once when the agent's ACW limit is 0). */
export async function startAcw(tx: RoutingTx, env: Env, w: RoutingWork, now: number): Promise<void> {
  const user = await tx.get("user", w.accountId, w.instanceId, w.userId!);
  const ms = acwMs(user, instanceAcwSeconds(env, w.accountId, w.instanceId));
  if (ms === 0) return endAcw(tx, w, now);
  await tx.updateWork({ ...w, state: "ACW", stateSince: now, dueAt: ms === undefined ? undefined : now + ms, version: w.version + 1 });
}

/** ACW ends (CompleteContactWork or its timeout): the row goes, the slot is free, the agent's idle time restarts. */
export async function endAcw(tx: RoutingTx, w: RoutingWork, now: number): Promise<void> {
  await tx.deleteWork(w.id);
  await tx.addBusy(w.userId!, -1, now);
}
