// The reply box: Enter sends, Shift+Enter is a new line; the 1024-character limit is counted as you type and, on
// SMS chats, the segments and encoding the reply costs. When Send is disabled the box says why. A screen reader
// hears the counter only when segments, encoding or the limit change (a polite live region), not per keystroke.
import { useEffect, useRef, useState } from "preact/hooks";
import type { ChatConn } from "../chat.js";
import { Clip } from "./Attachment.js";
import { fillPlaceholders, searchReplies, slashQuery, type QuickReply } from "../logic/quick-replies.js";
import { LegacyQuickReplies, type ServerQuickReplies } from "../quick-replies.js";
import { QuickManager, QuickPicker } from "./QuickReplies.js";
import { announcement, replyState, segmentsLabel, SMS_LIMIT, type ReplyState } from "../logic/sms.js";

interface Props {
  conn: ChatConn;
  disabled: boolean;
  /** The socket is (re)connecting; typing goes on, sending waits (a send now would only fail). */
  offline: boolean;
  /** An SMS chat: show segments and encoding. */
  sms: boolean;
  /** Files can be sent (a live web chat): the paperclip shows. */
  canAttach?: boolean;
  /** Quick replies (`/` in the box), whether this user may manage them, and the contact's attributes for their placeholders. */
  quick: ServerQuickReplies;
  mayManage: boolean;
  instanceId: string;
  attributes: () => Promise<Record<string, string>>;
  /** Why the box is closed on a live chat (a supervisor monitoring silently): shown instead of "ended". */
  readOnly?: string;
}

export function Composer({ conn, disabled: ended, offline, sms, canAttach, quick, mayManage, instanceId, attributes, readOnly }: Props) {
  const disabled = ended || readOnly !== undefined;
  const [managing, setManaging] = useState(false);
  const [pickAt, setPickAt] = useState(0);
  const [replies, setReplies] = useState<QuickReply[]>([]);
  const [quickError, setQuickError] = useState<string>();
  const file = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [said, setSaid] = useState("");
  const box = useRef<HTMLTextAreaElement>(null);
  const prev = useRef<ReplyState | undefined>(undefined);
  // A chat just opened (or switched to): the cursor goes to the reply box, ready to type — unless the agent is
  // moving along the tab list with the arrow keys, where focus stays.
  useEffect(() => {
    if (!document.activeElement?.closest('[role="tablist"]')) box.current?.focus();
  }, [conn]);
  const state = replyState(text, { sms, ended: disabled, offline });
  useEffect(() => {
    const a = announcement(prev.current, state);
    if (a) setSaid(a);
    prev.current = state;
  }, [text, sms]);

  const q = slashQuery(text);
  const picking = q !== undefined && !disabled;
  useEffect(() => {
    if (!picking || managing) return;
    let live = true;
    quick.list().then(
      (r) => live && (setReplies(r), setQuickError(undefined)),
      () => live && setQuickError("Quick replies could not be loaded."),
    );
    return () => void (live = false);
  }, [picking, managing, quick]);
  const found = picking ? searchReplies(replies, q) : [];
  // The choice goes back to the first on every edit of the search (onInput), and never points past the list.
  const chosen = Math.min(pickAt, Math.max(0, found.length - 1));
  const pick = async (r: QuickReply) => {
    const attrs = await attributes().catch(() => ({}));
    setText(fillPlaceholders(r.text, attrs).text);
    box.current?.focus();
  };

  const send = () => {
    if (!state.canSend) return;
    void conn.send(text.trim());
    setText("");
  };
  const id = conn.ref.contactId;
  // The reason is shown once there is something to say it about: an empty box's placeholder speaks for itself.
  const why = readOnly ?? (state.blocked && (text !== "" || disabled) ? state.blocked : undefined);

  return (
    <form class="composer" onSubmit={(e) => (e.preventDefault(), send())}>
      <textarea
        aria-label="Reply"
        aria-describedby={`why-${id} count-${id}`}
        placeholder={readOnly && !ended ? "Monitoring silently — barge in to write" : disabled ? "This chat has ended." : offline ? "Connecting… you can type; Send waits for the connection" : "Write a reply — Enter sends, Shift+Enter for a new line"}
        rows={2}
        dir="auto"
        value={text}
        disabled={disabled}
        ref={box}
        data-testid="reply"
        onInput={(e) => {
          setText((e.target as HTMLTextAreaElement).value);
          setPickAt(0);
          conn.typing();
        }}
        aria-activedescendant={picking && found.length ? `quick-${id}-${chosen}` : undefined}
        aria-controls={picking && found.length ? `quick-${id}` : undefined}
        aria-keyshortcuts="/"
        onKeyDown={(e) => {
          if (picking && found.length && ["ArrowDown", "ArrowUp", "Enter", "Tab"].includes(e.key) && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            if (e.key === "ArrowDown") setPickAt((chosen + 1) % found.length);
            else if (e.key === "ArrowUp") setPickAt((chosen - 1 + found.length) % found.length);
            else void pick(found[chosen]);
            return;
          }
          if (picking && e.key === "Escape") {
            // Closes the list (not the chat: the workspace's Escape goes back to the queue).
            e.stopPropagation();
            setText("");
            return;
          }
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      {picking && <QuickPicker id={`quick-${id}`} replies={replies} query={q} active={chosen} error={quickError} onPick={(r) => void pick(r)} onHover={setPickAt} />}
      {mayManage && (
        // Its own row under the box: beside it, the button squeezed the reply box at 390 px.
        <div class="composer-tools">
          <button type="button" class="ghost tiny quick-manage" onClick={() => setManaging(true)} title="Quick replies: type / in the reply box">
            Manage quick replies
          </button>
        </div>
      )}
      {managing && <QuickManager store={quick} legacy={new LegacyQuickReplies(instanceId)} onClose={() => setManaging(false)} />}
      {canAttach && (
        <>
          <button type="button" class="ghost attach" aria-label="Attach a file" title="Attach a file (or drop it on the chat)" onClick={() => file.current?.click()}>
            <Clip />
          </button>
          <input
            type="file"
            ref={file}
            hidden
            multiple
            data-testid="attach-input"
            onChange={(e) => {
              const input = e.target as HTMLInputElement;
              for (const f of input.files ?? []) void conn.sendFile(f);
              input.value = "";
            }}
          />
        </>
      )}
      <div class="composer-side">
        <span id={`count-${id}`} class="counts">
          <span class={`counter ${state.over ? "over" : state.near ? "near" : ""}`} data-testid="counter">
            {state.length} / {SMS_LIMIT}
          </span>
          {state.sms && (
            <span class="segments" data-testid="segments" title={`${state.sms.units} of ${state.sms.perSegment * state.sms.segments} ${state.sms.encoding === "GSM-7" ? "septets" : "UCS-2 units"}`}>
              {segmentsLabel(state.sms)}
            </span>
          )}
        </span>
        <button class="primary" type="submit" disabled={!state.canSend} title={state.blocked}>
          Send
        </button>
      </div>
      <p class="why" id={`why-${id}`} data-testid="send-blocked">
        {why}
      </p>
      <span class="sr-only" aria-live="polite" data-testid="reply-announce">
        {said}
      </span>
    </form>
  );
}
