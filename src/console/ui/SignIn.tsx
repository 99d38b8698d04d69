// Sign-in: access key, secret, region, instance and the name customers see. The keys are checked with one
// signed SearchContacts call before anything is kept (sessionStorage, this tab only).
import { useEffect, useState } from "preact/hooks";
import { Api } from "../api.js";
import { explainError, type Explained } from "../logic/errors.js";
import { saveCreds, serverHints, type Creds } from "../session.js";

export function SignIn({ onSignedIn }: { onSignedIn: (c: Creds) => void }) {
  const [form, setForm] = useState<Creds>({ accessKeyId: "", secretAccessKey: "", region: "us-east-1", instanceId: "", displayName: "Agent" });
  const [instances, setInstances] = useState<string[]>([]);
  const [error, setError] = useState<Explained>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void serverHints().then((h) => {
      setInstances(h.instances ?? []);
      setForm((f) => ({ ...f, region: h.region ?? f.region, instanceId: f.instanceId || h.instances?.[0] || "" }));
    });
  }, []);

  const field = (k: keyof Creds) => ({
    value: form[k],
    onInput: (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value.trim() }),
  });

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const api = new Api(form);
    try {
      await api.searchChats();
      saveCreds(form);
      onSignedIn(form);
    } catch (err) {
      setError(explainError(err));
    } finally {
      api.destroy();
      setBusy(false);
    }
  };

  return (
    <main class="signin">
      <form class="card signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <div class="brand">
          <span class="logo" aria-hidden="true" />
          <div>
            <h1 id="signin-title">Agent console</h1>
            <p class="muted">Sign in with an access key of this <span class="nowrap">connect-chat</span> server.</p>
          </div>
        </div>
        <label>
          Access key ID
          <input name="accessKeyId" autocomplete="username" required autofocus spellcheck={false} {...field("accessKeyId")} />
        </label>
        <label>
          Secret access key
          <input name="secretAccessKey" type="password" autocomplete="current-password" required {...field("secretAccessKey")} />
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
          <datalist id="instances">{instances.map((i) => <option key={i} value={i} />)}</datalist>
        </label>
        {error && (
          <div class="alert" role="alert" data-testid="signin-error">
            <strong>{error.title}.</strong> {error.detail}
          </div>
        )}
        <button class="primary" type="submit" disabled={busy}>
          {busy ? "Checking…" : "Sign in"}
        </button>
        <p class="fine muted">Keys stay in this browser tab (sessionStorage) and sign each request here; they are never sent.</p>
      </form>
    </main>
  );
}
