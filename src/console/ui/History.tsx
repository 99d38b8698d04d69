// The customer's earlier chats in the details panel (same number or same CustomerId, last 8 weeks): one
// disclosure per chat (<details>, keyboard and screen-reader ready), its transcript read when opened.
import { useEffect, useState } from "preact/hooks";
import type { ContactSearchSummary } from "@aws-sdk/client-connect";
import type { Api } from "../api.js";
import { earlierChats } from "../history.js";
import { explainError } from "../logic/errors.js";
import { formatClock } from "../logic/time.js";
import type { Item } from "../logic/transcript.js";
import { Text } from "./Transcript.js";

interface Props {
  api: Api;
  contactId: string;
  address?: string;
  customerId?: string;
  read: (contactId: string) => Promise<Item[]>;
}

export function History({ api, contactId, address, customerId, read }: Props) {
  const [list, setList] = useState<ContactSearchSummary[]>();
  const [error, setError] = useState<string>();
  const [transcripts, setTranscripts] = useState<Record<string, Item[] | { error: string }>>({});
  useEffect(() => {
    if (!address && !customerId) return setList([]);
    setError(undefined);
    earlierChats(api, contactId, { address, customerId })
      .then(setList)
      .catch((e) => setError(explainError(e).detail));
  }, [api, contactId, address, customerId]);

  const load = (id: string) => {
    if (transcripts[id]) return;
    read(id)
      .then((items) => setTranscripts((t) => ({ ...t, [id]: items })))
      .catch((e) => setTranscripts((t) => ({ ...t, [id]: { error: explainError(e).detail } })));
  };

  return (
    <section class="history" aria-labelledby={`history-${contactId}`} data-testid="history">
      <h3 id={`history-${contactId}`}>Earlier chats</h3>
      {error ? (
        <p class="alert" role="alert">{error}</p>
      ) : list === undefined ? (
        <p class="muted">Loading…</p>
      ) : list.length === 0 ? (
        <p class="muted">No earlier chats in the last 8 weeks.</p>
      ) : (
        <ul class="history-list">
          {list.map((c) => {
            const t = transcripts[c.Id!];
            const last = c.SegmentAttributes?.["connect-chat:LastMessage"]?.ValueString;
            return (
              <li key={c.Id}>
                <details onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && load(c.Id!)} data-testid="history-chat">
                  <summary>
                    <span class="history-when">{formatClock(c.InitiationTimestamp)}</span>
                    {c.DisconnectTimestamp ? "" : <span class="pill">Active</span>}
                    {last && <span class="history-last" dir="auto">{last}</span>}
                  </summary>
                  {t === undefined ? (
                    <p class="muted">Loading the transcript…</p>
                  ) : "error" in t ? (
                    <p class="alert" role="alert">{t.error}</p>
                  ) : (
                    <ol class="history-items">
                      {t.filter((i) => i.Type === "MESSAGE").map((i) => (
                        <li key={i.Id}>
                          <span class="muted">{i.ParticipantRole === "CUSTOMER" ? "Customer" : (i.DisplayName ?? i.ParticipantRole)}:</span>{" "}
                          <span dir="auto"><Text text={i.Content ?? ""} /></span>
                        </li>
                      ))}
                    </ol>
                  )}
                </details>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
