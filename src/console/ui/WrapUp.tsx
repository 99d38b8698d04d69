// After-contact work on a chat (after End chat, the customer leaving, or a transfer): a disposition from the list
// configured for the chat's queue and free notes, saved as the contact's attributes `disposition` and
// `wrapUpNotes`; "End wrap-up" saves them and calls CompleteContactWork, which frees the slot. The ACW timer shows
// how long wrap-up has taken and, when the instance limits it, when it ends by itself.
import { useEffect, useRef, useState } from "preact/hooks";
import type { Api } from "../api.js";
import { explainError, type Explained } from "../logic/errors.js";
import { dispositionsFor, type Work } from "../logic/routing.js";
import { formatWaiting } from "../logic/time.js";
import { completeWork, updateAttributes } from "../routing-api.js";
import { useNow } from "./Queue.js";

/** Notes longer than this are refused in the page (contact attribute values are bounded on the server too). */
const MAX_NOTES = 1000;

interface Props {
  api: Api;
  work: Work;
  customer: string;
  queueName?: string;
  dispositions?: Record<string, string[]>;
  acwSeconds?: number;
  onDone: () => void;
}

export function WrapUp({ api, work, customer, queueName, dispositions, acwSeconds, onDone }: Props) {
  const now = useNow();
  const choices = dispositionsFor(dispositions, { id: work.queueId, name: queueName });
  const [disposition, setDisposition] = useState("");
  const [notes, setNotes] = useState("");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Explained>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [work.contactId]);
  const missing = choices.length > 0 && !disposition;

  const end = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const attrs: Record<string, string> = {};
      if (disposition) attrs.disposition = disposition;
      if (notes.trim()) attrs.wrapUpNotes = notes.trim();
      if (Object.keys(attrs).length) await updateAttributes(api, work.contactId, attrs);
      await completeWork(api, work.contactId);
      onDone();
    } catch (e) {
      setError(explainError(e));
    } finally {
      setSaving(false);
    }
  };

  const elapsed = now - work.since;
  const left = acwSeconds ? Math.max(0, work.since + acwSeconds * 1000 - now) : undefined;
  return (
    <section class="wrap-up" aria-labelledby={`wrap-${work.contactId}`} data-testid="wrap-up">
      <h3 id={`wrap-${work.contactId}`} tabIndex={-1} ref={heading}>
        Wrap-up · {customer}
      </h3>
      <p class="muted fine" data-testid="acw-timer">
        After-contact work {formatWaiting(elapsed)}
        {left !== undefined && ` · ends by itself in ${formatWaiting(left)}`}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!missing && !saving) void end();
        }}
      >
        {choices.length > 0 && (
          <fieldset class="dispositions">
            <legend>Disposition{queueName ? ` (${queueName})` : ""}</legend>
            {choices.map((d) => (
              <label key={d} class="check">
                <input type="radio" name={`disposition-${work.contactId}`} value={d} checked={disposition === d} onChange={() => setDisposition(d)} />
                {d}
              </label>
            ))}
          </fieldset>
        )}
        <label class="field">
          Notes
          <textarea rows={3} maxLength={MAX_NOTES} value={notes} onInput={(e) => setNotes((e.target as HTMLTextAreaElement).value)} />
        </label>
        {error && (
          <p class="alert" role="alert">
            <strong>{error.title}.</strong> {error.detail}
          </p>
        )}
        <div class="wrap-actions">
          <button class="primary" type="submit" disabled={missing || saving} aria-describedby={missing ? `why-${work.contactId}` : undefined}>
            {saving ? "Saving…" : "End wrap-up"}
          </button>
          {missing && (
            <span id={`why-${work.contactId}`} class="muted fine">
              Choose a disposition first.
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
