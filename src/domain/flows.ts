// Contact flows of an instance: create, describe (with Connect's :$SAVED / :$LATEST qualifiers), update content,
// name and metadata, list, delete. Publishing validates the content (src/flows/); saving does not, as in Connect.
// Flows from the configuration file are listed and described beside stored ones and refuse every change.
import { ContactFlowNotPublishedException, DuplicateResourceException, InvalidContactFlowException, InvalidParameterException, InvalidRequestException, ResourceNotFoundException } from "../api/errors.js";
import { validateFlow } from "../flows/validate.js";
import type { DomainEnv } from "./chat-base.js";
import type { FlowRecord, FlowState, FlowStatus, FlowSummary } from "./flow-store.js";
import type { TxStore } from "./ports.js";
import type { Caller } from "./types.js";

/** A flow reference as the API takes it: an id or a flow ARN, optionally with a qualifier (`id:$SAVED`). */
export interface FlowRef {
  id: string;
  qualifier?: string;
  /** The instance a flow ARN names (it must be the request's). */
  arnInstanceId?: string;
}

export interface NewFlow {
  name: string;
  type: string;
  description?: string;
  content: string;
  /** FlowContentSha256 of `content` (hex), computed by the caller: the domain has no crypto. */
  sha256: string;
  status: FlowStatus;
  tags?: Record<string, string>;
}

/** What DescribeContactFlow shows: the record with the content and status of the version asked for. */
export interface FlowView {
  flow: FlowRecord;
  content: string;
  status: FlowStatus;
}

export const SAVED = "$SAVED";
export const LATEST = "$LATEST";

/** Splits `id`, `id:$SAVED` or `arn:…:instance/I/contact-flow/ID:$SAVED` into the id and its qualifier. */
export function parseFlowRef(ref: string): FlowRef {
  const arn = /^arn:[^:]*:connect:[^:]*:[^:]*:instance\/([^/]+)\/contact-flow\/(.+)$/.exec(ref);
  const tail = arn ? arn[2] : ref;
  const colon = tail.indexOf(":");
  const r: FlowRef = colon < 0 ? { id: tail } : { id: tail.slice(0, colon), qualifier: tail.slice(colon + 1) };
  if (arn) r.arnInstanceId = arn[1];
  return r;
}

export const flowArn = (region: string, accountId: string, instanceId: string, id: string) => `arn:aws:connect:${region}:${accountId}:instance/${instanceId}/contact-flow/${id}`;

/** ListContactFlows' NextToken: the last id of the page, opaque to clients (base64 of URI-encoded JSON: ids may be any text). */
const tokenOf = (id: string) => btoa(encodeURIComponent(JSON.stringify({ after: id })));

export class Flows {
  constructor(
    private readonly tx: TxStore,
    private readonly env: DomainEnv,
  ) {}

  async create(caller: Caller, instanceId: string, f: NewFlow): Promise<FlowRecord> {
    this.instance(caller, instanceId);
    if (f.status === "PUBLISHED") this.validate(f.content);
    await this.nameIsFree(caller, instanceId, f.name);
    const now = this.env.clock.now();
    const id = this.env.ids.contactId(); // any UUID: flow ids look like contact ids in Connect
    const flow: FlowRecord = {
      accountId: caller.accountId,
      instanceId,
      id,
      arn: flowArn(this.env.region, caller.accountId, instanceId, id),
      name: f.name,
      ...(f.description !== undefined ? { description: f.description } : {}),
      type: f.type,
      state: "ACTIVE",
      status: f.status,
      savedContent: f.content,
      ...(f.status === "PUBLISHED" ? { publishedContent: f.content, publishedSha256: f.sha256 } : {}),
      tags: f.tags ?? {},
      createdAt: now,
      lastModifiedAt: now,
      lastModifiedRegion: this.env.region,
    };
    if (!(await this.tx.insertFlow(flow))) throw this.duplicate(f.name);
    // Kept by checksum: a contact keeps running the version it started with after a later publish.
    if (f.status === "PUBLISHED") await this.tx.putFlowVersion(f.sha256, f.content);
    return flow;
  }

  /** No qualifier: the published content (the saved one if never published); $LATEST: published only; $SAVED: saved. */
  async describe(caller: Caller, instanceId: string, ref: FlowRef): Promise<FlowView> {
    const flow = await this.get(caller, instanceId, ref);
    const q = ref.qualifier;
    if (q === SAVED) return { flow, content: flow.savedContent, status: flow.savedContent === flow.publishedContent ? "PUBLISHED" : "SAVED" };
    if (q !== undefined && q !== LATEST) throw new ResourceNotFoundException(`Version '${q}' of contact flow '${ref.id}' was not found (versions are not kept; use :$SAVED or :$LATEST)`);
    if (flow.publishedContent !== undefined) return { flow, content: flow.publishedContent, status: "PUBLISHED" };
    if (q === LATEST) throw new ContactFlowNotPublishedException(`Contact flow '${ref.id}' has not been published; describe '${ref.id}:$SAVED' for its saved content`);
    return { flow, content: flow.savedContent, status: "SAVED" };
  }

