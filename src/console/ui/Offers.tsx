// Chats routing offers the agent: the customer's number, the queue, the customer's message and a countdown to the
// offer's expiry, with Accept and Decline. Announced once when it arrives (the countdown itself is not read out
// every second); AutoAccept never shows here (the chat opens by itself).
import type { Explained } from "../logic/errors.js";
import type { QueueRow } from "../logic/queue.js";
import { formatCountdown, secondsLeft, type Work } from "../logic/routing.js";

interface Props {
  offers: Work[];
  rows: QueueRow[];
  queueNames: Map<string, string>;
  offerSeconds: number;
  now: number;
  busy?: string;
  error?: Explained;
  onAccept: (w: Work, row?: QueueRow) => void;
  onDecline: (w: Work) => void;
}

export function Offers({ offers, rows, queueNames, offerSeconds, now, busy, error, onAccept, onDecline }: Props) {
  const said = offers.length ? `${offers.length} chat ${offers.length === 1 ? "offer" : "offers"} waiting for you` : "";
  return (
    <section class="offers" aria-label="Offered chats" data-testid="offers">
      <p class="sr-only" aria-live="assertive">{said}</p>
      {error && (
        <p class="alert" role="alert">
          <strong>{error.title}.</strong> {error.detail}
        </p>
      )}
      {offers.map((w) => {
        const row = rows.find((r) => r.contactId === w.contactId);
        const left = secondsLeft(w.since, offerSeconds, now);
        const customer = row?.customer ?? "A customer";
        return (
          <article key={w.contactId} class="offer" aria-label={`Chat offered from ${customer}`} data-testid="offer" data-contact-id={w.contactId}>
            <div class="offer-top">
              <strong class="customer">{customer}</strong>
              <span class={`countdown ${left <= 10 ? "urgent" : ""}`} title="Time left to accept" data-testid="offer-countdown">
                <span class="sr-only">Time left: </span>
                {formatCountdown(left)}
              </span>
            </div>
            <p class="muted fine">
              {(w.queueId && queueNames.get(w.queueId)) ?? "Transferred to you"}
              {row?.subtype ? ` · ${row.subtype.replace(/^connect:/, "")}` : ""}
            </p>
            <p class="offer-message">{row?.lastMessage ?? <span class="muted">No message yet</span>}</p>
            <div class="offer-actions">
              <button class="primary" disabled={busy !== undefined} onClick={() => onAccept(w, row)}>
                {busy === w.contactId ? "Accepting…" : "Accept"}
              </button>
              <button class="ghost" disabled={busy !== undefined} onClick={() => onDecline(w)}>
                Decline
              </button>
            </div>
          </article>
        );
      })}
    </section>
  );
}
