// One participant's WebSocket on the hub: the chatjs protocol frames (aws/subscribe, aws/unsubscribe, aws/heartbeat,
// aws/ping), its push cursor (the last position it was sent or skipped) with catch-up reads from the store — after
// aws/subscribe, and whenever its reader falls behind: the store, not memory, holds what it has yet to get — and
// when it is closed: a reader that stops, its participant leaving, the chat ending.
import { WebSocket } from "ws";
import type { Me } from "../domain/participants.js";
import { CT } from "../domain/rules.js";
import { visibleTo } from "../domain/transcript.js";
import type { Item } from "../domain/types.js";

/**
 * Unsent bytes past which a socket is sent nothing more until its reader drains it below LOW_WATER (it then catches
 * up from the store); a reader that does not within SLOW_MS is closed. Control frames (heartbeat answers) count
 * too: past twice the cap — a client that asks and never reads — the socket is closed at once.
 */
export const MAX_BUFFERED = 1024 * 1024;
const LOW_WATER = MAX_BUFFERED / 4;
const SLOW_MS = 10_000;
const DRAIN_POLL_MS = 100;
/** Items per catch-up read. */
const PAGE = 100;
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5000;
/**
 * A slow reader's close frame waits behind what it has not read: one that resumes reading within this gets it
 * (and reconnects); one that does not is cut then, with what it holds (ws itself would wait 30 s).
 */
const SLOW_CUT_MS = 10_000;
/** A socket not yet subscribed when its chat ends gets this long to subscribe (and be sent the end) before it is closed. */
const UNSUBSCRIBED_GRACE_MS = 5000;

/**
 * Close codes. chatjs (its WebSocket manager) reconnects after any close it did not ask for itself, whatever the
 * code, and stops by itself on chat.ended (it closes its side as it handles the event, before our close arrives).
 */
export const CLOSE = { done: 1000, idle: 1001, tooMany: 1008, slow: 1013 } as const;

export interface SocketDeps {
  /**
   * The chat's items after `after`, ascending, at most `limit`. A socket's first read passes its URL token: the
   * read may then start earlier (the URL's creation, for its first socket) and says where it started.
   */
  itemsAfter(initialContactId: string, after: number, limit: number, token?: string): Promise<{ after: number; items: Item[] }>;
  /** The socket stopped listening (closed by either side): take it out of the hub's registries. */
  closed(socket: ParticipantSocket): void;
}

/** The aws/chat frame of an item: the item JSON as a string, with InitialContactId and ContactId. */
export function frameOf(item: Item): string {
  return JSON.stringify({
    topic: "aws/chat",
    contentType: "application/json",
    content: JSON.stringify({ ...item.body, InitialContactId: item.initialContactId, ContactId: item.contactId }),
  });
}

type State = "new" | "catching" | "live" | "paused" | "closed";

export class ParticipantSocket {
  lastSeen = Date.now();
  /** new: before aws/subscribe; catching: reading from the store (or waiting for its reader); paused: unsubscribed (pushes dropped). */
  private state: State = "new";
  /** Items were published while a catch-up read was under way: read again. */
  private behind = false;
  /** Its participant's own participant.left was sent: close once nothing more is due (chat.ended may follow). */
  private leaving = false;
  private pauseAfterCatchUp = false;
  private grace: NodeJS.Timeout | undefined;

  /** `cursor`: pushes start after this position at the latest; `token`: its URL's, for the first catch-up read. */
  constructor(
    readonly ws: WebSocket,
    readonly me: Me,
    private cursor: number,
    private token: string | undefined,
    private readonly deps: SocketDeps,
  ) {
    ws.on("message", (data, isBinary) => this.onFrame(isBinary ? "" : data.toString("utf8")));
    ws.on("close", () => this.gone());
    ws.on("error", () => ws.terminate());
  }

  get chat(): string {
    return this.me.chat.initialContactId;
  }

  get closed(): boolean {
    return this.state === "closed";
  }

  /** Items of its chat, committed, in position order (`frame` shares one frame per item among a chat's sockets). */
  push(items: readonly Item[], frame: (item: Item) => string = frameOf): void {
    switch (this.state) {
      case "closed":
        return;
      case "new":
        // The catch-up that follows aws/subscribe sends them; a socket that never subscribes still goes at the end.
        if (!this.grace && items.some((i) => this.ends(i)))
          this.grace = setTimeout(() => this.close(CLOSE.done, "chat ended"), UNSUBSCRIBED_GRACE_MS).unref();
        return;
      case "catching":
        this.behind = true;
        return;
      default:
        this.deliver(items, frame);
        if (this.state === "live" && this.full) void this.catchUp(); // the rest waits in the store until the reader drains
        else if (this.leaving) this.close(CLOSE.done, "participant left");
    }
  }

  /** Closes it now; `cut`: do not wait for the client's side of the closing handshake. */
  close(code: number, reason: string, cut = false): void {
    if (this.closed) return;
    this.gone();
    this.ws.close(code, reason);
    if (cut) setTimeout(() => this.ws.terminate(), SLOW_CUT_MS).unref();
  }

  private gone() {
    if (this.closed) return;
    this.state = "closed";
    clearTimeout(this.grace);
    this.deps.closed(this);
  }

