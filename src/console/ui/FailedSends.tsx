// For supervisors, beside the queue: the instance's failed SMS sends (dead letters and texts the provider reported
// undelivered) — who wrote what, to which number, when, and the provider's error. Polled; a message the chat's
// agent retried leaves the list.
import { useEffect, useState } from "preact/hooks";
import type { Api } from "../api.js";
import type { SmsFailure } from "../logic/sms-sends.js";
import { formatClock } from "../logic/time.js";
import { listFailures } from "../sms-sends.js";

const POLL_MS = 10_000;

export function FailedSends({ api }: { api: Api }) {
  const [rows, setRows] = useState<SmsFailure[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        setRows(await listFailures(api));
        setError(undefined);
      } catch (e) {
        setError((e as Error).message);
      }
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api]);
  // Nothing to show on an instance whose texts all went out (or that sends none).
  if (!error && !rows?.length) return null;
  return (
    <section class="failed-sends" aria-label="Failed SMS sends" data-testid="failed-sends">
      <h3>Failed SMS sends {rows && <span class="muted">({rows.length})</span>}</h3>
      {error && <p class="muted">Could not list failed sends: {error}</p>}
      {rows && rows.length > 0 && (
        <table>
          <thead>
            <tr><th>When</th><th>From</th><th>To</th><th>Message</th><th>Why</th></tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={f.MessageId} data-testid="failed-send" data-contact-id={f.ContactId ?? f.InitialContactId}>
                <td>{f.AnsweredAt ? formatClock(new Date(f.AnsweredAt).toISOString()) : f.SentAt ? formatClock(f.SentAt) : ""}</td>
                <td>{f.DisplayName ?? f.ParticipantRole ?? ""}</td>
                <td>{f.To ?? ""}</td>
                <td class="excerpt">{f.Content ?? ""}</td>
                <td class="sms-error">{f.Error ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
