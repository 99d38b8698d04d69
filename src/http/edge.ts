// The connection edge around node:http: every socket is counted and has an 'error' handler from the moment it is
// accepted (a reset peer must never stop the process), connections are capped, only WebSocket upgrades on the hub's
// path leave HTTP, answers on one connection stay in order, and shutdown drains (Connection: close, idle sockets
// closed at once, the rest cut at a deadline).
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";

export const DEFAULT_MAX_CONNECTIONS = 10_000;
/** How long a connection over the cap may take to send the request that gets the 503; then it is closed. */
const OVER_CAP_MS = 1_000;
/** How long a connection closed after an answer keeps reading (and dropping) the rest of an unread body. */
const LINGER_MS = 2_000;

export interface EdgeOptions {
  /** Open connections served; the ones past it get `busy` (up to as many again, at most 1024 more), then none. */
  maxConnections: number;
  /** Path of the WebSocket hub: `Upgrade: websocket` requests for it go to `upgrade`, every other request is HTTP. */
  hubPath: string;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Answers a request that arrived on a connection over the cap (an AWS 503, Connection: close). */
  busy(req: IncomingMessage, res: ServerResponse): void;
  /** Writes the answer to a request node:http could not parse (called once per socket, after answers in flight). */
  clientError(e: NodeJS.ErrnoException, socket: Duplex): void;
}

interface Conn {
  overCap: boolean;
  /** The last response started on this connection: the one a drain marks Connection: close. */
  last?: ServerResponse;
  /** The keep-alive it had before the drain marked it: a request pipelined after it takes the mark over. */
  lastKeepAlive?: boolean;
  clientErrorSeen?: boolean;
}

const noop = () => {};
const TRACKED = Symbol("connect-chat.edge");
type Tracked = Socket & { [TRACKED]?: Conn; _httpMessage?: ServerResponse | null; parser?: { incoming?: IncomingMessage | null } | null; destroySoon?: () => void };

export class Edge {
  private readonly sockets = new Set<Tracked>();
  private draining = false;

  constructor(
    private readonly server: Server,
    private readonly o: EdgeOptions,
  ) {
    // node:http refuses past this itself, at accept, before any byte is read: the hard stop behind the 503s.
    server.maxConnections = o.maxConnections + Math.min(1024, o.maxConnections);
    // Prepended: ours runs before node:http's own listener attaches its parser, so no event can find the socket unhandled.
    server.prependListener("connection", (socket: Tracked) => this.track(socket));
    server.on("upgrade", (req: IncomingMessage, socket: Tracked, head: Buffer) => this.onUpgrade(req, socket, head));
    server.on("clientError", (e: NodeJS.ErrnoException, socket: Tracked) => this.onClientError(e, socket));
  }

