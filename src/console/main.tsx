// The agent console: sign in with an access key, then the queue and the chats you joined.
import { render } from "preact";
import { useState } from "preact/hooks";
import { loadCreds, type Creds } from "./session.js";
import { SignIn } from "./ui/SignIn.js";
import { Workspace } from "./ui/Workspace.js";
import "./styles.css";

function App() {
  const [creds, setCreds] = useState<Creds | undefined>(loadCreds);
  return creds ? <Workspace creds={creds} onSignOut={() => setCreds(undefined)} /> : <SignIn onSignedIn={setCreds} />;
}

render(<App />, document.getElementById("app")!);
