// What the console keeps for this browser tab's session only (sessionStorage, never localStorage): the
// signing keys and the chats it has joined (participant tokens), so a reload resumes without rejoining. Keys are
// either a signed-in user's session credentials (POST /auth/sign-in: token, expiry, who they are) or, for
// administrators, an access key typed in under "Advanced".

export interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  instanceId: string;
  displayName: string;
  /** Session credentials of a signed-in user; absent for access keys. */
  sessionToken?: string;
  /** ISO-8601: when the session credentials end. */
  expiration?: string;
  user?: SignedInUser;
}

export interface SignedInUser {
  id: string;
  username: string;
  routingProfile?: string;
  status?: { id: string; name: string; type: string };
  /** Operation → "any" | "self": what the credentials may call. */
  permissions: Record<string, "any" | "self">;
}

export interface TabRef {
  contactId: string;
  participantId: string;
  participantToken: string;
  customer: string;
  /** connect:Subtype when joined ("connect:SMS"), so the header can say what channel this is after the chat leaves the queue. */
  subtype?: string;
  /**
   * A chat a supervisor monitors (MonitorContact): silently until they barge in. Kept with the tab, so a reload comes
   * back monitoring in the same mode on the same participant, as Connect's CCP restores a supervisor's monitored
   * contacts after a refresh; Stop monitoring closes the tab (DisconnectParticipant), and then nothing comes back.
   */
  monitor?: "silent" | "barge";
}

const CREDS = "connect-chat.console.creds";
const TABS = "connect-chat.console.tabs";
const ACTIVE = "connect-chat.console.active";

function read<T>(key: string): T | undefined {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

export const loadCreds = () => read<Creds>(CREDS);
export const saveCreds = (c: Creds) => sessionStorage.setItem(CREDS, JSON.stringify(c));
export const loadTabs = () => read<TabRef[]>(TABS) ?? [];
export const saveTabs = (t: TabRef[]) => sessionStorage.setItem(TABS, JSON.stringify(t));

export const loadActive = () => sessionStorage.getItem(ACTIVE) ?? "queue";
export const saveActive = (id: string) => sessionStorage.setItem(ACTIVE, id);

/** Forgets this tab's session; a signed-in user's credentials are also ended on the server (any node). */
export function signOut() {
  const creds = loadCreds();
  if (creds?.sessionToken) void endSession(creds);
  for (const k of [CREDS, TABS, ACTIVE]) sessionStorage.removeItem(k);
}

/** POST /auth/sign-out; keepalive: it still goes out when the page is closing. Failure is harmless (expiry ends it). */
export async function endSession(c: Creds): Promise<void> {
  try {
    await fetch("/auth/sign-out", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ AccessKeyId: c.accessKeyId, SessionToken: c.sessionToken }),
      keepalive: true,
    });
  } catch {
    // offline: the session ends at its expiry
  }
}

/** A sign-in's refusal, shaped like the SDK's errors (name, message, HTTP status) for explainError. */
export class SignInError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly $metadata: { httpStatusCode: number },
  ) {
    super(message);
  }
}

/** POST /auth/sign-in → this tab's credentials. */
export async function signInUser(username: string, password: string, instanceId: string, region: string): Promise<Creds> {
  const r = await fetch("/auth/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ Username: username, Password: password, InstanceId: instanceId }),
  });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new SignInError(r.headers.get("x-amzn-errortype") ?? "Error", body.message ?? `HTTP ${r.status}`, { httpStatusCode: r.status });
  const u = body.User ?? {};
  const name = [u.FirstName, u.LastName].filter(Boolean).join(" ") || u.Username;
  return {
    accessKeyId: body.Credentials.AccessKeyId,
    secretAccessKey: body.Credentials.SecretAccessKey,
    sessionToken: body.Credentials.SessionToken,
    expiration: body.Credentials.Expiration,
    region: body.Region ?? region,
    instanceId: body.InstanceId ?? instanceId,
    displayName: name,
    user: {
      id: u.Id,
      username: u.Username,
      routingProfile: body.RoutingProfile?.Name,
      status: body.Status && { id: body.Status.Id, name: body.Status.Name, type: body.Status.Type },
      permissions: body.Permissions ?? {},
    },
  };
}

/** The server's /console/config.json (src/wiring/console.ts): no secrets. */
export interface ServerHints {
  region?: string;
  /** Instance ids to prefill sign-in with. */
  instances?: string[];
  /** Per instance: how long an offer lasts and after-contact work's default limit, in seconds. */
  routing?: Record<string, { offerSeconds: number; acwSeconds: number }>;
  /** Wrap-up dispositions by queue name or id ("*": every other queue). */
  dispositions?: Record<string, string[]>;
}

export async function serverHints(): Promise<ServerHints> {
  try {
    const r = await fetch("./config.json", { cache: "no-cache" });
    return r.ok ? await r.json() : {};
  } catch {
    return {};
  }
}
