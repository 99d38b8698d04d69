// The agent console: sign in (username and password, or an access key), then the queue and the chats you joined.
import { render } from "preact";
import { useState } from "preact/hooks";
import { loadCreds, type Creds } from "./session.js";
import { SignIn } from "./ui/SignIn.js";
import { Workspace } from "./ui/Workspace.js";
import "./styles.css";

function App() {
  const [creds, setCreds] = useState<Creds | undefined>(() => {
    const c = loadCreds();
    // Session credentials past their expiry are not resumed after a reload.
    return c?.expiration && Date.parse(c.expiration) <= Date.now() ? undefined : c;
  });
  const [notice, setNotice] = useState<string>();
  const signedOut = (why?: string) => {
    setNotice(why);
    setCreds(undefined);
  };
  return creds ? <Workspace creds={creds} onSignOut={signedOut} /> : <SignIn notice={notice} onSignedIn={setCreds} />;
}

render(<App />, document.getElementById("app")!);
