// The participant WebSocket hub: upgrades on WS_PATH?token=…, the sockets of each chat and participant, and
// publishing committed items to them (in commit order; socket.ts sends them, catches up and closes). Limits: a
// participant holds at most MAX_SOCKETS_PER_PARTICIPANT sockets on a node; a socket is sent nothing past
// MAX_BUFFERED unsent bytes (it catches up from the store once drained, or is closed); an idle socket lives IDLE_MS.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Me } from "../domain/participants.js";
import type { PushFeed } from "../domain/ports.js";
import type { Item } from "../domain/types.js";
import { CLOSE, frameOf, ParticipantSocket, type SocketDeps } from "./socket.js";

export { MAX_BUFFERED } from "./socket.js";
export const WS_PATH = "/connect/chat";
const IDLE_MS = 10 * 60_000; // API Gateway WebSocket's idle timeout, which Connect's transport has
const MAX_FRAME = 64 * 1024;
/**
 * Sockets one participant may hold on one node. chatjs holds one (two while it swaps URLs); a new socket past the
 * limit closes the participant's oldest, which is the one a crashed or abandoned client left behind (and chatjs
 * reconnects a socket it did not close).
 */
export const MAX_SOCKETS_PER_PARTICIPANT = 10;

export interface HubDeps {
  /** A WebSocket URL token's participant and the chat's position now; undefined (or a throw) refuses it. */
  authenticate(token: string): Promise<{ me: Me; since: number } | undefined>;
  itemsAfter: SocketDeps["itemsAfter"];
  /** A shared store's push feed, told which chats have sockets here (it then calls publish). */
  feed?: PushFeed;
}

export class ChatHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME });
  readonly byChat = new Map<string, Set<ParticipantSocket>>();
  private readonly byParticipant = new Map<string, ParticipantSocket[]>();
  private readonly idleTimer: NodeJS.Timeout;

  constructor(private readonly deps: HubDeps) {
    this.idleTimer = setInterval(() => this.closeIdle(), 30_000);
    this.idleTimer.unref();
  }

  get connections(): number {
    let n = 0;
    for (const s of this.byChat.values()) n += s.size;
    return n;
  }

  /** Sockets attached to one chat. */
  connectionsOf(initialContactId: string): number {
    return this.byChat.get(initialContactId)?.size ?? 0;
  }

  /**
   * HTTP upgrade on WS_PATH?token=...; anything else is refused before the handshake by `refuse` (the app passes
   * the HTTP edge's AWS error shape; by default a bare 403).
   */
  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, refuse: (socket: Duplex) => void = bare403): Promise<void> {
    // URL.parse-like: a request target such as "//" or "//x:y" is not a URL relative to a base and throws.
    let url: URL | undefined;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      url = undefined;
    }
    const token = url?.searchParams.get("token");
    const auth = url?.pathname === WS_PATH && token ? await this.deps.authenticate(token).catch(() => undefined) : undefined;
    if (!auth || !token) return refuse(socket);
    const { me, since } = auth;
    const chat = me.chat.initialContactId;
    const feed = this.deps.feed;
    // Before the handshake completes: whatever commits once the client sees the socket open is pushed to it.
    await feed?.watch(chat, since);
    let attached = false;
    if (feed) {
      if (socket.destroyed) return feed.unwatch(chat); // gone while the watch was registered
      socket.once("close", () => attached || feed.unwatch(chat));
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      attached = true;
      this.attach(ws, me, since, token);
    });
  }

  /** Pushes committed items (in commit order) to the sockets of their chat. */
  publish(items: readonly Item[]): void {
    for (let i = 0; i < items.length; ) {
      const chat = items[i].initialContactId;
      let j = i + 1;
      while (j < items.length && items[j].initialContactId === chat) j++;
      const sockets = this.byChat.get(chat);
      if (sockets) {
        const run = items.slice(i, j);
        const frames = new Map<Item, string>(); // one frame per item, whatever the number of sockets
        const frame = (it: Item) => {
          let f = frames.get(it);
          if (f === undefined) frames.set(it, (f = frameOf(it)));
          return f;
        };
        for (const s of [...sockets]) s.push(run, frame);
      }
      i = j;
    }
  }

  close(): void {
    clearInterval(this.idleTimer);
    for (const sockets of this.byChat.values()) for (const s of [...sockets]) s.close(CLOSE.idle, "server shutting down");
    this.byChat.clear();
    this.byParticipant.clear();
    this.wss.close();
  }

  private attach(ws: WebSocket, me: Me, since: number, token: string) {
    const s = new ParticipantSocket(ws, me, since, token, { itemsAfter: this.deps.itemsAfter, closed: (x) => this.detach(x) });
    const chat = me.chat.initialContactId;
    let set = this.byChat.get(chat);
    if (!set) this.byChat.set(chat, (set = new Set()));
    set.add(s);
    const pid = me.participant.id;
    let mine = this.byParticipant.get(pid);
    if (!mine) this.byParticipant.set(pid, (mine = []));
    mine.push(s);
    while (mine.length > MAX_SOCKETS_PER_PARTICIPANT) mine[0].close(CLOSE.tooMany, "too many sockets for this participant");
    // Once per attached socket, however it closes.
    if (this.deps.feed) ws.once("close", () => this.deps.feed!.unwatch(chat));
  }

  private detach(s: ParticipantSocket) {
    const set = this.byChat.get(s.chat);
    if (set?.delete(s) && set.size === 0) this.byChat.delete(s.chat);
    const pid = s.me.participant.id;
    const mine = this.byParticipant.get(pid);
    const at = mine?.indexOf(s) ?? -1;
    if (at >= 0) mine!.splice(at, 1);
    if (mine?.length === 0) this.byParticipant.delete(pid);
  }

  private closeIdle() {
    const cutoff = Date.now() - IDLE_MS;
    for (const sockets of this.byChat.values()) for (const s of [...sockets]) if (s.lastSeen < cutoff) s.close(CLOSE.idle, "idle");
  }
}

const bare403 = (socket: Duplex) => socket.end("HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"message\":\"Forbidden\"}");
