// Routing as the console calls it: GetCurrentUserData of the signed-in agent, their queues, transfers, contact
// attributes (the SDK), and connect-chat's agent extension (AcceptContact, RejectContact, CompleteContactWork: POST
// /contact/accept|reject|complete-work, SigV4-signed with the same keys, hash and region as the Connect client).
import { SignatureV4 } from "@smithy/signature-v4";
import {
  DescribeQuickConnectCommand,
  GetCurrentUserDataCommand,
  ListQueueQuickConnectsCommand,
  MonitorContactCommand,
  ListQueuesCommand,
  ListUsersCommand,
  TransferContactCommand,
  UpdateContactAttributesCommand,
  type UserData,
} from "@aws-sdk/client-connect";
import type { Api } from "./api.js";

/** At most this many queues (and agents) are listed for transfers and checked for the agent's queue views. */
const MAX_LISTED = 200;

/** An error of the extension, shaped like the SDK's (name, message, HTTP status) for explainError. */
class ExtensionError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly $metadata: { httpStatusCode: number },
  ) {
    super(message);
  }
}

/** One of our JSON extensions, SigV4-signed like the Connect client's requests (no SDK has them). */
export async function extension<T>(api: Api, path: string, body: Record<string, unknown> | undefined, method = "POST"): Promise<T> {
  const text = body === undefined ? "" : JSON.stringify(body);
  const signer = new SignatureV4({ credentials: api.client.config.credentials, region: api.creds.region, service: "connect", sha256: api.client.config.sha256 });
  const signed = await signer.sign({
    method,
    protocol: location.protocol,
    hostname: location.hostname,
    port: location.port ? Number(location.port) : undefined,
    path,
    headers: { host: location.host, "content-type": "application/json" },
    body: text,
  });
  const headers = Object.fromEntries(Object.entries(signed.headers).filter(([k]) => k.toLowerCase() !== "host"));
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : text });
  const json = (await r.json().catch(() => ({}))) as T & { message?: string; Message?: string };
  if (!r.ok) throw new ExtensionError(r.headers.get("x-amzn-errortype")?.split(":")[0] ?? "Error", json.message ?? json.Message ?? `HTTP ${r.status}`, { httpStatusCode: r.status });
  return json;
}

const I = (api: Api) => api.creds.instanceId;

/** AcceptContact: joins the offered chat (or, on a chat the agent has, a fresh token for their participant). */
export async function accept(api: Api, contactId: string): Promise<{ participantId: string; participantToken: string }> {
  const r = await extension<{ ParticipantId: string; ParticipantCredentials: { ParticipantToken: string } }>(api, "/contact/accept", { InstanceId: I(api), ContactId: contactId });
  return { participantId: r.ParticipantId, participantToken: r.ParticipantCredentials.ParticipantToken };
}

export const reject = (api: Api, contactId: string) => extension(api, "/contact/reject", { InstanceId: I(api), ContactId: contactId });

/** Ends the agent's after-contact work on the chat: the slot frees. */
export const completeWork = (api: Api, contactId: string) => extension(api, "/contact/complete-work", { InstanceId: I(api), ContactId: contactId });

/** The signed-in agent's own routing state (status, slots, contacts). */
export async function myData(api: Api): Promise<UserData | undefined> {
  const r = await api.client.send(new GetCurrentUserDataCommand({ InstanceId: I(api), Filters: { Agents: [api.creds.user!.id] } }));
  return r.UserDataList?.[0];
}

/** The instance's standard queues by id → name. */
export async function queues(api: Api): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let NextToken: string | undefined;
  do {
    const r = await api.client.send(new ListQueuesCommand({ InstanceId: I(api), QueueTypes: ["STANDARD"], MaxResults: 100, NextToken }));
    for (const q of r.QueueSummaryList ?? []) if (q.Id && q.Name) out.set(q.Id, q.Name);
    NextToken = r.NextToken;
  } while (NextToken && out.size < MAX_LISTED);
  return out;
}

