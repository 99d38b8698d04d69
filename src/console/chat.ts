// One joined chat, participant side: amazon-connect-chatjs with the agent's ParticipantToken (a chatjs
// CUSTOMER-type session is the one that takes a participant token; the server knows the token is an AGENT's).
// Live pushes merge into the transcript; after a reconnect the gap is filled from GetTranscript, paging
// backward until a known item; if chatjs gives up on the socket, a new session is started with backoff.
import { chatjs } from "./chatjs.js";
import { tokenRefused } from "./logic/errors.js";
import { confirmLocal, isEnded, markFailed, mergeItems, overlaps, receiptsAccepted, unreadFrom, TYPING, type Item } from "./logic/transcript.js";
import { newestTime, readByMe, SeenStore, unreadCount } from "./logic/unread.js";
import type { TabRef } from "./session.js";

export type Status = "connecting" | "live" | "reconnecting" | "ended" | "error";

export interface ChatState {
  items: Item[];
  status: Status;
  /** Display name of whoever else is typing, until a few seconds after their last typing event. */
  typing?: string;
  error?: string;
  unread: number;
  /** chatjs sessions started after the first, because chatjs gave up on its socket (or never got one). */
  restarts: number;
}

const READ = "application/vnd.amazonaws.connect.event.message.read";
const TYPING_SHOWN_MS = 6000;
const TYPING_SEND_EVERY_MS = 4000;
const PAGE = 100;

const seen = new SeenStore(sessionStorage);

export class ChatConn {
  state: ChatState = { items: [], status: "connecting", unread: 0, restarts: 0 };
  /** Whether this chat's tab is the one on screen (read receipts are sent only then). */
  private shown = false;
  /** What had been seen of this chat when its tab last came to front (the "new messages" marker's place). */
  seenWhenShown = 0;
  /** The transcript has been loaded once (what arrives after that is news, for the alerts). */
  loaded = false;
  private readonly listeners = new Set<() => void>();
  private session: any;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private lastTypingSent = 0;
  private lastRead: string | undefined;
  private readonly readQueue: string[] = [];
  private reading = false;
  private established = false;
  private attempts = 0;
  private closed = false;
  private localSeq = 0;

  constructor(readonly ref: TabRef, private readonly region: string) {}

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(patch: Partial<ChatState>) {
    this.state = { ...this.state, ...patch };
    // What is on screen in the tab in front is seen; the count of the others follows from what was seen.
    if (this.shown) seen.set(this.ref.contactId, newestTime(this.state.items));
    this.state.unread = this.shown ? 0 : unreadCount(this.state.items, this.ref.participantId, seen.get(this.ref.contactId));
    for (const l of this.listeners) l();
  }

  get visible() {
    return this.shown;
  }
  /** The tab comes to front (or leaves it): the marker remembers where the agent had got to. */
  set visible(v: boolean) {
    if (v === this.shown) return;
    if (v) this.seenWhenShown = seen.get(this.ref.contactId);
    this.shown = v;
    if (v) this.set({});
  }

  private merge(incoming: Item[]) {
    const known = new Set(this.state.items.map((i) => i.Id));
    const items = mergeItems(this.state.items, incoming, this.ref.participantId);
    const fresh = items.filter((i) => !known.has(i.Id) && i.Type === "MESSAGE" && i.ParticipantId !== this.ref.participantId).length;
    // A message from whoever was typing ends their typing indicator.
    const typingDone = this.state.typing !== undefined && incoming.some((i) => i.Type === "MESSAGE" && i.ParticipantId !== this.ref.participantId);
    if (typingDone) clearTimeout(this.typingTimer);
    this.set({ items, status: isEnded(items) ? "ended" : this.state.status, ...(typingDone ? { typing: undefined } : {}) });
    if (this.visible && fresh) void this.markRead();
  }