  /** chat.ended, or its own participant leaving: nothing after it is for this socket. */
  private ends(item: Item): boolean {
    const t = item.body.ContentType;
    return t === CT.ended || (t === CT.left && item.body.ParticipantId === this.me.participant.id);
  }

  /** Holds MAX_BUFFERED unsent bytes or more: nothing more is sent until it drains. */
  private get full(): boolean {
    return this.ws.bufferedAmount >= MAX_BUFFERED;
  }

  /**
   * Sends items in order, advancing the cursor; stops (the cursor before the first unsent item) once full. While
   * unsubscribed it sends nothing: the items are skipped.
   */
  private deliver(items: readonly Item[], frame: (item: Item) => string) {
    const silent = this.state === "paused" || (this.state === "catching" && this.pauseAfterCatchUp);
    for (const it of items) {
      if (this.closed || (!silent && this.full)) return;
      if (it.position! <= this.cursor) continue; // already sent (by the catch-up, or a push it overlapped)
      this.cursor = it.position!;
      if (!silent && visibleTo(it, this.me)) this.send(frame(it));
      if (it.body.ContentType === CT.ended) return this.close(CLOSE.done, "chat ended");
      if (this.ends(it)) this.leaving = true;
    }
  }

  /**
   * Reads what committed after the cursor — before the socket opened (from CreateParticipantConnection on) or while
   * it waited for aws/subscribe — then switches to live pushes. Pushes that arrive meanwhile only mark it behind
   * (nothing is buffered): it reads again until a read comes back short with none marked.
   */
  private async catchUp(): Promise<void> {
    this.state = "catching";
    let retryMs = RETRY_MIN_MS;
    for (;;) {
      if (!(await this.drained())) return this.close(CLOSE.slow, "slow reader: reconnect", true);
      if (this.closed) return;
      this.behind = false;
      let page: Item[];
      try {
        const read = await this.deps.itemsAfter(this.chat, this.cursor, PAGE, this.token);
        page = read.items;
        if (this.token !== undefined && !this.closed) this.cursor = read.after; // nothing was sent before the first read
        this.token = undefined;
      } catch {
        // The store is unreachable (PostgreSQL outage): try again while the socket stays.
        await new Promise((r) => setTimeout(r, retryMs).unref());
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
        if (this.closed) return;
        continue;
      }
      if (this.closed) return;
      retryMs = RETRY_MIN_MS;
      this.deliver(page, frameOf);
      if (this.closed) return;
      if (page.length < PAGE && !this.behind && !this.full) break;
    }
    this.state = this.pauseAfterCatchUp ? "paused" : "live";
    if (this.leaving) this.close(CLOSE.done, "participant left");
  }

  private onFrame(text: string) {
    this.lastSeen = Date.now();
    if (!text.trim()) return;
    let msg: { topic?: unknown; content?: { topics?: unknown } };
    try {
      msg = JSON.parse(text);
    } catch {
      return this.error("Malformed frame: not JSON");
    }
    const topics = Array.isArray(msg?.content?.topics) ? (msg.content!.topics as unknown[]).filter((t) => typeof t === "string") : [];
    switch (msg?.topic) {
      case "aws/subscribe":
        this.sendJson({ topic: "aws/subscribe", content: { status: "success", topics } });
        if (topics.includes("aws/chat")) this.subscribe();
        return;
      case "aws/unsubscribe":
        if (topics.includes("aws/chat")) this.unsubscribe(); // later pushes are dropped, not kept for later
        return this.sendJson({ topic: "aws/unsubscribe", content: { status: "success", topics } });
      case "aws/heartbeat":
        return this.sendJson({ topic: "aws/heartbeat" });
      case "aws/ping":
        return this.sendJson({ topic: "aws/ping", statusCode: 200, statusContent: "OK" });
      default:
        return this.error(`Unknown topic: ${String(msg?.topic).slice(0, 100)}`);
    }
  }

  /** Waits (up to SLOW_MS) for the reader to take its unsent bytes below LOW_WATER; false if it did not. */
  private async drained(): Promise<boolean> {
    for (let waited = 0; this.ws.bufferedAmount > LOW_WATER && !this.closed; waited += DRAIN_POLL_MS) {
      if (waited >= SLOW_MS) return false;
      await new Promise((r) => setTimeout(r, DRAIN_POLL_MS).unref());
    }
    return true;
  }

  private subscribe() {
    if (this.state === "new") void this.catchUp();
    else if (this.state === "catching") this.pauseAfterCatchUp = false;
    else if (this.state === "paused") this.state = "live";
  }

  private unsubscribe() {
    if (this.state === "catching") this.pauseAfterCatchUp = true;
    else if (this.state === "live") this.state = "paused";
  }

  /** Every frame goes out here. Pushes stop at MAX_BUFFERED (deliver): only unread control answers get past twice that. */
  private send(text: string) {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(text);
    if (this.ws.bufferedAmount > 2 * MAX_BUFFERED) this.close(CLOSE.slow, "slow reader: reconnect", true);
  }

  private sendJson(frame: unknown) {
    this.send(JSON.stringify(frame));
  }

  /** Error frames have no topic, in the API Gateway WebSocket style chatjs knows. */
  private error(message: string) {
    this.sendJson({ message, connectionId: this.me.participant.id, requestId: crypto.randomUUID() });
  }
}
