// What the SQLite store knows, within one request, of the contacts it wrote: each contact's last written guard
// columns and attributes (so a second write picks its UPDATE without reading the row back), and a new chat's contact
// row held back until the request ends (so a new chat whose flow sets attributes and a queue writes its contact once,
// not an INSERT then an UPDATE). Both are forgotten when a request (or a batch) starts and when one rolls back.
import { contactRow, searchRows } from "../rows.js";
import type { TxStore } from "../../domain/ports.js";
import type { ChatIdentity, Contact, Participant } from "../../domain/types.js";

/** A contact as this request last wrote it: the columns the update statements guard on, and its attributes as JSON. */
export interface Written {
  state: string;
  expiresAt: number;
  agentId: string | null;
  queueId: string | null;
  attributes: string;
}
export const NO_ATTRIBUTES = "[{},null]";
export const writtenOf = (c: Contact): Written => ({
  state: c.state,
  expiresAt: c.expiresAt,
  agentId: c.agent?.id ?? null,
  queueId: c.queue?.id ?? null,
  attributes: JSON.stringify([c.attributes, c.segmentAttributes ?? null]),
});

/** A contact's row, its attribute search rows and its guard columns, as one insert writes them. */
export interface ContactSnapshot {
  row: ReturnType<typeof contactRow>;
  search: [string, string][];
  written: Written;
}
export const snapshotOf = (c: Contact): ContactSnapshot => ({ row: contactRow(c), search: searchRows(c), written: writtenOf(c) });

/**
 * TxStore calls that neither read nor write contacts or participants (their tables have no foreign key to either):
 * a held-back contact may stay unwritten across them. Every other call writes it first, so no statement ever misses it
 * (updateContact is listed because it decides itself: a write of the held-back contact replaces its row).
 */
const CLEAR_OF_CONTACTS = new Set(["updateContact", "appendItem", "enqueue", "flow", "flowVersion", "run", "saveRun", "setTimer", "clearTimer", "appendFlowLog"]);
const ROUTING_CLEAR_OF_CONTACTS = new Set(["get", "byName", "queueDepth", "insertWork"]);

const identityKey = (k: ChatIdentity) => `${k.accountId}\0${k.destinationId}\0${k.sourceId}\0${k.subtypeKey}`;

export class ContactWrites {
  readonly written = new Map<string, Written>();
  /** Identities this request looked up and found without an active chat: a chat inserted for one cannot conflict. */
  private readonly absent = new Set<string>();
  private held?: { contact: Contact; customer: Participant };

  /** `insert`: the contact's row and its customer's, as insertChat writes them; false on a unique-index conflict. */
  constructor(readonly insert: (snap: ContactSnapshot, customer: Participant) => boolean) {}

  forget(): void {
    this.written.clear();
    this.absent.clear();
    this.held = undefined;
  }

  /** activeChat's answer for an identity. */
  looked(k: ChatIdentity, found: boolean): void {
    if (found) this.absent.delete(identityKey(k));
    else this.absent.add(identityKey(k));
  }

  /** A contact inserted now: its identity (a transfer's next contact keeps it) is no longer known to be free. */
  inserted(c: Contact): void {
    if (c.identity) this.absent.delete(identityKey(c.identity));
  }

  /**
   * Holds a new chat's contact and customer rows back when nothing can conflict with them (this request found its
   * identity free, under the write lock); false: the caller inserts them now and learns of a conflict. The contact
   * is written as it is when the request ends, the domain's in-place stamps (lastItemAt, updatedAt) included, or as
   * a later updateContact hands it over.
   */
  hold(c: Contact, customer: Participant): boolean {
    if (!c.identity || !this.absent.delete(identityKey(c.identity))) return false;
    this.flush();
    this.held = { contact: c, customer };
    return true;
  }

  /** A write of the held-back contact: this object will be inserted; false: the contact is not held. */
  rewrite(c: Contact): boolean {
    if (this.held?.contact.id !== c.id) return false;
    this.held.contact = c;
    return true;
  }

  /** Writes the held-back contact: before any call that could read it, and when the request ends. */
  flush(): void {
    const h = this.held;
    if (!h) return;
    this.held = undefined;
    // The identity was free under the write lock and nothing in between inserted a contact: a conflict is a bug.
    if (!this.insert(snapshotOf(h.contact), h.customer)) throw new Error(`held-back contact ${h.contact.id} conflicted with another active chat of its identity`);
  }

  /** The store whose every call but those clear of contacts writes the held-back contact first. */
  guard(store: TxStore): TxStore {
    const routing = wrap(store.routing, ROUTING_CLEAR_OF_CONTACTS, () => this.flush());
    return { ...wrap(store, CLEAR_OF_CONTACTS, () => this.flush()), routing };
  }
}

function wrap<T extends object>(o: T, clear: Set<string>, flush: () => void): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    out[k] = typeof v !== "function" || clear.has(k) ? v : (...a: unknown[]) => (flush(), (v as (...x: unknown[]) => unknown).apply(o, a));
  }
  return out as T;
}