  async start(): Promise<void> {
    if (this.closed) return;
    this.teardown();
    const s = chatjs(this.region).create({
      chatDetails: { contactId: this.ref.contactId, participantId: this.ref.participantId, participantToken: this.ref.participantToken },
      type: "CUSTOMER",
      options: { region: this.region },
      disableCSM: true,
    });
    this.session = s;
    // Events of a session we have replaced are ignored: chatjs may still deliver a few after teardown.
    const on = <T>(fn: (e: T) => void) => (e: T) => this.session === s && fn(e);
    const item = on((e: any) => e?.data && this.merge([e.data]));
    s.onMessage(item);
    s.onReadReceipt(item);
    s.onDeliveredReceipt(item);
    s.onTyping(on((e: any) => this.typingFrom(e?.data)));
    s.onEnded(on(() => this.set({ status: "ended", typing: undefined })));
    s.onConnectionEstablished(on(() => {
      this.attempts = 0;
      if (this.state.status !== "ended") this.set({ status: "live", error: undefined });
      if (this.established) void this.fillGap().then(() => this.markRead());
      this.established = true;
    }));
    s.onConnectionLost(on(() => this.state.status !== "ended" && this.set({ status: "reconnecting" })));
    s.onConnectionBroken(on(() => this.restartLater()));
    try {
      await s.connect();
      await this.fillGap();
      if (this.session !== s) return;
      if (!this.loaded) {
        this.loaded = true;
        this.set({});
      }
      if (this.state.status === "connecting" || this.state.status === "reconnecting") this.set({ status: isEnded(this.state.items) ? "ended" : "live" });
      // What arrived while we were connecting is on screen now: read receipts for it.
      await this.markRead();
    } catch (e) {
      if (this.session !== s) return;
      // A token the server no longer accepts (chat over, participant gone) will not come back by retrying.
      if (tokenRefused(e)) this.set({ status: isEnded(this.state.items) ? "ended" : "error", error: "This chat is over or the agent left it." });
      else this.restartLater();
    }
  }

  /** Drops the current chatjs session: its socket closed, its handlers gone (its participant stays in the chat). */
  private teardown() {
    const old = this.session;
    if (!old) return;
    this.session = undefined;
    try {
      old.controller?.breakConnection?.();
      old.controller?.pubsub?.unsubscribeAll?.();
    } catch {
      // An already broken session has nothing left to close.
    }
  }

  /** Backoff 1 s, 2 s, 4 s … 30 s, with a fresh chatjs session each time. */
  private restartLater() {
    if (this.closed || this.state.status === "ended") return;
    this.set({ status: "reconnecting" });
    clearTimeout(this.retryTimer);
    const delay = Math.min(30_000, 1000 * 2 ** this.attempts++);
    this.retryTimer = setTimeout(() => {
      this.set({ restarts: this.state.restarts + 1 });
      void this.start();
    }, delay);
  }

  /** Pages backward from the newest item until one we already had (or the start of the chat). */
  async fillGap(): Promise<void> {
    let nextToken: string | undefined;
    for (let i = 0; i < 50; i++) {
      const r = await this.session.getTranscript({ scanDirection: "BACKWARD", sortOrder: "ASCENDING", maxResults: PAGE, nextToken });
      const page: Item[] = r?.data?.Transcript ?? [];
      const done = overlaps(this.state.items, page);
      this.merge(page);
      nextToken = r?.data?.NextToken;
      if (done || !nextToken || page.length === 0) return;
    }
  }

  /** Another chat of the same customer, read with this chat's connection (the server's customer-history extension). */
  async transcriptOf(contactId: string): Promise<Item[]> {
    if (!this.session) throw new Error("This chat is not connected.");
    let items: Item[] = [];
    let nextToken: string | undefined;
    for (let i = 0; i < 10; i++) {
      const r = await this.session.getTranscript({ contactId, scanDirection: "BACKWARD", sortOrder: "ASCENDING", maxResults: PAGE, nextToken });
      items = mergeItems(items, r?.data?.Transcript ?? []);
      nextToken = r?.data?.NextToken;
      if (!nextToken) break;
    }
    return items;
  }

  private typingFrom(data: any) {
    if (!data || data.ParticipantId === this.ref.participantId || data.ContentType !== TYPING) return;
    clearTimeout(this.typingTimer);
    this.set({ typing: data.DisplayName || data.ParticipantRole || "Someone" });
    this.typingTimer = setTimeout(() => this.set({ typing: undefined }), TYPING_SHOWN_MS);
  }

  async send(text: string): Promise<void> {
    const localId = `local:${++this.localSeq}`;
    this.merge([{ Id: localId, Type: "MESSAGE", ContentType: "text/plain", Content: text, AbsoluteTime: new Date().toISOString(), ParticipantId: this.ref.participantId, ParticipantRole: "AGENT", pending: true }]);
    try {
      const r = await this.session.sendMessage({ contentType: "text/plain", message: text });
      this.set({ items: confirmLocal(this.state.items, localId, r.data.Id, r.data.AbsoluteTime) });
    } catch {
      this.set({ items: markFailed(this.state.items, localId) });
    }
  }

