// The workspace header: the console's name and instance, who is signed in (a user: name and routing profile; an
// access key: the name customers see and the key) and, for a user, a status switcher — Available, Offline and the
// instance's custom statuses, one click each (PutUserStatus on themself). Offline signs the user out (the server
// ends their credentials). The session is watched: at its expiry, or once the server refuses it (signed out
// elsewhere, set Offline by a supervisor, user deleted), the console returns to sign-in saying why.
import { useEffect, useState } from "preact/hooks";
import { Api } from "../api.js";
import { explainError } from "../logic/errors.js";
import { saveCreds, type Creds } from "../session.js";
import "./agent-header.css";

/** How often a signed-in tab checks its session still stands (one DescribeUser). */
const CHECK_MS = 20_000;

type Status = { id: string; name: string; type: string };

export function AgentHeader({ creds, api, onSignOut }: { creds: Creds; api: Api; onSignOut: (notice?: string) => void }) {
  const user = creds.user;
  const [statuses, setStatuses] = useState<Status[]>([]);
  const [current, setCurrent] = useState<Status | undefined>(user?.status);
  const [busy, setBusy] = useState<string>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    if (!user) return;
    void api.agentStatuses().then(setStatuses, (e) => setProblem(explainError(e).title));
  }, [api, user]);

  // Expiry and revocation end the session on this screen too.
  useEffect(() => {
    if (!user) return;
    const ended = (e: unknown) => (e as { name?: string })?.name === "UnrecognizedClientException";
    const left = creds.expiration ? Date.parse(creds.expiration) - Date.now() : Infinity;
    const expiry = Number.isFinite(left) ? setTimeout(() => onSignOut("Your session expired. Sign in again."), Math.max(0, Math.min(left, 2 ** 31 - 1))) : undefined;
    const check = setInterval(() => {
      api.describeSelf().catch((e) => ended(e) && onSignOut("Your session ended: you were signed out elsewhere, set Offline, or removed. Sign in again."));
    }, CHECK_MS);
    return () => {
      clearTimeout(expiry);
      clearInterval(check);
    };
  }, [api, creds, user, onSignOut]);

  const choose = async (s: Status) => {
    if (s.id === current?.id && s.type !== "OFFLINE") return;
    setBusy(s.id);
    setProblem(undefined);
    try {
      await api.putStatus(s.id);
      if (s.type === "OFFLINE") return onSignOut("You are Offline and signed out.");
      setCurrent(s);
      saveCreds({ ...creds, user: { ...user!, status: s } });
    } catch (e) {
      setProblem(`${explainError(e).title}: ${explainError(e).detail}`);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <header class="topbar">
      <div class="brand small">
        <span class="logo" aria-hidden="true" />
        <strong>Agent console</strong>
      </div>
      <span class="muted instance" title="Instance ID">{creds.instanceId}</span>
      <span class="spacer" />
      {user ? (
        <>
          <div class="agent" data-testid="agent">
            <strong title={user.username}>{creds.displayName}</strong>
            {user.routingProfile && <span class="profile" title="Routing profile">{user.routingProfile}</span>}
          </div>
          <div class="status-switch" role="group" aria-label="Your status" data-testid="status-switch">
            {statuses.map((s) => (
              <button key={s.id} type="button" data-type={s.type} aria-pressed={s.id === current?.id} disabled={busy !== undefined} onClick={() => void choose(s)}>
                <span class="dot" aria-hidden="true" />
                {s.name}
              </button>
            ))}
          </div>
          {problem && <span class="alert" role="alert">{problem}</span>}
        </>
      ) : (
        <span class="who">{creds.displayName} · {creds.accessKeyId}</span>
      )}
      <button class="ghost" onClick={() => onSignOut()}>Sign out</button>
    </header>
  );
}
