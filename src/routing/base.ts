// What every routing object's rules share inside one transaction: the instance check, lookups that answer
// ResourceNotFound, duplicate names, per-instance quotas, ARNs and name-ordered paging with opaque NextTokens.
import { DuplicateResourceException, InvalidRequestException, LimitExceededException, ResourceNotFoundException } from "../api/errors.js";
import type { Caller } from "../domain/types.js";
import type { RoutingEnv, RoutingTx } from "./ports.js";
import type { Kind, KindRecords } from "./types.js";

/** How each kind shows in an ARN (instance/ID/<segment>/ID) and in messages. Users are `agent`, statuses `agent-state`. */
export const ARN_SEGMENT: Record<Kind, string> = {
  queue: "queue",
  quickConnect: "transfer-destination",
  quickResponse: "quick-response",
  routingProfile: "routing-profile",
  user: "agent",
  agentStatus: "agent-state",
  securityProfile: "security-profile",
  hours: "operating-hours",
};
const LABEL: Record<Kind, string> = {
  queue: "Queue",
  quickConnect: "Quick connect",
  quickResponse: "Quick response",
  routingProfile: "Routing profile",
  user: "User",
  agentStatus: "Agent status",
  securityProfile: "Security profile",
  hours: "Hours of operation",
};

/**
 * Records per instance. Connect's default quotas are adjustable service quotas; these are ours, generous except
 * where Connect's is a hard limit (agent statuses).
 */
/**
 * Quick responses per instance: the console loads them all into its picker (five pages), so this stays small; with
 * Content at most 1024 characters (the model's bound) that is at most about 2 MB per instance.
 */
export const QUICK_RESPONSES_PER_INSTANCE = 500;

export const QUOTAS: Record<Kind, number> = { queue: 5000, quickConnect: 1000, quickResponse: QUICK_RESPONSES_PER_INSTANCE, routingProfile: 5000, user: 20000, agentStatus: 50, securityProfile: 500, hours: 500 };

export const DEFAULT_PAGE = 100;

export class RoutingBase {
  constructor(
    protected readonly tx: RoutingTx,
    protected readonly env: RoutingEnv,
  ) {}

  protected now(): number {
    return this.env.clock.now();
  }

  protected instance(caller: Caller, instanceId: string): void {
    if (!this.env.hasInstance(caller.accountId, instanceId))
      throw new ResourceNotFoundException(`Instance '${instanceId}' was not found in account ${caller.accountId}`);
  }

  /** The record, or ResourceNotFound naming the field it came from. */
  async must<K extends Kind>(kind: K, caller: Caller, instanceId: string, id: string, field: string): Promise<KindRecords[K]> {
    this.instance(caller, instanceId);
    const r = await this.tx.get(kind, caller.accountId, instanceId, id);
    if (!r) throw new ResourceNotFoundException(`${LABEL[kind]} '${id}' (${field}) was not found in instance ${instanceId}`);
    return r;
  }

  /** Inserts a new record: LimitExceeded past the quota, DuplicateResource when the name is taken. */
  protected async insertNew<K extends Kind>(kind: K, rec: KindRecords[K]): Promise<KindRecords[K]> {
    if ((await this.tx.count(kind, rec.accountId, rec.instanceId)) >= QUOTAS[kind]) throw new LimitExceededException(`The instance already has ${QUOTAS[kind]} ${LABEL[kind].toLowerCase()} records, the most it may have`);
    if (!(await this.tx.insert(kind, rec))) throw this.duplicate(kind, rec.name);
    return rec;
  }

  protected async save<K extends Kind>(kind: K, rec: KindRecords[K]): Promise<void> {
    if (!(await this.tx.update(kind, { ...rec, updatedAt: this.now() }))) throw this.duplicate(kind, rec.name);
  }

  protected duplicate(kind: Kind, name: string) {
    return new DuplicateResourceException(`${LABEL[kind]} with name '${name}' already exists in this instance`);
  }

  /** One page of records ordered by name; `keep` filters (the page is filled past filtered-out records). */
  protected async page<K extends Kind>(
    kind: K,
    caller: Caller,
    instanceId: string,
    nextToken: string | undefined,
    maxResults: number | undefined,
    keep: (r: KindRecords[K]) => boolean = () => true,
  ): Promise<{ items: KindRecords[K][]; nextToken?: string }> {
    this.instance(caller, instanceId);
    const limit = maxResults ?? DEFAULT_PAGE;
    const scope = `${kind}/${instanceId}`;
    let after = nextToken === undefined ? undefined : readToken(nextToken, scope);
    const items: KindRecords[K][] = [];
    for (;;) {
      const batch = await this.tx.list(kind, caller.accountId, instanceId, after, limit + 1);
      for (const r of batch) {
        if (items.length === limit) return { items, nextToken: makeToken(scope, items[items.length - 1].name) };
        if (keep(r)) items.push(r);
      }
      if (batch.length <= limit) return { items };
      after = batch[batch.length - 1].name;
    }
  }
}

/** NextToken: the last name of the page, bound to what was listed (kind and instance). */
export function makeToken(scope: string, after: string): string {
  const bin = String.fromCharCode(...new TextEncoder().encode(JSON.stringify({ s: scope, a: after })));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function readToken(token: string, scope: string): string {
  try {
    const bin = atob(token.replace(/-/g, "+").replace(/_/g, "/"));
    const text = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
    const t = JSON.parse(text) as { s?: unknown; a?: unknown };
    if (t.s === scope && typeof t.a === "string") return t.a;
  } catch {
    // fall through
  }
  throw new InvalidRequestException("The NextToken is not valid for this request");
}
