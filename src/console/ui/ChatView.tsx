// One chat: header with End chat (and, for a signed-in agent, Transfer), the live transcript, who is typing, the
// reply box — or, once routing has the agent in after-contact work on it, the wrap-up panel — and the details.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Api } from "../api.js";
import type { ChatConn } from "../chat.js";
import { canManageQuickReplies, ServerQuickReplies } from "../quick-replies.js";
import { explainError, type Explained } from "../logic/errors.js";
import type { QueueRow } from "../logic/queue.js";
import { isSmsSubtype } from "../logic/sms.js";
import { formatWaiting } from "../logic/time.js";
import { Attachment } from "./Attachment.js";
import { Composer } from "./Composer.js";
import { Details } from "./Details.js";
import { useNow } from "./Queue.js";
import { Transcript } from "./Transcript.js";
import { Transfer } from "./Transfer.js";
import type { RoutingState } from "./useRouting.js";
import { MonitorBanner } from "./MonitorBanner.js";
import type { MonitorMode } from "../logic/supervise.js";
import { WrapUp } from "./WrapUp.js";

/** "connect:SMS" → "SMS"; a chat without a subtype is a web chat. */
const channelLabel = (subtype: string | undefined) => subtype?.replace(/^connect:/, "") || "Chat";

const STATUS: Record<string, string> = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…", ended: "Ended", error: "Disconnected" };

interface Props {
  conn: ChatConn;
  api: Api;
  row?: QueueRow;
  routing?: RoutingState;
  onClose: () => void;
  /** A chat the signed-in supervisor monitors: silently (read-only) until they barge in (`onBarged`). */
  monitor?: MonitorMode;
  onBarged?: () => void;
}

export function ChatView({ conn, api, row, routing, onClose, monitor, onBarged }: Props) {
  const [, tick] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [ending, setEnding] = useState(false);
  const [error, setError] = useState<Explained>();
  const [details, setDetails] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const id = conn.ref.contactId;
  const acw = routing?.work.acw.find((w) => w.contactId === id);
  const mine = routing?.work.connected.find((w) => w.contactId === id);
  // An agent's security profile may not allow StopContact: they end the chat by leaving it (into wrap-up).
  const mayStop = !api.creds.user || api.creds.user.permissions.StopContact !== undefined;
  const now = useNow();
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmButton.current?.focus(), [confirming]);
  useEffect(() => conn.subscribe(() => tick((n) => n + 1)), [conn]);
  const { items, status, typing } = conn.state;
  const ended = status === "ended";
  const quick = useMemo(() => new ServerQuickReplies(api), [api]);
  const [dragging, setDragging] = useState(false);
  // SMS carries text only (the server refuses files there); web chats take attachments.
  // A supervisor monitoring silently sends nothing, files included.
  const canAttach = status === "live" && !isSmsSubtype(row?.subtype ?? conn.ref.subtype) && monitor !== "silent";

  const end = async () => {
    setEnding(true);
    setError(undefined);
    try {
      if (mayStop) await api.stop(conn.ref.contactId);
      else await conn.hangUp();
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
        <div class="chat-title">
          <h2>
            {conn.ref.customer}
            <span class={`status ${status}`} role="status" data-testid="chat-status" title={conn.state.restarts ? `Reconnected ${conn.state.restarts}×` : undefined}>
              {STATUS[status]}
            </span>
          </h2>
          <p class="muted fine">
            {channelLabel(row?.subtype ?? conn.ref.subtype)}
            {row && ` · started ${formatWaiting(now - row.initiated)} ago`}
          </p>
        </div>
        <span class="spacer" />
        <button class="ghost details-toggle" aria-expanded={details} aria-controls={`details-${conn.ref.contactId}`} onClick={() => setDetails((d) => !d)}>
          {details ? "Hide details" : "Details"}
        </button>
        {mine && !acw && !ended && (
          <button class="ghost" aria-expanded={transferring} onClick={() => setTransferring((t) => !t)}>
            Transfer
          </button>
        )}
        {monitor && !ended && (
          <button class="ghost" onClick={onClose}>
            Stop monitoring
          </button>
        )}
        {!ended && !acw && !monitor &&
          (confirming ? (
            <span class="confirm" onKeyDown={(e) => e.key === "Escape" && (e.stopPropagation(), setConfirming(false))}>
              {mayStop ? "End this chat for everyone?" : "Leave this chat and wrap up?"}
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
        {ended && !acw && <button class="ghost" onClick={onClose}>Close tab</button>}
      </header>
      {transferring && mine && !acw && routing && (
        <Transfer api={api} contactId={id} queueId={mine.queueId} queueNames={routing.queueNames} onCancel={() => setTransferring(false)} onDone={() => (setTransferring(false), routing.refresh())} />
      )}
      {monitor && !ended && <MonitorBanner api={api} contactId={id} mode={monitor} onBarged={() => onBarged?.()} />}
      {error && (
        <div class="alert" role="alert">
          <strong>{error.title}.</strong> {error.detail}
        </div>
      )}
      {conn.state.error && <div class="alert" role="alert">{conn.state.error}</div>}
      <div class={`chat-body ${details ? "show-details" : ""}`}>
        <div
          class={`chat-main ${dragging ? "dragging" : ""}`}
          data-testid="drop-zone"
          onDragOver={(e) => {
            if (!canAttach || !e.dataTransfer?.types.includes("Files")) return;
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
          onDrop={(e) => {
            setDragging(false);
            if (!canAttach) return;
            e.preventDefault();
            for (const f of e.dataTransfer?.files ?? []) void conn.sendFile(f);
          }}
        >
          {dragging && <div class="drop-hint" aria-hidden="true">Drop to send the file</div>}
          <Transcript items={items} me={conn.ref.participantId} loading={status === "connecting" && items.length === 0} seenAt={conn.seenWhenShown} attachment={(i) => <Attachment item={i} conn={conn} />} />
          <div class="typing" aria-live="polite" data-testid="typing">
            {typing && !ended ? <><span class="dots" aria-hidden="true"><i /><i /><i /></span> {typing} is typing…</> : ""}
          </div>
          {acw && routing ? (
            <WrapUp
              api={api}
              work={acw}
              customer={conn.ref.customer}
              queueName={acw.queueId && routing.queueNames.get(acw.queueId)}
              dispositions={routing.hints.dispositions}
              acwSeconds={routing.hints.routing?.[api.creds.instanceId]?.acwSeconds}
              onDone={() => (routing.refresh(), onClose())}
            />
          ) : (
          <Composer conn={conn} disabled={ended || status === "error"} offline={status !== "live"} sms={isSmsSubtype(row?.subtype ?? conn.ref.subtype)} canAttach={canAttach} quick={quick} mayManage={canManageQuickReplies(api.creds.user)} instanceId={api.creds.instanceId} attributes={() => api.attributes(conn.ref.contactId)} readOnly={monitor === "silent" && !ended ? "You are monitoring silently: barge in to write." : undefined} />
          )}
        </div>
        <Details id={`details-${conn.ref.contactId}`} api={api} contactId={conn.ref.contactId} ended={ended} read={(id) => conn.transcriptOf(id)} />
      </div>
    </article>
  );
}
