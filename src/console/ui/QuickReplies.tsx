// Quick replies in the reply box: typing `/` (then words to search) opens a list of canned answers; ↑/↓ choose,
// Enter or a click puts the chosen one in the box with its `$.Attributes.x` placeholders filled, Escape closes.
// The list is a listbox the reply box points into (aria-activedescendant), so focus stays in the box.
// "Manage" (supervisors: canManageQuickReplies) opens a dialog to add, edit and delete the instance's replies on the
// server, and once to import what an earlier console kept in this browser.
import { useEffect, useRef, useState } from "preact/hooks";
import { searchReplies, validReply, type QuickReply } from "../logic/quick-replies.js";
import { explainError } from "../logic/errors.js";
import { importLegacy, type LegacyQuickReplies, type ServerQuickReplies } from "../quick-replies.js";

export function QuickPicker({ id, replies, query, active, error, onPick, onHover }: { id: string; replies: QuickReply[]; query: string; active: number; error?: string; onPick: (r: QuickReply) => void; onHover: (i: number) => void }) {
  const found = searchReplies(replies, query);
  return (
    <div class="quick" data-testid="quick-picker">
      {found.length === 0 ? (
        <p class="muted fine" role="status">{error ?? (replies.length ? "No quick reply matches." : "No quick replies yet: a supervisor adds them with Manage quick replies.")}</p>
      ) : (
        <ul role="listbox" id={id} aria-label="Quick replies">
          {found.map((r, i) => (
            <li key={r.id} id={`${id}-${i}`} role="option" aria-selected={i === active} class={i === active ? "active" : ""} onMouseDown={(e) => (e.preventDefault(), onPick(r))} onMouseEnter={() => onHover(i)}>
              <strong>{r.title}</strong> <span class="muted">{r.text}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function QuickManager({ store, legacy, onClose }: { store: ServerQuickReplies; legacy: LegacyQuickReplies; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [list, setList] = useState<QuickReply[]>();
  const [edit, setEdit] = useState<QuickReply>({ id: "", title: "", text: "" });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState(() => legacy.list().length);
  const [imported, setImported] = useState<string>();
  const title = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const reload = () => store.list().then(setList, (e) => setError(said(e)));
  useEffect(() => void reload(), []);
  // Every change goes to the server; the list is read back from it, so what is shown is what agents get.
  const run = async (what: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await what();
      await reload();
      return true;
    } catch (e) {
      setError(said(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const save = async (e: Event) => {
    e.preventDefault();
    const why = validReply(edit);
    if (why) return setError(why);
    if (await run(() => store.save(edit))) {
      setEdit({ id: "", title: "", text: "" });
      title.current?.focus();
    }
  };
  const importLocal = () =>
    run(async () => {
      const r = await importLegacy(store, legacy);
      setLocal(0);
      setImported(`Imported ${r.added} ${r.added === 1 ? "reply" : "replies"} from this browser.${r.skipped.length ? ` Not imported (name taken or too long): ${r.skipped.join(", ")}.` : ""}`);
    });
  return (
    <dialog ref={dialog} class="quick-manager card" aria-labelledby="qr-title" onClose={onClose} data-testid="quick-manager">
      <h2 id="qr-title">Quick replies</h2>
      <p class="fine muted">Shared by every agent of this instance. Type / in the reply box to use one. $.Attributes.firstName is filled from the contact's attributes.</p>
      {local > 0 && (
        <div class="qr-import" data-testid="quick-import">
          <p class="fine">
            This browser still keeps {local} {local === 1 ? "reply" : "replies"} from before they were shared. Import them for everyone, or discard them.
          </p>
          <button type="button" class="ghost tiny" disabled={busy} onClick={() => void importLocal()}>Import {local}</button>
          <button type="button" class="ghost tiny" disabled={busy} onClick={() => (legacy.forget(), setLocal(0))}>Discard</button>
        </div>
      )}
      {imported && <p class="fine" role="status">{imported}</p>}
      {list === undefined ? (
        <p class="muted fine">Loading…</p>
      ) : (
        <ul class="qr-list">
          {list.map((r) => (
            <li key={r.id}>
              <span>
                <strong>{r.title}</strong> <span class="muted">{r.text}</span>
              </span>
              <button type="button" class="ghost tiny" disabled={busy} onClick={() => (setEdit(r), title.current?.focus())} aria-label={`Edit ${r.title}`}>Edit</button>
              <button type="button" class="ghost tiny" disabled={busy} onClick={() => void run(() => store.remove(r.id))} aria-label={`Delete ${r.title}`}>Delete</button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void save(e)} class="qr-form">
        <label>
          Title
          <input ref={title} maxLength={100} value={edit.title} onInput={(e) => setEdit({ ...edit, title: (e.target as HTMLInputElement).value })} />
        </label>
        <label>
          Reply
          <textarea rows={3} value={edit.text} onInput={(e) => setEdit({ ...edit, text: (e.target as HTMLTextAreaElement).value })} />
        </label>
        {error && <p class="alert" role="alert">{error}</p>}
        <div class="qr-actions">
          <button class="primary" type="submit" disabled={busy}>{edit.id ? "Save" : "Add"}</button>
          {edit.id && <button type="button" class="ghost" onClick={() => setEdit({ id: "", title: "", text: "" })}>Cancel edit</button>}
          <button type="button" class="ghost" onClick={() => dialog.current?.close()}>Close</button>
        </div>
      </form>
    </dialog>
  );
}

/** The server's refusal in words: a taken name is the one an agent can act on. */
function said(e: unknown): string {
  const x = explainError(e);
  if ((e as { name?: string }).name === "DuplicateResourceException") return "A quick reply with that title already exists.";
  return `${x.title}. ${x.detail}`;
}
