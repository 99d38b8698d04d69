// What the console keeps for this browser tab's session only (sessionStorage, never localStorage): the
// signing keys and the chats it has joined (participant tokens), so a reload resumes without rejoining.

export interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  instanceId: string;
  displayName: string;
}

export interface TabRef {
  contactId: string;
  participantId: string;
  participantToken: string;
  customer: string;
  /** connect:Subtype when joined ("connect:SMS"), so the header can say what channel this is after the chat leaves the queue. */
  subtype?: string;
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

export function signOut() {
  for (const k of [CREDS, TABS, ACTIVE]) sessionStorage.removeItem(k);
}

/** The server's /console/config.json: region and instance ids to prefill the form with (no secrets). */
export async function serverHints(): Promise<{ region?: string; instances?: string[] }> {
  try {
    const r = await fetch("./config.json", { cache: "no-cache" });
    return r.ok ? await r.json() : {};
  } catch {
    return {};
  }
}
