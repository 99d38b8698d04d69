// A participant timer that came due, inside one transaction: pushed back when the participant wrote since it was
// armed (messages write nothing to timers; they are read here instead), else the participant is marked idle
// (participant.idle, then the auto-disconnect timer if one is set) or auto-disconnected (participant.autodisconnection;
// every participant but the customer leaves; the disconnect flow runs when the contact has one, else the chat ends).
import { ChatBase } from "./chat-base.js";
import { FlowRunner } from "./flow-runs.js";
import { TIMER_CT, type ParticipantTimer } from "./participant-timers.js";
import { CT } from "./rules.js";
import type { Contact, Participant } from "./types.js";

export class ParticipantTimerRunner extends ChatBase {
  /** `t`: the row as the claim leased it. A row changed since (re-armed, stopped) or a chat that ended only goes away or stays. */
  async due(t: ParticipantTimer): Promise<void> {
    const found = await this.tx.contactById(t.contactId);
    const chat = found && (await this.current(found));
    const row = await this.tx.participantTimer(t.participantId);
    if (!row || row.dueAt !== t.dueAt || row.attempts !== t.attempts) return; // re-armed or stopped meanwhile
    const pin = chat?.participantTimers?.pinned[t.participantId];
    const p = await this.tx.participant(t.participantId);
    if (!chat || chat.state !== "ACTIVE" || !pin || !p || p.leftAt !== undefined) {
      await this.tx.clearParticipantTimer(t.participantId);
      return;
    }
    // The participant wrote since the timer was armed: it runs on from that message (Connect resets it on every message).
    const last = await this.tx.lastActivity(chat.initialContactId, p.id, row.since);
    if (last) {
      const ms = row.stage === "IDLE" ? pin.idleMs : pin.disconnectMs;
      if (ms !== undefined && last.at + ms > this.env.clock.now()) {
        await this.tx.setParticipantTimer({ ...row, dueAt: last.at + ms, since: last.position, attempts: 0 });
        return;
      }
    }
    if (row.stage === "IDLE") await this.idle(chat, p, row, pin.disconnectMs);
    else await this.autoDisconnect(chat, p);
  }

  private async idle(chat: Contact, p: Participant, row: ParticipantTimer, disconnectMs: number | undefined): Promise<void> {
    chat.participantTimers!.pinned[p.id].idle = true;
    const ev = await this.append(chat, { Type: "EVENT", ContentType: TIMER_CT.idle }, p, "ALL", false);
    // Auto-disconnect starts once the participant is idle; without it the participant just stays idle.
    if (disconnectMs !== undefined) await this.tx.setParticipantTimer({ ...row, stage: "DISCONNECT", dueAt: this.env.clock.now() + disconnectMs, since: ev.position!, attempts: 0 });
    else await this.tx.clearParticipantTimer(p.id);
    await this.tx.updateContact(chat);
  }

  /** Everyone but the customer leaves; then the disconnect flow, or (none set) the end of the chat. */
  private async autoDisconnect(chat: Contact, p: Participant): Promise<void> {
    await this.append(chat, { Type: "EVENT", ContentType: TIMER_CT.autodisconnection }, p, "ALL", false);
    const at = this.stamp(chat);
    for (const other of await this.tx.participants(chat.id)) {
      if (other.leftAt !== undefined || other.role === "CUSTOMER" || other.role === "SYSTEM") continue;
      await this.tx.updateParticipant({ ...other, leftAt: at });
      await this.append(chat, { Type: "EVENT", ContentType: CT.left }, other, "ALL", true, at);
    }
    await this.tx.clearParticipantTimer(p.id);
    const hooks = chat.flowSettings?.eventHooks ?? {};
    if (hooks.CustomerRemaining ?? hooks.DisconnectFlow) {
      await this.tx.updateContact(chat);
      await new FlowRunner(this.tx, this.env, this.journal).customerRemaining(chat);
    } else await this.end(chat, "IDLE_DISCONNECT");
  }
}
