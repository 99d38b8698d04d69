// Over a chat a supervisor monitors: "Monitoring silently" and Barge in (a second MonitorContact that allows BARGE:
// the customer sees the supervisor join and the reply box opens), or, once barged in, that the customer sees them.
import { useState } from "preact/hooks";
import type { Api } from "../api.js";
import { explainError, type Explained } from "../logic/errors.js";
import { monitorState, type MonitorMode } from "../logic/supervise.js";
import { monitor } from "../routing-api.js";

export function MonitorBanner({ api, contactId, mode, onBarged }: { api: Api; contactId: string; mode: MonitorMode; onBarged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Explained>();
  const barge = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await monitor(api, contactId, true);
      onBarged();
    } catch (e) {
      setError(explainError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="monitoring" role="status" data-testid="monitoring" data-mode={mode}>
      <strong>{mode === "silent" ? "Monitoring silently" : "Barged in"}</strong>
      <span>{monitorState(mode).banner}</span>
      {mode === "silent" && (
        <button class="primary tiny" disabled={busy} onClick={() => void barge()}>
          {busy ? "Barging in…" : "Barge in"}
        </button>
      )}
      {error && (
        <span class="alert" role="alert">
          <strong>{error.title}.</strong> {error.detail}
        </span>
      )}
    </div>
  );
}
