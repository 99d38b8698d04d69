// MonitorContact for chat inside one transaction: a supervisor (a user whose security profile has ManagerListenIn, as
// Connect's CallCenterManager has "Manager monitor") joins a running chat as a SUPERVISOR participant. Silent
// monitoring: the agent's side sees participant.joined (role SUPERVISOR), the customer's does not, and the
// supervisor's messages are refused. Barge (allowed by AllowedMonitorCapabilities BARGE): the customer sees the
// supervisor join and the supervisor may write. As Connect's does, MonitorContact always starts silent monitoring;
// AllowedMonitorCapabilities BARGE only allows escalating. Knowingly differs from AWS: the CCP escalates through a
// private API; here a second MonitorContact by the same supervisor that allows BARGE barges in. The supervisor's
// participant token comes from the AcceptContact extension, as an agent's does.
import { AccessDeniedException, InvalidRequestException, ResourceNotFoundException } from "../api/errors.js";
import { ChatBase } from "./chat-base.js";
import { CT } from "./rules.js";
import type { Caller, Contact, Participant } from "./types.js";

/** The security-profile permission that lets a user monitor contacts (Admin's "*" includes it). */
export const MONITOR_PERMISSION = "ManagerListenIn";

export type MonitorCapability = "SILENT_MONITOR" | "BARGE";

export class Monitors extends ChatBase {
  async monitor(caller: Caller, instanceId: string, contactId: string, userId: string, allowed: MonitorCapability[]): Promise<Contact> {
    const chat = await this.contact(caller, instanceId, contactId);
    const user = await this.tx.routing.get("user", caller.accountId, instanceId, userId);
    if (!user) throw new ResourceNotFoundException(`User '${userId}' (UserId) was not found in instance ${instanceId}`);
    const perms = new Set<string>();
    for (const id of user.securityProfileIds) for (const p of (await this.tx.routing.get("securityProfile", caller.accountId, instanceId, id))?.permissions ?? []) perms.add(p);
    if (!perms.has(MONITOR_PERMISSION) && !perms.has("*")) throw new AccessDeniedException(`User '${userId}' has no security profile that allows monitoring contacts (${MONITOR_PERMISSION})`);
    if (chat.state !== "ACTIVE" || !chat.agent) throw new InvalidRequestException(`Contact '${contactId}' is not connected to an agent`);
    const mayBarge = allowed.includes("BARGE");
    const present = await this.supervisorOf(chat, userId);
    if (present) {
      if (present.monitor!.mode === "SILENT_MONITOR" && mayBarge) await this.barge(chat, present);
      return chat;
    }
    const mode = "SILENT_MONITOR";
    const name = [user.identityInfo?.firstName, user.identityInfo?.lastName].filter(Boolean).join(" ") || user.name;
    const p: Participant = { id: this.env.ids.participantId(), contactId: chat.id, initialContactId: chat.initialContactId, role: "SUPERVISOR", displayName: name, joinedAt: this.env.clock.now(), monitor: { userId, mode, mayBarge } };
    await this.tx.insertParticipant(p);
    await this.append(chat, { Type: "EVENT", ContentType: CT.joined }, p, "AGENT", true);
    await this.tx.updateContact(chat);
    return chat;
  }

  /** The user's present SUPERVISOR participant on the chat, if they monitor it. */
  async supervisorOf(chat: Contact, userId: string): Promise<Participant | undefined> {
    return (await this.tx.participants(chat.id)).find((p) => p.role === "SUPERVISOR" && p.leftAt === undefined && p.monitor?.userId === userId);
  }

  /** The customer now sees the supervisor (participant.joined), who may write from here on. */
  private async barge(chat: Contact, p: Participant): Promise<void> {
    await this.tx.updateParticipant({ ...p, monitor: { ...p.monitor!, mode: "BARGE" } });
    await this.append(chat, { Type: "EVENT", ContentType: CT.joined }, p, "CUSTOMER", true);
    await this.tx.updateContact(chat);
  }
}

/** SendMessage's rule for a silent monitor. */
export function checkMayWrite(p: Participant): void {
  if (p.role === "SUPERVISOR" && p.monitor?.mode === "SILENT_MONITOR")
    throw new AccessDeniedException("A supervisor monitoring silently cannot send messages until they barge in");
}
