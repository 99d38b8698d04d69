// SMS keywords carriers define (CTIA; Twilio and End User Messaging honour the same words): a whole message of
// STOP, STOPALL, UNSUBSCRIBE, CANCEL, END or QUIT opts the number out of the destination's texts and ends its chat;
// START, UNSTOP or YES opts it back in; HELP (or INFO) is answered with the destination's sms.helpText. And the
// check that refuses an agent's reply to a number that opted out, before anything is stored.
import { ValidationException } from "../api/errors.js";
import { ChatBase, type Sender } from "./chat-base.js";
import type { TxStore } from "./ports.js";
import type { ChatIdentity, Contact, ParticipantRole } from "./types.js";

const STOP = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"]);
const START = new Set(["START", "UNSTOP", "YES"]);
const HELP = new Set(["HELP", "INFO"]);

export type SmsKeyword = "STOP" | "START" | "HELP";

/** The keyword a whole message is (case and surrounding blanks ignored), if it is one. */
export function smsKeyword(text: string): SmsKeyword | undefined {
  const w = text.trim().toUpperCase();
  return STOP.has(w) ? "STOP" : START.has(w) ? "START" : HELP.has(w) ? "HELP" : undefined;
}

const SYSTEM: Sender = { id: "SYSTEM", displayName: "SYSTEM_MESSAGE", role: "SYSTEM" };

export class SmsKeywords extends ChatBase {
  /** STOP: recorded, and the number's active chat (which has the STOP message in it) ends as the customer's leaving. */
  async stop(identity: ChatIdentity): Promise<void> {
    await this.tx.smsOptOut(identity.destinationId, identity.sourceId, this.env.clock.now());
    const chat = await this.tx.activeChat(identity);
    if (chat) {
      const now = await this.current(chat);
      if (now.state === "ACTIVE") await this.end(now, "CUSTOMER_DISCONNECT");
    }
  }

  async start(identity: ChatIdentity): Promise<void> {
    await this.tx.smsOptIn(identity.destinationId, identity.sourceId);
  }

  /** HELP: the help text as a SYSTEM message everyone sees, so the outbox sends it to the phone. */
  async help(identity: ChatIdentity, text: string): Promise<void> {
    const chat = await this.tx.activeChat(identity);
    if (chat && chat.state === "ACTIVE") await this.append(chat, { Type: "MESSAGE", ContentType: "text/plain", Content: text }, SYSTEM, "ALL", true);
  }
}

/** Refuses (400, nothing stored) a message to an SMS chat whose number opted out of the destination's texts. */
export async function checkSmsOptOut(tx: TxStore, chat: Contact, role: ParticipantRole): Promise<void> {
  const id = chat.identity;
  if (!id || role === "CUSTOMER") return; // the customer's own texts never go out
  const at = await tx.smsOptedOut(id.destinationId, id.sourceId);
  if (at === undefined) return;
  throw new ValidationException(
    `${id.sourceId} opted out of SMS from this destination (texted STOP at ${new Date(at).toISOString()}); nothing was sent or stored. ` +
      "The customer can opt back in by texting START or UNSTOP",
  );
}