  /**
   * Sends a file (chatjs: StartAttachmentUpload, the upload, CompleteAttachmentUpload). Shown at once as a pending
   * item; the server's ATTACHMENT item replaces it when pushed. A refusal (type, size) marks it failed and says why.
   */
  async sendFile(file: File): Promise<void> {
    const localId = `local:${++this.localSeq}`;
    const local: Item = { Id: localId, Type: "ATTACHMENT", ContentType: file.type, AbsoluteTime: new Date().toISOString(), ParticipantId: this.ref.participantId, ParticipantRole: "AGENT", pending: true, Attachments: [{ AttachmentName: file.name, ContentType: file.type }] };
    this.merge([local]);
    try {
      await this.session.sendAttachment({ attachment: file });
      // The pushed ATTACHMENT item (with its id) takes the place of the local one.
      this.set({ items: this.state.items.filter((i) => i.Id !== localId) });
    } catch (e: any) {
      const why = e?._debug?.message ?? e?.message ?? (typeof e === "string" ? e : "The upload failed.");
      this.set({ items: markFailed(this.state.items, localId).map((i) => (i.Id === localId ? { ...i, Content: String(why) } : i)) });
    }
  }

  /** An attachment's bytes, through the agent's connection (GetAttachment and its signed URL). */
  async download(attachmentId: string): Promise<Blob> {
    const r = await this.session.downloadAttachment({ attachmentId });
    return r instanceof Blob ? r : (r?.data ?? r);
  }

  /** Tells the others we are typing, at most every few seconds. */
  typing() {
    const now = Date.now();
    if (!this.session || this.state.status !== "live" || now - this.lastTypingSent < TYPING_SEND_EVERY_MS) return;
    this.lastTypingSent = now;
    this.session.sendEvent({ contentType: TYPING }).catch(() => {});
  }

  /**
   * Read receipts for the customer's messages on screen, one per message. chatjs sends only the newest receipt
   * of each throttle window, so they go one at a time; one that could not go out (socket down) waits for the
   * next live session.
   */
  async markRead() {
    if (!this.visible || !this.session || this.state.status !== "live") return;
    // After a reload the transcript brings back our own receipts: those messages are not read again.
    const unread = unreadFrom(this.state.items, this.ref.participantId, this.lastRead).filter((i) => i.ParticipantRole === "CUSTOMER" && !readByMe(i, this.ref.participantId));
    if (unread.length) {
      this.lastRead = unread.at(-1)!.Id;
      this.readQueue.push(...unread.map((i) => i.Id));
    }
    await this.drainReads();
  }

  private async drainReads() {
    if (this.reading) return;
    this.reading = true;
    try {
      while (this.readQueue.length) {
        const s = this.session;
        if (!s || this.state.status !== "live") return;
        // A third participant (a supervisor) is present: Connect refuses receipts, so none are sent — sending each
        // anyway is what made the page fire a refused request per throttle window. Those messages stay unsent.
        if (!receiptsAccepted(this.state.items)) {
          this.readQueue.length = 0;
          return;
        }
        const sent = await s.sendEvent({ contentType: READ, content: JSON.stringify({ messageId: this.readQueue[0] }) }).then(() => true, () => false);
        // Refused while live (e.g. a third participant present): drop it; otherwise retry on the next session.
        if (!sent && (this.session !== s || this.state.status !== "live")) return;
        this.readQueue.shift();
      }
    } finally {
      this.reading = false;
    }
  }

  /** An agent without StopContact ends their part: DisconnectParticipant, the tab stays (wrap-up follows there). */
  async hangUp() {
    await this.session?.disconnectParticipant();
    this.closed = true;
    this.set({ status: "ended", typing: undefined });
    this.teardown();
  }

  /** Closes the tab: leaves the chat (DisconnectParticipant) unless it is over already. */
  async leave() {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.typingTimer);
    if (this.state.status !== "ended") await this.session?.disconnectParticipant().catch(() => {});
    this.teardown();
    this.listeners.clear();
    seen.forget(this.ref.contactId);
  }
}
