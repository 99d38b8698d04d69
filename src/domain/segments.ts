// Transferred chats as Connect has them: a TransferContact ends the chat's current contact and starts a new one
// (InitiationMethod TRANSFER, PreviousContactId the one before, the same InitialContactId) that carries the same
// conversation on — the participants still present (their tokens and sockets unchanged), the item log (kept by
// InitialContactId), the identity an SMS finds its chat by, the attributes. Each contact of the chain is its own
// contacts row, so DescribeContact, SearchContacts and persistent chat read a chain as they read any contact, and a
// chat never transferred pays nothing: no extra row, read or column write on a new chat or a message.
import { transition } from "./lifecycle.js";
import type { TxStore } from "./ports.js";
import type { Contact } from "./types.js";

/**
 * The two records of a transfer at `at`: the current contact ended (its agent and queue as they were, no reason,
 * `nextContactId` naming the new one) and the next contact, `id`, waiting in `queueId`. Pure.
 */
export function transferLegs(chat: Contact, id: string, at: number, queueId: string): { ended: Contact; next: Contact } {
  const ended: Contact = { ...transition(chat, "ENDED", at, undefined), lastItemAt: at, nextContactId: id };
  const next: Contact = {
    ...chat,
    id,
    initiationMethod: "TRANSFER",
    previousContactId: chat.id,
    initiatedAt: at,
    updatedAt: at,
    lastItemAt: at,
    queue: { id: queueId, enqueuedAt: at },
  };
  // What belonged to the contact that ended, not to the chat: its agent, a flow it was waiting in (the transfer flow
  // is not run), the relation it was started with, a search's last message.
  for (const k of ["agent", "flowWaiting", "relatedContactId", "lastMessage", "endedAt", "endReason", "nextContactId"] as const) delete next[k];
  return { ended, next };
}

/**
 * Writes a transfer: the current contact ends first (the identity's one-active-chat index holds one ACTIVE row),
 * then the next contact is inserted and every participant still present moves to it. One transaction with the
 * caller's routing writes, so a kill -9 leaves either the old contact live or the new one queued, never half.
 */
export async function writeTransfer(tx: TxStore, ended: Contact, next: Contact): Promise<void> {
  await tx.updateContact(ended);
  if (!(await tx.insertContact(next))) throw new Error(`contact ${next.id} of a transfer could not be inserted`);
  for (const p of await tx.participants(ended.id)) if (p.leftAt === undefined) await tx.updateParticipant({ ...p, contactId: next.id });
}
