// What a signed-in agent has above "My chats": chats offered to them and wrap-ups of chats with no tab here (after a
// reload or a closed tab); below it, their queues' waiting chats. Routing's state comes from useRouting.
import { useEffect, useState } from "preact/hooks";
import type { Api } from "../api.js";
import { explainError } from "../logic/errors.js";
import type { QueueRow } from "../logic/queue.js";
import { formatWaiting } from "../logic/time.js";
import type { TabRef } from "../session.js";
import { Offers } from "./Offers.js";
import { useNow } from "./Queue.js";
import type { AgentChats } from "./useAgentChats.js";
import type { RoutingState } from "./useRouting.js";
import { Waiting } from "./Waiting.js";
import "./routing.css";

const DEFAULT_OFFER_SECONDS = 30;

interface Props {
  api: Api;
  routing: RoutingState;
  agent: AgentChats;
  rows: QueueRow[];
  tabs: TabRef[];
  active: string;
  onShow: (id: string) => void;
}

export function AgentPanels({ api, routing, agent, rows, tabs, active, onShow }: Props) {
  const now = useNow();
  const [back, setBack] = useState<string>();
  // Missed: an offer ran out; routing offers nothing more until the agent is Available again.
  const available = async () => {
    setBack("Setting you Available…");
    try {
      const s = (await api.agentStatuses()).find((x) => x.type === "ROUTABLE");
      if (s) await api.putStatus(s.id);
      setBack(undefined);
      routing.refresh();
    } catch (e) {
      setBack(explainError(e).detail);
    }
  };
  const untabbed = routing.work.acw.filter((w) => !tabs.some((t) => t.contactId === w.contactId));
  // Ended chats are not among the live rows: their customer's number comes from DescribeContact.
  const [who, setWho] = useState(new Map<string, string>());
  const unknown = untabbed.filter((w) => !who.has(w.contactId) && !rows.some((r) => r.contactId === w.contactId)).map((w) => w.contactId);
  useEffect(() => {
    for (const id of unknown)
      void api.describe(id).then(
        (c) => setWho((m) => new Map(m).set(id, c?.CustomerEndpoint?.Address ?? "Ended chat")),
        () => setWho((m) => new Map(m).set(id, "Ended chat")),
      );
  }, [unknown.join(",")]);
  return (
    <>
      {routing.error && (
        <p class="alert" role="alert">
          <strong>Routing: {routing.error.title}.</strong> {routing.error.detail}
        </p>
      )}
      {routing.statusName === "Missed" && (
        <div class="alert missed" role="alert" data-testid="missed">
          <strong>You missed a chat offer.</strong> No chats are offered to you until you are Available again.
          <button class="primary tiny" onClick={() => void available()}>
            Go Available
          </button>
          {back && <span class="fine">{back}</span>}
        </div>
      )}
      <Offers
        offers={routing.work.offers}
        rows={rows}
        queueNames={routing.queueNames}
        offerSeconds={routing.offerSeconds ?? DEFAULT_OFFER_SECONDS}
        now={now}
        busy={agent.busy}
        error={agent.error}
        onAccept={(w, row) => void agent.acceptOffer(w, row)}
        onDecline={(w) => void agent.decline(w)}
      />
      {untabbed.length > 0 && (
        <section class="acw-list" aria-label="Wrap-up to finish" data-testid="acw-list">
          <h2>Wrap-up</h2>
          <ul>
            {untabbed.map((w) => (
              <li key={w.contactId}>
                <button class={`row ${active === `wrap:${w.contactId}` ? "current" : ""}`} onClick={() => onShow(`wrap:${w.contactId}`)}>
                  <span class="customer">{rows.find((r) => r.contactId === w.contactId)?.customer ?? who.get(w.contactId) ?? "Ended chat"}</span>
                  <span class="wait">{formatWaiting(now - w.since)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** Below "My chats": the agent's queues. */
export function AgentQueues({ routing, rows }: { routing: RoutingState; rows: QueueRow[] }) {
  const now = useNow();
  return <Waiting rows={rows} served={routing.served} queueNames={routing.queueNames} now={now} />;
}
