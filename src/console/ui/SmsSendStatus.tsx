// Under an outgoing bubble of an SMS chat: "Not delivered — <the provider's error>" with Retry, or "Retrying …",
// read from our SMS sends extension (one poll per chat, shared by the chat's bubbles). Renders nothing otherwise.
import { useEffect, useMemo, useState } from "preact/hooks";
import { goesOut, isSmsSubtype, sendNotice, type SmsSendState } from "../logic/sms-sends.js";
import type { Item } from "../logic/transcript.js";
import { retrySend, watchSends } from "../sms-sends.js";
import { loadTabs } from "../session.js";

export function SmsSendStatus({ item, me }: { item: Item; me: string }) {
  // The tab whose participant we are holds the token that proves the chat (and says whether it is SMS).
  const tab = useMemo(() => loadTabs().find((t) => t.participantId === me), [me]);
  const watched = !!tab && isSmsSubtype(tab.subtype) && item.Type === "MESSAGE" && goesOut(item.ParticipantRole) && !item.pending && !item.failed;
  const [state, setState] = useState<SmsSendState>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => (watched ? watchSends(tab!.participantToken, (m) => setState(m.get(item.Id))) : undefined), [watched, tab, item.Id]);
  const notice = sendNotice(state);
  if (!notice) return null;
  const retry = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setState(await retrySend(tab!.participantToken, item.Id));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class={`sms-send ${notice.retry ? "failed" : "retrying"}`} data-testid="sms-send" role="status">
      {" · "}
      <strong>{notice.label}</strong>
      {notice.error && <span class="sms-error" data-testid="sms-error">{notice.error}</span>}
      {notice.retry && (
        <button class="tiny outline" data-testid="sms-retry" disabled={busy} onClick={() => void retry()} title="Send this text to the customer's phone again">
          {busy ? "Retrying…" : "Retry"}
        </button>
      )}
      {error && <span class="sms-error">{error}</span>}
    </span>
  );
}
