// Our SMS sends extension as the console calls it: a chat's sends and Retry with the agent's ParticipantToken (kept
// in this tab's session), the instance's failed sends SigV4-signed with the signed-in keys (the Connect client's
// own hash and credentials). One poll per chat, shared by every bubble that watches it.
import { SignatureV4 } from "@smithy/signature-v4";
import type { Api } from "./api.js";
import type { SmsFailure, SmsSendState } from "./logic/sms-sends.js";

const BASE = "/_connect-chat/sms/";
const POLL_MS = 4000;

async function answer<T>(r: Response): Promise<T> {
  const json = (await r.json().catch(() => ({}))) as T & { message?: string };
  if (!r.ok) throw new Error(json.message ?? `HTTP ${r.status}`);
  return json;
}

const withBearer = (token: string, init: RequestInit = {}) => ({ ...init, headers: { ...init.headers, "x-amz-bearer": token } });

type Listener = (states: ReadonlyMap<string, SmsSendState>) => void;

class SendsWatch {
  states: ReadonlyMap<string, SmsSendState> = new Map();
  readonly listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly token: string) {}

  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    try {
      const r = await answer<{ Sends: SmsSendState[] }>(await fetch(BASE + "sends", withBearer(this.token)));
      this.states = new Map(r.Sends.map((s) => [s.MessageId, s]));
      for (const l of this.listeners) l(this.states);
    } catch {
      // The chat ended or the server is away: keep what we showed; the next poll tries again.
    }
    if (this.listeners.size) this.timer = setTimeout(() => void this.refresh(), POLL_MS);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

const watches = new Map<string, SendsWatch>();

/** Calls `fn` with the chat's send states now and on every poll, until the returned function is called. */
export function watchSends(token: string, fn: Listener): () => void {
  let w = watches.get(token);
  if (!w) {
    w = new SendsWatch(token);
    watches.set(token, w);
  }
  w.listeners.add(fn);
  if (w.listeners.size === 1) void w.refresh();
  else fn(w.states);
  const watch = w;
  return () => {
    watch.listeners.delete(fn);
    if (!watch.listeners.size) {
      watch.stop();
      watches.delete(token);
    }
  };
}

/** Retry: the server sends a FAILED message again (a repeated click changes nothing); the chat's poll refreshes now. */
export async function retrySend(token: string, messageId: string): Promise<SmsSendState & { Retried: boolean }> {
  const r = await answer<SmsSendState & { Retried: boolean }>(
    await fetch(BASE + "retry", withBearer(token, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ MessageId: messageId }) })),
  );
  void watches.get(token)?.refresh();
  return r;
}

/** The instance's failed SMS sends, newest first (a supervisor's view). */
export async function listFailures(api: Api): Promise<SmsFailure[]> {
  const path = BASE + "failures";
  const query = { InstanceId: api.creds.instanceId };
  const signer = new SignatureV4({ credentials: api.client.config.credentials, region: api.creds.region, service: "connect", sha256: api.client.config.sha256 });
  const signed = await signer.sign({ method: "GET", protocol: location.protocol, hostname: location.hostname, port: location.port ? Number(location.port) : undefined, path, query, headers: { host: location.host } });
  const headers = Object.fromEntries(Object.entries(signed.headers).filter(([k]) => k.toLowerCase() !== "host"));
  const r = await answer<{ Failures: SmsFailure[] }>(await fetch(`${path}?InstanceId=${encodeURIComponent(api.creds.instanceId)}`, { headers }));
  return r.Failures;
}
