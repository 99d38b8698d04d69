// The participant WebSocket: the protocol amazon-connect-chatjs speaks (aws/subscribe, aws/heartbeat,
// aws/ping; pushes on aws/chat with the item as a JSON string carrying InitialContactId and ContactId).
// Items reach the hub after their transaction commits, in commit order.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Me } from "../domain/participants.js";
import type { PushFeed } from "../domain/ports.js";
import { visibleTo } from "../domain/transcript.js";
import type { Item } from "../domain/types.js";

export const WS_PATH = "/connect/chat";
const IDLE_MS = 10 * 60_000; // API Gateway WebSocket's idle timeout, which Connect's transport has
const MAX_FRAME = 64 * 1024;

interface Conn {
  ws: WebSocket;
  me: Me;
  subscribed: boolean;
  /** Pushes that arrived between the handshake and aws/subscribe: delivered right after the subscribe ack. */
  pending: string[] | undefined;
  lastSeen: number;
}

const MAX_PENDING = 200;

export class ChatHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME });
  private readonly byChat = new Map<string, Set<Conn>>();
  private readonly idleTimer: NodeJS.Timeout;

  /** `feed`: a shared store's push feed, told which chats have sockets here (it then calls publish). */
  constructor(
    /** `since`: the chat's last position when the token was checked (for `feed`). */
    private readonly authenticate: (token: string) => Promise<{ me: Me; since?: number } | undefined>,
    private readonly feed?: PushFeed,
  ) {
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
    const auth = url?.pathname === WS_PATH && token ? await this.authenticate(token).catch(() => undefined) : undefined;
    if (!auth) return refuse(socket);
    const { me, since } = auth;
    const chat = me.chat.initialContactId;
    // Before the handshake completes: whatever commits once the client sees the socket open is pushed to it.
    await this.feed?.watch(chat, since);
    let attached = false;
    if (this.feed) {
      if (socket.destroyed) return this.feed.unwatch(chat); // gone while the watch was registered
      socket.once("close", () => attached || this.feed!.unwatch(chat));
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      attached = true;
      this.attach(ws, me);
    });
  }

  /** Pushes committed items to every subscribed participant of their chat who may see them. */
  publish(items: readonly Item[]): void {
    for (const item of items) {
      const conns = this.byChat.get(item.initialContactId);
      if (!conns) continue;
      const frame = JSON.stringify({
        topic: "aws/chat",
        contentType: "application/json",
        content: JSON.stringify({ ...item.body, InitialContactId: item.initialContactId, ContactId: item.contactId }),
      });
      for (const c of conns) {
        if (!visibleTo(item, c.me)) continue;
        if (c.subscribed) c.ws.send(frame);
        else if (c.pending && c.pending.length < MAX_PENDING) c.pending.push(frame);
      }
    }
  }

  close(): void {
    clearInterval(this.idleTimer);
    for (const conns of this.byChat.values()) for (const c of conns) c.ws.close(1001, "server shutting down");
    this.byChat.clear();
    this.wss.close();
  }

  private attach(ws: WebSocket, me: Me) {
    const conn: Conn = { ws, me, subscribed: false, pending: [], lastSeen: Date.now() };
    const key = me.chat.initialContactId;
    let set = this.byChat.get(key);
    if (!set) this.byChat.set(key, (set = new Set()));
    set.add(conn);
    ws.on("message", (data, isBinary) => this.onFrame(conn, isBinary ? "" : data.toString("utf8")));
    ws.on("close", () => {
      this.feed?.unwatch(key);
      set.delete(conn);
      if (set.size === 0 && this.byChat.get(key) === set) this.byChat.delete(key);
    });
    ws.on("error", () => ws.terminate());
  }

  private onFrame(conn: Conn, text: string) {
    conn.lastSeen = Date.now();
    if (!text.trim()) return;
    let msg: { topic?: unknown; content?: { topics?: unknown } };
    try {
      msg = JSON.parse(text);
    } catch {
      return this.error(conn, "Malformed frame: not JSON");
    }
    switch (msg?.topic) {
      case "aws/subscribe": {
        const topics = Array.isArray(msg.content?.topics) ? (msg.content!.topics as unknown[]).filter((t) => typeof t === "string") : [];
        this.send(conn, { topic: "aws/subscribe", content: { status: "success", topics } });
        if (topics.includes("aws/chat") && !conn.subscribed) {
          conn.subscribed = true;
          for (const frame of conn.pending ?? []) conn.ws.send(frame);
          conn.pending = undefined;
        }
        return;
      }
      case "aws/unsubscribe": {
        const topics = Array.isArray(msg.content?.topics) ? msg.content!.topics : [];
        if ((topics as unknown[]).includes("aws/chat")) conn.subscribed = false; // later pushes are dropped, not buffered
        return this.send(conn, { topic: "aws/unsubscribe", content: { status: "success", topics } });
      }
      case "aws/heartbeat":
        return this.send(conn, { topic: "aws/heartbeat" });
      case "aws/ping":
        return this.send(conn, { topic: "aws/ping", statusCode: 200, statusContent: "OK" });
      default:
        return this.error(conn, `Unknown topic: ${String(msg?.topic).slice(0, 100)}`);
    }
  }

  private send(conn: Conn, frame: unknown) {
    conn.ws.send(JSON.stringify(frame));
  }

  /** Error frames have no topic, in the API Gateway WebSocket style chatjs knows. */
  private error(conn: Conn, message: string) {
    this.send(conn, { message, connectionId: conn.me.participant.id, requestId: crypto.randomUUID() });
  }

  private closeIdle() {
    const cutoff = Date.now() - IDLE_MS;
    for (const conns of this.byChat.values()) for (const c of conns) if (c.lastSeen < cutoff) c.ws.close(1001, "idle");
  }
}

const bare403 = (socket: Duplex) => socket.end("HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"message\":\"Forbidden\"}");
