// The contact state machine: the only code that changes Contact.state. Returns what the move implies.
import type { Contact, ContactState, EndReason } from "./types.js";

const MOVES: Readonly<Record<ContactState, readonly ContactState[]>> = {
  ACTIVE: ["ENDED"],
  ENDED: [],
};

export class IllegalTransition extends Error {
  constructor(from: ContactState, to: ContactState) {
    super(`contact cannot move from ${from} to ${to}`);
  }
}

export function canMove(from: ContactState, to: ContactState): boolean {
  return MOVES[from].includes(to);
}

/**
 * Ends the contact at `at` (epoch ms). The caller appends the items the end implies (left, chat.ended). No reason:
 * a contact that ended by a transfer (its chat goes on as the next contact; Connect's record names no reason here).
 */
export function transition(contact: Contact, to: "ENDED", at: number, reason: EndReason | undefined): Contact {
  if (!canMove(contact.state, to)) throw new IllegalTransition(contact.state, to);
  return { ...contact, state: to, endedAt: at, updatedAt: at, ...(reason ? { endReason: reason } : {}) };
}

/** Whether the chat's duration has run out at `now` while it is still marked ACTIVE. */
export function isExpired(contact: Contact, now: number): boolean {
  return contact.state === "ACTIVE" && contact.expiresAt <= now;
}
