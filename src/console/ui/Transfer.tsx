// Transfer a chat: to one of the quick connects of the chat's queue (ListQueueQuickConnects, listed first), a queue
// (ListQueues) or, for those allowed to see other agents, to an agent who is Available
// with a free chat slot (GetCurrentUserData); with a note the next agent sees (the contact attribute
// `transferNote`, shown first in their details panel). TransferContact then puts this agent in after-contact work.
// A plain Agent reaches other agents only through quick connects of type User, as in Connect's CCP (its agents
// list no other agents; the transfer list is the queue's quick connects): with none, the form says how to get one.
import { useEffect, useRef, useState } from "preact/hooks";
import type { Api } from "../api.js";
import { explainError, type Explained } from "../logic/errors.js";
import { transferableAgents } from "../logic/routing.js";
import { agents, canListAgents, quickConnects, transfer, updateAttributes, type QuickTarget } from "../routing-api.js";

const MAX_NOTE = 500;

interface Props {
  api: Api;
  contactId: string;
  /** The queue the chat came from: its quick connects are offered first. */
  queueId?: string;
  queueNames: Map<string, string>;
  onDone: () => void;
  onCancel: () => void;
}

/** A select value names its kind: "queue:<id>" or "user:<id>". */
const targetOf = (value: string) => (value.startsWith("user:") ? { userId: value.slice(5) } : { queueId: value.replace(/^queue:/, "") });

export function Transfer({ api, contactId, queueId, queueNames, onDone, onCancel }: Props) {
  const [quick, setQuick] = useState<QuickTarget[]>();
  const [kind, setKind] = useState<"queue" | "agent">("queue");
  const [target, setTarget] = useState("");
  const [note, setNote] = useState("");
  const [people, setPeople] = useState<{ id: string; name: string }[]>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Explained>();
  const first = useRef<HTMLSelectElement>(null);
  const mayListAgents = canListAgents(api);
  useEffect(() => first.current?.focus(), [kind]);
  useEffect(() => {
    // No quick connects (or not allowed to read them) leaves the queues: a transfer still works without them.
    if (queueId) void quickConnects(api, queueId).then(setQuick, () => setQuick([]));
    else setQuick([]);
  }, [api, queueId]);
  useEffect(() => {
    if (kind !== "agent" || !mayListAgents) return;
    agents(api).then(
      ({ list, names }) => setPeople(transferableAgents(list, api.creds.user!.id).map((id) => ({ id, name: names.get(id) ?? id }))),
      (e) => setError(explainError(e)),
    );
  }, [api, kind, mayListAgents]);

  const go = async () => {
    setBusy(true);
    setError(undefined);
    try {
      if (note.trim()) await updateAttributes(api, contactId, { transferNote: note.trim() });
      await transfer(api, contactId, targetOf(target));
      onDone();
    } catch (e) {
      setError(explainError(e));
    } finally {
      setBusy(false);
    }
  };

  const options = kind === "queue" ? [...queueNames].map(([id, name]) => ({ id: `queue:${id}`, name })) : (people ?? []).map((p) => ({ id: `user:${p.id}`, name: p.name }));
  const quickShown = kind === "queue" && quick !== undefined && quick.length > 0;
  const noAgentToReach = !mayListAgents && quick !== undefined && !quick.some((q) => q.userId);
  return (
    <form
      class="transfer"
      aria-label="Transfer this chat"
      data-testid="transfer"
      onSubmit={(e) => {
        e.preventDefault();
        if (target && !busy) void go();
      }}
      onKeyDown={(e) => e.key === "Escape" && (e.stopPropagation(), onCancel())}
    >
      {mayListAgents && (
        <fieldset class="segmented">
          <legend class="sr-only">Transfer to</legend>
          {(["queue", "agent"] as const).map((k) => (
            <label key={k} class="check">
              <input type="radio" name={`kind-${contactId}`} checked={kind === k} onChange={() => (setKind(k), setTarget(""))} />
              {k === "queue" ? "A queue" : "An agent"}
            </label>
          ))}
        </fieldset>
      )}
      <div class="field">
        <label for={`to-${contactId}`}>{kind === "agent" ? "Available agent" : quickShown ? "Quick connect or queue" : "Queue"}</label>
        <select id={`to-${contactId}`} ref={first} value={target} onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}>
          <option value="">{kind === "agent" && people === undefined ? "Loading…" : options.length ? "Choose…" : kind === "agent" ? "Nobody is available" : "No queues"}</option>
          {quickShown && (
            <optgroup label="Quick connects">
              {quick!.map((q) => (
                <option key={q.name} value={q.userId ? `user:${q.userId}` : `queue:${q.queueId}`}>
                  {q.name}
                </option>
              ))}
            </optgroup>
          )}
          {quickShown ? (
            <optgroup label="Queues">
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </optgroup>
          ) : (
            options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))
          )}
        </select>
      </div>
      {noAgentToReach && (
        <p class="fine muted" id={`no-agent-${contactId}`} data-testid="no-agent-quick-connect">
          To transfer to a person, an administrator adds a quick connect of type User for them to this queue (CreateQuickConnect, then AssociateQueueQuickConnects); agents are listed only through quick connects.
        </p>
      )}
      <label class="field">
        Note for the next agent
        <textarea rows={2} maxLength={MAX_NOTE} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      </label>
      {error && (
        <p class="alert" role="alert">
          <strong>{error.title}.</strong> {error.detail}
        </p>
      )}
      <div class="wrap-actions">
        <button class="primary" type="submit" disabled={!target || busy}>
          {busy ? "Transferring…" : "Transfer"}
        </button>
        <button class="ghost" type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