/**
 * The queues the agent's routing profile serves, among `ids`: GetCurrentUserData filtered by the agent and one queue
 * answers the agent only when their profile serves it (the one check an Agent security profile may make).
 */
export async function servedQueues(api: Api, ids: readonly string[]): Promise<string[]> {
  const me = api.creds.user!.id;
  const served = await Promise.all(
    ids.slice(0, MAX_LISTED).map((q) => api.client.send(new GetCurrentUserDataCommand({ InstanceId: I(api), Filters: { Agents: [me], Queues: [q] } })).then((r) => (r.UserDataList?.length ?? 0) > 0)),
  );
  return ids.filter((_, i) => served[i]);
}

/** Every agent's routing state with names (needs GetCurrentUserData on all agents and ListUsers: supervisors). */
export async function agents(api: Api): Promise<{ list: UserData[]; names: Map<string, string> }> {
  const [data, users] = await Promise.all([
    api.client.send(new GetCurrentUserDataCommand({ InstanceId: I(api), Filters: {}, MaxResults: 100 })),
    api.client.send(new ListUsersCommand({ InstanceId: I(api), MaxResults: 100 })),
  ]);
  return { list: data.UserDataList ?? [], names: new Map((users.UserSummaryList ?? []).map((u) => [u.Id!, u.Username!])) };
}

export const canListAgents = (api: Api) => api.creds.user?.permissions.GetCurrentUserData === "any" && api.creds.user?.permissions.ListUsers !== undefined;

export const updateAttributes = (api: Api, contactId: string, Attributes: Record<string, string>) =>
  api.client.send(new UpdateContactAttributesCommand({ InstanceId: I(api), InitialContactId: contactId, Attributes }));

/** TransferContact to a queue or an agent; the model requires a ContactFlowId, which this server does not run. */
export const transfer = (api: Api, contactId: string, to: { queueId?: string; userId?: string }) =>
  api.client.send(new TransferContactCommand({ InstanceId: I(api), ContactId: contactId, QueueId: to.queueId, UserId: to.userId, ContactFlowId: "console-transfer" }));

/**
 * MonitorContact as the signed-in supervisor: the first call joins silently (SILENT_MONITOR); `barge` allows BARGE,
 * which on a chat they already monitor barges in (the customer sees them and they may write).
 */
export const monitor = (api: Api, contactId: string, barge: boolean) =>
  api.client.send(
    new MonitorContactCommand({ InstanceId: I(api), ContactId: contactId, UserId: api.creds.user!.id, AllowedMonitorCapabilities: barge ? ["SILENT_MONITOR", "BARGE"] : ["SILENT_MONITOR"] }),
  );

export interface QuickTarget {
  name: string;
  queueId?: string;
  userId?: string;
}

/** The quick connects of a queue that a chat can be transferred to (USER and QUEUE ones), with their targets. */
export async function quickConnects(api: Api, queueId: string): Promise<QuickTarget[]> {
  const r = await api.client.send(new ListQueueQuickConnectsCommand({ InstanceId: I(api), QueueId: queueId, MaxResults: 100 }));
  const usable = (r.QuickConnectSummaryList ?? []).filter((q) => q.Id && (q.QuickConnectType === "USER" || q.QuickConnectType === "QUEUE"));
  const described = await Promise.all(usable.map((q) => api.client.send(new DescribeQuickConnectCommand({ InstanceId: I(api), QuickConnectId: q.Id! }))));
  return described.flatMap(({ QuickConnect: q }) => {
    const c = q?.QuickConnectConfig;
    const target = c?.UserConfig?.UserId ? { userId: c.UserConfig.UserId } : c?.QueueConfig?.QueueId ? { queueId: c.QueueConfig.QueueId } : undefined;
    return q?.Name && target ? [{ name: q.Name, ...target }] : [];
  });
}