  get connections(): number {
    return this.sockets.size;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * Called first by the request listener; false when the request was answered here (its connection is over the
   * cap). During a drain the answer says Connection: close, so the client opens no further request on it.
   */
  admit(req: IncomingMessage, res: ServerResponse): boolean {
    const conn = (req.socket as Tracked)[TRACKED];
    if (this.draining) {
      // Only the last answer on a connection closes it: an earlier one marked close would drop this one.
      if (conn?.last && conn.lastKeepAlive !== undefined && !conn.last.headersSent) conn.last.shouldKeepAlive = conn.lastKeepAlive;
      this.markClose(conn, res);
    } else if (conn) conn.last = res;
    if (!conn?.overCap) return true;
    res.shouldKeepAlive = false;
    this.o.busy(req, res);
    return false;
  }

  /**
   * Stops accepting and drains: answers not yet started say Connection: close, idle keep-alive connections are
   * closed now and the others once their answer is written. `cut` ends whatever is left.
   */
  drain(): Promise<void> {
    this.draining = true;
    const closed = new Promise<void>((ok) => this.server.close(() => ok()));
    for (const s of this.sockets) {
      const conn = s[TRACKED];
      if (conn?.last && !conn.last.writableFinished) this.markClose(conn, conn.last);
    }
    this.server.closeIdleConnections();
    return closed;
  }

  private markClose(conn: Conn | undefined, res: ServerResponse) {
    if (conn) {
      conn.last = res;
      conn.lastKeepAlive = res.shouldKeepAlive;
    }
    if (!res.headersSent) res.shouldKeepAlive = false;
    res.once("finish", this.closeIdleSoon);
  }

  /** Destroys every connection still open (the drain deadline passed). */
  cut(): void {
    this.server.closeAllConnections();
    for (const s of this.sockets) s.destroy();
  }

  /** After node:http's own 'finish' handling (which detaches the response), the connection may be idle. */
  private readonly closeIdleSoon = () => setImmediate(() => this.server.closeIdleConnections());

  private track(socket: Tracked) {
    // A socket handed back to node:http (see serveAsHttp) is already tracked.
    if (socket[TRACKED]) return;
    const conn: Conn = { overCap: this.sockets.size >= this.o.maxConnections };
    socket[TRACKED] = conn;
    this.sockets.add(socket);
    // A peer that resets is not our failure: ECONNRESET and EPIPE end the socket, they must not end the process.
    socket.on("error", noop);
    socket.once("close", () => this.sockets.delete(socket));
    lingerOnClose(socket);
    if (conn.overCap) setTimeout(() => socket.destroy(), OVER_CAP_MS).unref();
  }

  private onUpgrade(req: IncomingMessage, socket: Tracked, head: Buffer) {
    afterAnswersInFlight(socket, () => {
      if (socket.destroyed) return;
      // Over the cap, the request is served as HTTP, which answers it with the 503 (see admit).
      if (socket[TRACKED]?.overCap || !isHubUpgrade(req, this.o.hubPath)) return serveAsHttp(this.server, req, socket, head);
      this.o.upgrade(req, socket, head);
    });
  }

  private onClientError(e: NodeJS.ErrnoException, socket: Tracked) {
    // A peer that is gone gets nothing more, and its requests in flight learn it now (they are aborted).
    if (e.code === "ECONNRESET" || e.code === "EPIPE" || !socket.writable) return void socket.destroy();
    const conn = socket[TRACKED];
    // node:http feeds a failed parser every later chunk and reports each: one answer per connection.
    if (conn?.clientErrorSeen) return;
    if (conn) conn.clientErrorSeen = true;
    afterAnswersInFlight(socket, () => this.o.clientError(e, socket));
  }
}

/**
 * node:http closes a connection after its last answer with destroySoon: the socket is destroyed once the answer is
 * written. If the request's body is still arriving (refused before it was read), the unread bytes make the kernel
 * send a reset, and a client still uploading may lose the answer. Such a connection is half-closed instead and
 * keeps reading (node:http drops the body) until the client closes or LINGER_MS pass: the lingering close of
 * other HTTP servers.
 */
function lingerOnClose(socket: Tracked) {
  const destroySoon = socket.destroySoon;
  if (typeof destroySoon !== "function") return;
  socket.destroySoon = function (this: Tracked) {
    const incoming = this.parser?.incoming;
    if (!incoming || incoming.complete || this.destroyed) return destroySoon.call(this);
    this.end();
    setTimeout(() => this.destroy(), LINGER_MS).unref();
  };
}

/** An upgrade the hub takes: `Upgrade: websocket` on its path. Anything else (h2c, other paths) stays HTTP/1.1. */
export function isHubUpgrade(req: IncomingMessage, hubPath: string): boolean {
  const upgrade = req.headers.upgrade;
  if (!upgrade || !upgrade.split(",").some((t) => t.trim().toLowerCase() === "websocket")) return false;
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  return (q < 0 ? url : url.slice(0, q)) === hubPath;
}

/**
 * Runs `then` once every answer already started on the socket is written: a pipelined request that failed to
 * parse, or that asks for an upgrade, must not overtake the answers to the requests before it. An answer whose
 * own request is incomplete is not waited for: that request is the one that failed (a body cut short).
 */
function afterAnswersInFlight(socket: Tracked, then: () => void) {
  const step = () => {
    const m = socket._httpMessage;
    if (m && !m.writableFinished && !socket.destroyed && m.req?.complete) m.once("finish", () => setImmediate(step));
    else then();
  };
  step();
}

/**
 * node:http (before 24.9's shouldUpgradeCallback) takes every request with an Upgrade header out of HTTP once an
 * 'upgrade' listener exists. A request that is not for the hub is handed back: its head is rebuilt without the
 * Upgrade header (so it parses as plain HTTP/1.1), put back in front of its body bytes, and the socket is given to
 * node:http again as a new connection, which then serves it and any request after it as usual.
 */
function serveAsHttp(server: Server, req: IncomingMessage, socket: Tracked, head: Buffer) {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (name === "upgrade") continue;
    let value = raw[i + 1];
    if (name === "connection") {
      value = value.split(",").map((t) => t.trim()).filter((t) => t && t.toLowerCase() !== "upgrade").join(", ");
      if (!value) continue;
    }
    lines.push(`${raw[i]}: ${value}`);
  }
  try {
    socket.unshift(Buffer.concat([Buffer.from(lines.join("\r\n") + "\r\n\r\n", "latin1"), head]));
  } catch {
    socket.destroy(); // the peer already ended its side: nothing to serve
    return;
  }
  server.emit("connection", socket);
}
