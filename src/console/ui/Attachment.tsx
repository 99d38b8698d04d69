// One attachment in the transcript: images as a preview (loaded through the agent's connection into a blob: URL),
// every file as a download link with its name. A file still uploading or refused says so.
import { useEffect, useState } from "preact/hooks";
import type { ChatConn } from "../chat.js";
import type { Item } from "../logic/transcript.js";

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

  if (item.pending) return <span class="file">📎 {name} · Uploading…</span>;
  if (item.failed) return <span class="file">📎 {name} · Not sent: {item.Content}</span>;
  return (
    <span class="file" data-testid="attachment">
      {image && url && <img src={url} alt={name} class="preview" data-testid="attachment-preview" />}
      {url ? (
        <a href={url} download={name} data-testid="attachment-download">
          📎 {name}
        </a>
      ) : (
        <span>📎 {name}{error ? ` · ${error}` : " · Loading…"}</span>
      )}
    </span>
  );
}
