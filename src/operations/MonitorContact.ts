// MonitorContact — a supervisor monitors a running chat: Connect's answer {ContactId, ContactArn}; the supervisor
// joins as a SUPERVISOR participant (src/domain/monitor.ts) and takes their participant token from the AcceptContact
// extension. AllowedMonitorCapabilities defaults to SILENT_MONITOR. A signed-in supervisor monitors as themselves.
import type { MonitorCapability } from "../domain/monitor.js";
import type { Handler } from "./context.js";
import { actingUser } from "./routing-agent.js";

export const MonitorContact: Handler<"MonitorContact"> = async (input, ctx) => {
  const userId = actingUser(ctx.caller, input.UserId);
  const allowed = (input.AllowedMonitorCapabilities?.length ? input.AllowedMonitorCapabilities : ["SILENT_MONITOR"]) as MonitorCapability[];
  const chat = await ctx.tx(({ monitors }) => monitors.monitor(ctx.caller, input.InstanceId!, input.ContactId!, userId, allowed));
  return { ContactId: chat.id, ContactArn: `arn:aws:connect:${ctx.region}:${ctx.caller.accountId}:instance/${chat.instanceId}/contact/${chat.id}` };
};
