// A signed-in agent's routing state, kept fresh: their contacts (GetCurrentUserData of themself, polled), the
// instance's queue names, the queues their routing profile serves (once), and the server's console hints (offer
// time, ACW time, dispositions). `refresh` polls now (after an accept, a decline, a transfer, End wrap-up).
import { useEffect, useState } from "preact/hooks";
import { usePoll } from "./usePoll.js";
import type { Api } from "../api.js";
import { explainError, type Explained } from "../logic/errors.js";
import { splitWork, type MyWork } from "../logic/routing.js";
import { myData, queues, servedQueues } from "../routing-api.js";
import { serverHints, type ServerHints } from "../session.js";

const POLL_MS = 1500;

export interface RoutingState {
  work: MyWork;
  /** The agent's status as routing has it ("Missed" after an offer ran out: no more offers until Available). */
  statusName?: string;
  loaded: boolean;
  error?: Explained;
  queueNames: Map<string, string>;
  served: string[];
  hints: ServerHints;
  /** How long an offer lasts on this instance (config.json), when the server says. */
  offerSeconds?: number;
  refresh: () => void;
}

const EMPTY: MyWork = { offers: [], connected: [], acw: [] };

export function useRouting(api: Api, enabled: boolean): RoutingState {
  const [work, setWork] = useState<MyWork>(EMPTY);
  const [loaded, setLoaded] = useState(false);
  const [statusName, setStatusName] = useState<string>();
  const [error, setError] = useState<Explained>();
  const [queueNames, setQueueNames] = useState(new Map<string, string>());
  const [served, setServed] = useState<string[]>([]);
  const [hints, setHints] = useState<ServerHints>({});

  useEffect(() => {
    void serverHints().then(setHints);
    if (!enabled) return;
    void queues(api)
      .then(async (names) => {
        setQueueNames(names);
        setServed(await servedQueues(api, [...names.keys()]));
      })
      .catch((e) => setError(explainError(e)));
  }, [api, enabled]);

  const refresh = usePoll(
    async () => {
      try {
        const d = await myData(api);
        // Same contacts in the same states: keep the old object (no re-render of everything every poll).
        const next = splitWork(d?.Contacts);
        setWork((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
        setStatusName(d?.Status?.StatusName);
        setError(undefined);
      } catch (e) {
        setError(explainError(e));
      } finally {
        setLoaded(true);
      }
    },
    POLL_MS,
    [api],
    enabled,
  );
  return { work, statusName, loaded, error, queueNames, served, hints, offerSeconds: hints.routing?.[api.creds.instanceId]?.offerSeconds, refresh };
}
