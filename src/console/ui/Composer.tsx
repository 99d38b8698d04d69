// The reply box: Enter sends, Shift+Enter is a new line; the 1024-character SMS limit is counted as you type.
import { useEffect, useRef, useState } from "preact/hooks";
import type { ChatConn } from "../chat.js";
import { replyLength, SMS_LIMIT } from "../logic/sms.js";

/** `offline`: the socket is (re)connecting; typing goes on, sending waits (a send now would only fail). */
export function Composer({ conn, disabled, offline }: { conn: ChatConn; disabled: boolean; offline: boolean }) {
  const [text, setText] = useState("");
  const box = useRef<HTMLTextAreaElement>(null);
  // A chat just opened (or switched to): the cursor goes to the reply box, ready to type.
  useEffect(() => box.current?.focus(), [conn]);
  const { length, over, near, sendable } = replyLength(text);
  const canSend = !disabled && !offline && sendable;

  const send = () => {
    if (!canSend) return;
    void conn.send(text.trim());
    setText("");
  };

  return (
    <form class="composer" onSubmit={(e) => (e.preventDefault(), send())}>
      <textarea
        aria-label="Reply"
        placeholder={disabled ? "This chat has ended." : offline ? "Connecting… you can type; Send waits for the connection" : "Write a reply — Enter sends, Shift+Enter for a new line"}
        rows={2}
        value={text}
        disabled={disabled}
        ref={box}
        data-testid="reply"
        onInput={(e) => {
          setText((e.target as HTMLTextAreaElement).value);
          conn.typing();
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <div class="composer-side">
        <span class={`counter ${over ? "over" : near ? "near" : ""}`} data-testid="counter" aria-live="polite">
          {length} / {SMS_LIMIT}
        </span>
        <button class="primary" type="submit" disabled={!canSend}>
          Send
        </button>
      </div>
    </form>
  );
}
