// Unread counts that survive a reload: what the agent has seen of a chat is kept as the time of the newest item
// on screen while its tab was in front (per chat, in sessionStorage), and a tab's count is the others' messages
// after it. Counting pushes instead (the old way) counted the whole transcript again after a reload.
import type { Item } from "./transcript.js";

const time = (i: Item) => Date.parse(i.AbsoluteTime) || 0;

/** Messages of the others (customer, other agents, bots) newer than what was seen. */
export function unreadCount(items: readonly Item[], me: string, seenAt: number): number {
  return items.filter((i) => i.Type === "MESSAGE" && i.ParticipantId !== me && !i.pending && time(i) > seenAt).length;
}

/** The newest time on screen (local sends included: their own time is ours, and seen). */
export function newestTime(items: readonly Item[]): number {
  return items.reduce((m, i) => Math.max(m, time(i)), 0);
}

/** True when `me` already sent a read receipt for the message (it came back in the transcript's metadata). */
export function readByMe(item: Item, me: string): boolean {
  return !!item.MessageMetadata?.Receipts?.some((r) => r.RecipientParticipantId === me && r.ReadTimestamp);
}

/** The per-chat seen times, kept in a Storage (sessionStorage in the page) under one key. */
export class SeenStore {
  constructor(private readonly storage: Pick<Storage, "getItem" | "setItem">, private readonly key = "connect-chat.console.seen") {}
  private all(): Record<string, number> {
    try {
      const v = JSON.parse(this.storage.getItem(this.key) ?? "{}");
      return v && typeof v === "object" ? v : {};
    } catch {
      return {};
    }
  }
  get(contactId: string): number {
    const v = this.all()[contactId];
    return typeof v === "number" ? v : 0;
  }
  set(contactId: string, at: number) {
    const all = this.all();
    if ((all[contactId] ?? 0) >= at) return;
    all[contactId] = at;
    this.storage.setItem(this.key, JSON.stringify(all));
  }
  forget(contactId: string) {
    const all = this.all();
    delete all[contactId];
    this.storage.setItem(this.key, JSON.stringify(all));
  }
}
