// Quick replies in the reply box: typing `/` (then words to search) opens a list of canned answers; ↑/↓ choose,
// Enter or a click puts the chosen one in the box with its `$.Attributes.x` placeholders filled, Escape closes.
// The list is a listbox the reply box points into (aria-activedescendant), so focus stays in the box.
// "Manage" opens a dialog to add, edit and delete them (see canManageQuickReplies for who may).
import { useEffect, useRef, useState } from "preact/hooks";
import { searchReplies, validReply, type QuickReply } from "../logic/quick-replies.js";
import type { QuickReplyStore } from "../quick-replies.js";

export function QuickPicker({ id, replies, query, active, onPick, onHover }: { id: string; replies: QuickReply[]; query: string; active: number; onPick: (r: QuickReply) => void; onHover: (i: number) => void }) {
  const found = searchReplies(replies, query);
  return (
    <div class="quick" data-testid="quick-picker">
      {found.length === 0 ? (
        <p class="muted fine" role="status">{replies.length ? "No quick reply matches." : "No quick replies yet: add some with Manage."}</p>
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

export function QuickManager({ store, onClose }: { store: QuickReplyStore; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [list, setList] = useState(store.list());
  const [edit, setEdit] = useState<QuickReply>({ id: "", title: "", text: "" });
  const [error, setError] = useState<string>();
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const save = (e: Event) => {
    e.preventDefault();
    const why = validReply(edit);
    if (why) return setError(why);
    store.save({ ...edit, id: edit.id || crypto.randomUUID() });
    setList(store.list());
    setEdit({ id: "", title: "", text: "" });
    setError(undefined);
  };
  return (
    <dialog ref={dialog} class="quick-manager card" aria-labelledby="qr-title" onClose={onClose} data-testid="quick-manager">
      <h2 id="qr-title">Quick replies</h2>
      <p class="fine muted">Type / in the reply box to use one. $.Attributes.firstName is filled from the contact's attributes. Kept in this browser.</p>
      <ul class="qr-list">
        {list.map((r) => (
          <li key={r.id}>
            <span>
              <strong>{r.title}</strong> <span class="muted">{r.text}</span>
            </span>
            <button type="button" class="ghost tiny" onClick={() => setEdit(r)} aria-label={`Edit ${r.title}`}>Edit</button>
            <button type="button" class="ghost tiny" onClick={() => (store.remove(r.id), setList(store.list()))} aria-label={`Delete ${r.title}`}>Delete</button>
          </li>
        ))}
      </ul>
      <form onSubmit={save} class="qr-form">
        <label>
          Title
          <input value={edit.title} onInput={(e) => setEdit({ ...edit, title: (e.target as HTMLInputElement).value })} />
        </label>
        <label>
          Reply
          <textarea rows={3} value={edit.text} onInput={(e) => setEdit({ ...edit, text: (e.target as HTMLTextAreaElement).value })} />
        </label>
        {error && <p class="alert" role="alert">{error}</p>}
        <div class="qr-actions">
          <button class="primary" type="submit">{edit.id ? "Save" : "Add"}</button>
          <button type="button" class="ghost" onClick={() => dialog.current?.close()}>Close</button>
        </div>
      </form>
    </dialog>
  );
}