  /** Publishes the content (validated), or with :$SAVED only saves it (not validated). */
  async updateContent(caller: Caller, instanceId: string, ref: FlowRef, content: string, sha256: string): Promise<void> {
    if (ref.qualifier !== undefined && ref.qualifier !== SAVED) throw new InvalidParameterException(`ContactFlowId qualifier ':${ref.qualifier}' is not valid here; use ':$SAVED' to save without publishing`);
    const flow = await this.mutable(caller, instanceId, ref, "UpdateContactFlowContent");
    if (ref.qualifier === SAVED) {
      await this.write({ ...flow, savedContent: content });
      return;
    }
    this.validate(content);
    await this.write({ ...flow, savedContent: content, publishedContent: content, publishedSha256: sha256, status: "PUBLISHED" });
    await this.tx.putFlowVersion(sha256, content);
  }

  async updateMetadata(caller: Caller, instanceId: string, ref: FlowRef, m: { name?: string; description?: string; state?: FlowState }, operation: string): Promise<void> {
    this.noQualifier(ref);
    const flow = await this.mutable(caller, instanceId, ref, operation);
    if (m.name !== undefined && m.name !== flow.name) await this.nameIsFree(caller, instanceId, m.name);
    const next = { ...flow, ...(m.name !== undefined ? { name: m.name } : {}), ...(m.description !== undefined ? { description: m.description } : {}), ...(m.state ? { state: m.state } : {}) };
    if (!(await this.write(next))) throw this.duplicate(next.name);
  }

  async delete(caller: Caller, instanceId: string, ref: FlowRef): Promise<void> {
    this.noQualifier(ref);
    await this.mutable(caller, instanceId, ref, "DeleteContactFlow");
    await this.tx.deleteFlow(caller.accountId, instanceId, ref.id);
  }

  /** Configured and stored flows of the instance in one id order, a page at a time. */
  async list(caller: Caller, instanceId: string, q: { types?: readonly string[]; nextToken?: string; max: number }): Promise<{ flows: FlowSummary[]; nextToken?: string }> {
    this.instance(caller, instanceId);
    const after = q.nextToken === undefined ? undefined : afterOf(q.nextToken);
    const types = q.types?.length ? new Set(q.types) : undefined;
    const configured = (this.env.configFlows?.list(caller.accountId, instanceId) ?? []).filter((f) => (after === undefined || f.id > after) && (!types || types.has(f.type)));
    const stored = await this.tx.listFlows({ accountId: caller.accountId, instanceId, types: q.types, afterId: after, limit: q.max + 1 });
    const merged = [...configured, ...stored].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const page = merged.slice(0, q.max);
    return { flows: page, ...(merged.length > q.max ? { nextToken: tokenOf(page[page.length - 1].id) } : {}) };
  }

  /** The flow as the API addresses it: configured first (their ids are the operator's), then stored. */
  private async get(caller: Caller, instanceId: string, ref: FlowRef): Promise<FlowRecord> {
    this.instance(caller, instanceId);
    const id = ref.id;
    const flow =
      ref.arnInstanceId !== undefined && ref.arnInstanceId !== instanceId
        ? undefined
        : (this.env.configFlows?.get(caller.accountId, instanceId, id) ?? (await this.tx.flow(caller.accountId, instanceId, id)));
    if (!flow) throw new ResourceNotFoundException(`Contact flow '${id}' was not found in instance ${instanceId}`);
    return flow;
  }

  private async mutable(caller: Caller, instanceId: string, ref: FlowRef, operation: string): Promise<FlowRecord> {
    const flow = await this.get(caller, instanceId, ref);
    if (flow.fromConfig)
      throw new InvalidRequestException(`Contact flow '${ref.id}' is defined in the server's configuration file and is read-only through the API (${operation}); change the file and restart the server`);
    return flow;
  }

  private async write(flow: FlowRecord): Promise<boolean> {
    return this.tx.updateFlow({ ...flow, lastModifiedAt: this.env.clock.now(), lastModifiedRegion: this.env.region });
  }

  private validate(content: string) {
    const r = validateFlow(content);
    if (!r.ok) throw new InvalidContactFlowException("The flow is not valid.", { problems: r.problems });
  }

  private async nameIsFree(caller: Caller, instanceId: string, name: string) {
    const configured = this.env.configFlows?.list(caller.accountId, instanceId).some((f) => f.name === name);
    if (configured || (await this.tx.flowIdByName(caller.accountId, instanceId, name)) !== undefined) throw this.duplicate(name);
  }

  private duplicate(name: string) {
    return new DuplicateResourceException(`A contact flow named '${name}' already exists in this instance`);
  }

  private noQualifier(ref: FlowRef) {
    if (ref.qualifier !== undefined) throw new InvalidParameterException(`ContactFlowId '${ref.id}:${ref.qualifier}' takes no qualifier here`);
  }

  private instance(caller: Caller, instanceId: string) {
    if (!this.env.directory.hasInstance(caller.accountId, instanceId))
      throw new ResourceNotFoundException(`Instance '${instanceId}' was not found in account ${caller.accountId}`);
  }
}

function afterOf(token: string): string {
  try {
    const v = JSON.parse(decodeURIComponent(atob(token))) as { after?: unknown };
    if (typeof v.after === "string") return v.after;
  } catch {
    // falls through
  }
  throw new InvalidParameterException("NextToken is not valid");
}
