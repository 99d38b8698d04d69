// Where quick replies are kept. For now in this browser's localStorage, per instance: an agent manages their own
// set in the page. Shared per-instance replies need the server (a small SigV4 extension API with both stores) —
// not built yet; a store with the same three methods replaces this one then, and nothing else changes.
import type { QuickReply } from "./logic/quick-replies.js";

export interface QuickReplyStore {
  list(): QuickReply[];
  save(r: QuickReply): void;
  remove(id: string): void;
}

export class LocalQuickReplies implements QuickReplyStore {
  private readonly key: string;
  constructor(instanceId: string, private readonly storage: Pick<Storage, "getItem" | "setItem"> = localStorage) {
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
  save(r: QuickReply) {
    const all = this.list();
    const i = all.findIndex((x) => x.id === r.id);
    if (i >= 0) all[i] = r;
    else all.push(r);
    this.storage.setItem(this.key, JSON.stringify(all));
  }
  remove(id: string) {
    this.storage.setItem(this.key, JSON.stringify(this.list().filter((r) => r.id !== id)));
  }
}

/**
 * Who may add, edit and delete quick replies. Everyone signed in, until the console knows roles (the sign-in and
 * routing work brings users and their security profiles): then supervisors only — change this one function.
 */
export function canManageQuickReplies(_who: { role?: string }): boolean {
  return true;
}
