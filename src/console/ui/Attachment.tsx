// One attachment in the transcript: images as a preview (loaded through the agent's connection into a blob: URL),
// every file as a download link with its name. A file still uploading or refused says so.
import { useEffect, useState } from "preact/hooks";
import type { ChatConn } from "../chat.js";
import type { Item } from "../logic/transcript.js";

/** A paperclip (SVG: emoji fonts are not everywhere). */
export const Clip = () => (
  <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
    <path d="M21.44 11.05l-9.19 9.19a6 6 0 0 1-8.49-8.49l9.19-9.19a4 4 0 0 1 5.66 5.66l-9.2 9.19a2 2 0 0 1-2.83-2.83l8.49-8.48" />
  </svg>
);

export function Attachment({ item, conn }: { item: Item; conn: ChatConn }) {
  const a = item.Attachments?.[0] ?? {};
  const name = a.AttachmentName ?? "attachment";
  const image = /^image\//.test(a.ContentType ?? item.ContentType ?? "");
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!a.AttachmentId || item.pending) return;
    let gone = false;
    let made: string | undefined;
    conn
      .download(a.AttachmentId)
      .then((blob) => {
        if (gone) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      })
      .catch(() => !gone && setError("Could not load the file."));
    return () => {
      gone = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [a.AttachmentId, item.pending]);

  if (item.pending) return <span class="file"><Clip /> {name} · Uploading…</span>;
  if (item.failed) return <span class="file"><Clip /> {name} · Not sent: {item.Content}</span>;
  return (
    <span class="file" data-testid="attachment">
      {image && url && <img src={url} alt={name} class="preview" data-testid="attachment-preview" />}
      {url ? (
        <a href={url} download={name} data-testid="attachment-download">
          <Clip /> {name}
        </a>
      ) : (
        <span><Clip /> {name}{error ? ` · ${error}` : " · Loading…"}</span>
      )}
    </span>
  );
}
