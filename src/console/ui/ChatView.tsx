// One chat: header with End chat, the live transcript, who is typing, the reply box, and the contact's details.
import { useEffect, useRef, useState } from "preact/hooks";
import type { Api } from "../api.js";
import type { ChatConn } from "../chat.js";
import { explainError, type Explained } from "../logic/errors.js";
import type { QueueRow } from "../logic/queue.js";
import { formatWaiting } from "../logic/time.js";
import { Composer } from "./Composer.js";
import { Details } from "./Details.js";
import { useNow } from "./Queue.js";
import { Transcript } from "./Transcript.js";

const STATUS: Record<string, string> = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…", ended: "Ended", error: "Disconnected" };

export function ChatView({ conn, api, row, onClose }: { conn: ChatConn; api: Api; row?: QueueRow; onClose: () => void }) {
  const [, tick] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [ending, setEnding] = useState(false);
  const [error, setError] = useState<Explained>();
  const now = useNow();
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmButton.current?.focus(), [confirming]);
  useEffect(() => conn.subscribe(() => tick((n) => n + 1)), [conn]);
  const { items, status, typing } = conn.state;
  const ended = status === "ended";

  const end = async () => {
    setEnding(true);
    setError(undefined);
    try {
      await api.stop(conn.ref.contactId);
      setConfirming(false);
    } catch (e) {
      setError(explainError(e));
    } finally {
      setEnding(false);
    }
  };

  return (
    <article class="chat" aria-label={`Chat with ${conn.ref.customer}`} data-testid="chat-view" data-restarts={conn.state.restarts}>
      <header class="chat-head">
        <div>
          <h2>{conn.ref.customer}</h2>
          <p class="muted">
            {row?.subtype ?? "chat"}
            {row && ` · waiting ${formatWaiting(now - row.initiated)}`}
          </p>
        </div>
        <span class={`status ${status}`} role="status" data-testid="chat-status">
          {STATUS[status]}
        </span>
        <span class="spacer" />
        {!ended &&
          (confirming ? (
            <span class="confirm" onKeyDown={(e) => e.key === "Escape" && (e.stopPropagation(), setConfirming(false))}>
              End this chat for everyone?
              <button class="danger" ref={confirmButton} onClick={() => void end()} disabled={ending}>
                {ending ? "Ending…" : "End chat"}
              </button>
              <button class="ghost" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </span>
          ) : (
            <button class="danger outline" onClick={() => setConfirming(true)}>End chat</button>
          ))}
        {ended && <button class="ghost" onClick={onClose}>Close tab</button>}
      </header>
      {error && (
        <div class="alert" role="alert">
          <strong>{error.title}.</strong> {error.detail}
        </div>
      )}
      {conn.state.error && <div class="alert" role="alert">{conn.state.error}</div>}
      <div class="chat-body">
        <div class="chat-main">
          <Transcript items={items} me={conn.ref.participantId} loading={status === "connecting" && items.length === 0} />
          <div class="typing" aria-live="polite" data-testid="typing">
            {typing && !ended ? <><span class="dots" aria-hidden="true"><i /><i /><i /></span> {typing} is typing…</> : ""}
          </div>
          <Composer conn={conn} disabled={ended || status === "error"} />
        </div>
        <Details api={api} contactId={conn.ref.contactId} ended={ended} />
      </div>
    </article>
  );
}
