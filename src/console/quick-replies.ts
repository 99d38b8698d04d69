// Where quick replies are kept: on the server, per instance (SearchQuickResponses and the Create/Update/Delete
// extensions, signed like every other call). Every agent reads them; supervisors (ManagerListenIn) change them.
// Replies an earlier console kept in this browser's localStorage are offered once to a supervisor to import (each
// with its old id as ClientToken, so an import cut short and run again adds nothing twice), then forgotten here.
import type { QuickReply } from "./logic/quick-replies.js";
import type { Api } from "./api.js";
import { extension } from "./routing-api.js";
import type { SignedInUser } from "./session.js";

/** The server keeps at most 500 per instance: five pages of 100. */
const MAX_PAGES = 5;

export interface QuickReplyStore {
  list(): Promise<QuickReply[]>;
  /** Adds (no id) or changes one; the server's refusal (a name taken, too long) is thrown as is. */
  save(r: QuickReply): Promise<void>;
  remove(id: string): Promise<void>;
}

interface Summary {
  Id: string;
  Name: string;
  Content: string;
}

export class ServerQuickReplies implements QuickReplyStore {
  private cached?: Promise<QuickReply[]>;
  constructor(private readonly api: Api) {}

  /** Read once and kept until a change here: the picker opens at once on every `/`. */
  list(): Promise<QuickReply[]> {
    this.cached ??= this.load().catch((e) => {
      this.cached = undefined;
      throw e;
    });
    return this.cached;
  }

  async save(r: QuickReply, clientToken?: string): Promise<void> {
    const path = `/quick-responses/${encodeURIComponent(this.api.creds.instanceId)}`;
    this.cached = undefined;
    if (r.id) await extension(this.api, `${path}/${encodeURIComponent(r.id)}`, { Name: r.title, Content: r.text });
    else await extension(this.api, path, { Name: r.title, Content: r.text, ...(clientToken ? { ClientToken: clientToken } : {}) }, "PUT");
  }

  async remove(id: string): Promise<void> {
    this.cached = undefined;
    await extension(this.api, `/quick-responses/${encodeURIComponent(this.api.creds.instanceId)}/${encodeURIComponent(id)}`, undefined, "DELETE");
  }

  private async load(): Promise<QuickReply[]> {
    const out: QuickReply[] = [];
    let NextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await extension<{ QuickResponses?: Summary[]; NextToken?: string }>(this.api, "/search-quick-responses", { InstanceId: this.api.creds.instanceId, MaxResults: 100, NextToken });
      out.push(...(r.QuickResponses ?? []).map((q) => ({ id: q.Id, title: q.Name, text: q.Content })));
      NextToken = r.NextToken;
      if (!NextToken) break;
    }
    return out;
  }
}

/** Supervisors (CreateQuickResponse granted) and administrators signed in with access keys (no user: every operation). */
export const canManageQuickReplies = (user: SignedInUser | undefined): boolean => !user || user.permissions.CreateQuickResponse === "any";

/** The replies an earlier console kept in this browser for the instance (localStorage), to import once. */
export class LegacyQuickReplies {
  private readonly key: string;
  constructor(instanceId: string, private readonly storage: Pick<Storage, "getItem" | "removeItem"> = localStorage) {
    this.key = `connect-chat.console.quick-replies.${instanceId}`;
  }
  list(): QuickReply[] {
    try {
      const v = JSON.parse(this.storage.getItem(this.key) ?? "[]");
      return Array.isArray(v) ? v.filter((r) => r && typeof r.id === "string" && typeof r.title === "string" && typeof r.text === "string") : [];
    } catch {
      return [];
    }
  }
  forget(): void {
    this.storage.removeItem(this.key);
  }
}

/**
 * Imports the browser's replies to the server: each under its old id as ClientToken; one the server refuses (its
 * name is taken, it is too long) is counted as skipped and named. The browser's copy is forgotten afterwards.
 */
export async function importLegacy(store: ServerQuickReplies, legacy: LegacyQuickReplies): Promise<{ added: number; skipped: string[] }> {
  let added = 0;
  const skipped: string[] = [];
  for (const r of legacy.list()) {
    try {
      await store.save({ id: "", title: r.title.slice(0, 100), text: r.text }, `import-${r.id}`.slice(0, 500));
      added++;
    } catch (e) {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
      if (status >= 500 || status === 0 || status === 403) throw e;
      skipped.push(r.title);
    }
  }
  legacy.forget();
  return { added, skipped };
}
