// Sign-in. Agents: username, password and instance → POST /auth/sign-in → short-lived credentials for this tab
// (sessionStorage). Administrators: "Advanced (access keys)" keeps the access-key form, whose keys are checked with
// one signed SearchContacts call before anything is kept.
import { useEffect, useState } from "preact/hooks";
import { Api } from "../api.js";
import { explainError, type Explained } from "../logic/errors.js";
import { saveCreds, serverHints, signInUser, type Creds } from "../session.js";

/** What a refused sign-in means (the endpoint's errors are not the SigV4 ones explainError knows). */
function explainSignIn(e: unknown): Explained {
  const name = (e as { name?: string })?.name;
  if (name === "NotAuthorizedException") return { kind: "auth", title: "Wrong username or password", detail: "Check both and try again. Usernames are case-sensitive." };
  if (name === "TooManyRequestsException") return { kind: "throttled", title: "Too many failed attempts", detail: "Sign-in for this username is paused for a while. Try again later." };
  return explainError(e);
}

export function SignIn({ onSignedIn, notice }: { onSignedIn: (c: Creds) => void; notice?: string }) {
  const [advanced, setAdvanced] = useState(false);
  const [instances, setInstances] = useState<string[]>([]);
  const [region, setRegion] = useState("us-east-1");
  const [instanceId, setInstanceId] = useState("");
  const [error, setError] = useState<Explained>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void serverHints().then((h) => {
      setInstances(h.instances ?? []);
      if (h.region) setRegion(h.region);
      setInstanceId((i) => i || h.instances?.[0] || "");
    });
  }, []);

  const run = async (work: () => Promise<Creds>, explain: (e: unknown) => Explained) => {
    setBusy(true);
    setError(undefined);
    try {
      const c = await work();
      saveCreds(c);
      onSignedIn(c);
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy(false);
    }
  };

  const header = (
    <div class="brand">
      <span class="logo" aria-hidden="true" />
      <div>
        <h1 id="signin-title">Agent console</h1>
        <p class="muted">{advanced ? <>Sign in with an access key of this <span class="nowrap">connect-chat</span> server.</> : "Sign in with your username and password."}</p>
      </div>
    </div>
  );
  const alerts = (
    <>
      {notice && !error && (
        <div class="alert" role="status" data-testid="signin-notice">
          {notice}
        </div>
      )}
      {error && (
        <div class="alert" role="alert" data-testid="signin-error">
          <strong>{error.title}.</strong> {error.detail}
        </div>
      )}
    </>
  );

  return (
    <main class="signin">
      {advanced ? (
        <KeyForm region={region} instanceId={instanceId} instances={instances} busy={busy} header={header} alerts={alerts} onBack={() => setAdvanced(false)} run={run} />
      ) : (
        <form
          class="card signin-card"
          aria-labelledby="signin-title"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget as HTMLFormElement);
            void run(() => signInUser(String(f.get("username")).trim(), String(f.get("password")), instanceId, region), explainSignIn);
          }}
        >
          {header}
          <label>
            Username
            <input name="username" autocomplete="username" required autofocus spellcheck={false} autocapitalize="off" />
          </label>
          <label>
            Password
            <input name="password" type="password" autocomplete="current-password" required />
          </label>
          {instances.length > 1 && (
            <label>
              Instance
              <select name="instance" value={instanceId} onChange={(e) => setInstanceId((e.target as HTMLSelectElement).value)}>
                {instances.map((i) => <option key={i} value={i}>{i}</option>)}
              </select>
            </label>
          )}
          {alerts}
          <button class="primary" type="submit" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
          <p class="fine muted">
            Your session lasts this browser tab only (sessionStorage).{" "}
            <button type="button" class="link" onClick={() => { setError(undefined); setAdvanced(true); }}>Advanced (access keys)</button>
          </p>
        </form>
      )}
    </main>
  );
}

type KeyFields = Omit<Creds, "sessionToken" | "expiration" | "user">;

/** The administrators' form: an access key, region, instance and the name customers see. */
function KeyForm(p: {
  region: string; instanceId: string; instances: string[]; busy: boolean; header: preact.JSX.Element; alerts: preact.JSX.Element;
  onBack: () => void; run: (work: () => Promise<Creds>, explain: (e: unknown) => Explained) => Promise<void>;
}) {
  const [form, setForm] = useState<KeyFields>({ accessKeyId: "", secretAccessKey: "", region: p.region, instanceId: p.instanceId, displayName: "Agent" });
  const field = (k: keyof KeyFields) => ({
    value: form[k],
    onInput: (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value.trim() }),
  });
  const submit = (e: Event) => {
    e.preventDefault();
    void p.run(async () => {
      const api = new Api(form);
      try {
        await api.searchChats();
        return form;
      } finally {
        api.destroy();
      }
    }, explainError);
  };
  return (
    <form class="card signin-card" onSubmit={submit} aria-labelledby="signin-title">
      {p.header}
      <label>
        Access key ID
        <input name="accessKeyId" autocomplete="off" required autofocus spellcheck={false} {...field("accessKeyId")} />
      </label>
      <label>
        Secret access key
        <input name="secretAccessKey" type="password" autocomplete="off" required {...field("secretAccessKey")} />
      </label>
      <div class="row2">
        <label>
          Region
          <input name="region" required spellcheck={false} {...field("region")} />
        </label>
        <label>
          Your name
          <input name="displayName" required maxLength={256} {...field("displayName")} />
        </label>
      </div>
      <label>
        Instance ID
        <input name="instanceId" required spellcheck={false} list="instances" {...field("instanceId")} />
        <datalist id="instances">{p.instances.map((i) => <option key={i} value={i} />)}</datalist>
      </label>
      {p.alerts}
      <button class="primary" type="submit" disabled={p.busy}>
        {p.busy ? "Checking…" : "Sign in"}
      </button>
      <p class="fine muted">
        Keys stay in this browser tab (sessionStorage) and sign each request here; they are never sent.{" "}
        <button type="button" class="link" onClick={p.onBack}>Back to username sign-in</button>
      </p>
    </form>
  );
}
