// The queues the agent's routing profile serves, with the chats waiting in each: position in line and how long the
// customer has waited for an answer (since their last unanswered message). Read-only: routing offers them.
import type { QueueRow } from "../logic/queue.js";
import { waitingByQueue } from "../logic/routing.js";
import { formatWaiting } from "../logic/time.js";

export function Waiting({ rows, served, queueNames, now }: { rows: QueueRow[]; served: string[]; queueNames: Map<string, string>; now: number }) {
  if (!served.length) return null;
  const byQueue = waitingByQueue(rows, served);
  return (
    <section class="waiting" aria-label="Your queues" data-testid="queues">
      <h2>Your queues</h2>
      {served.map((q) => {
        const list = byQueue.get(q) ?? [];
        const name = queueNames.get(q) ?? q;
        return (
          <details key={q} class="queue-view" open={list.length > 0} data-testid="queue-view" data-queue={name}>
            <summary>
              {name} <span class="count" aria-label={`${list.length} waiting`}>{list.length}</span>
            </summary>
            {list.length === 0 ? (
              <p class="muted fine">Nobody waiting.</p>
            ) : (
              <ol class="waiting-list">
                {list.map((w) => (
                  <li key={w.contactId} data-contact-id={w.contactId}>
                    <span class="pos" aria-label={`Position ${w.position}`}>{w.position}</span>
                    <span class="customer">{w.customer}</span>
                    <span class="wait" title="Waiting for an answer since">{formatWaiting(now - w.waitingSince)}</span>
                  </li>
                ))}
              </ol>
            )}
          </details>
        );
      })}
    </section>
  );
}
