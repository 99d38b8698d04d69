// Quick responses inside one transaction (CreateQuickResponse / UpdateQuickResponse / DeleteQuickResponse /
// SearchQuickResponses, our extension): canned replies shared by the instance. Who may change them is the
// permission table's business (src/auth/permissions.ts: supervisors); here, the rules every caller meets: a name
// unique in the instance, text that is not only blank, at most QUICK_RESPONSES_PER_INSTANCE of them.
import { InvalidParameterException } from "../api/errors.js";
import type { Caller } from "../domain/types.js";
import { RoutingBase } from "./base.js";
import type { QuickResponse } from "./types.js";

/** Words of a query, lower-cased; a response matches when its name or content contains every one. */
export function queryWords(text: string | undefined): string[] {
  return (text ?? "").toLowerCase().split(/\s+/).filter(Boolean);
}

export const matchesQuery = (r: Pick<QuickResponse, "name" | "content">, words: readonly string[]) => {
  const hay = `${r.name}\n${r.content}`.toLowerCase();
  return words.every((w) => hay.includes(w));
};

/** The model bounds the lengths; a name or text of spaces only passes them and is refused here. */
function notBlank(value: string | undefined, member: "Name" | "Content"): void {
  if (value !== undefined && !value.trim()) throw new InvalidParameterException(`${member} must not be blank`);
}

export class QuickResponses extends RoutingBase {
  async create(caller: Caller, instanceId: string, r: { name: string; content: string }): Promise<QuickResponse> {
    this.instance(caller, instanceId);
    notBlank(r.name, "Name");
    notBlank(r.content, "Content");
    return this.insertNew("quickResponse", { id: this.env.newId(), accountId: caller.accountId, instanceId, name: r.name, content: r.content, updatedAt: this.now(), ...by(caller) });
  }

  async update(caller: Caller, instanceId: string, id: string, change: { name?: string; content?: string }): Promise<void> {
    notBlank(change.name, "Name");
    notBlank(change.content, "Content");
    const r = await this.must("quickResponse", caller, instanceId, id, "QuickResponseId");
    const { modifiedBy: _was, ...rest } = r;
    await this.save("quickResponse", { ...rest, name: change.name ?? r.name, content: change.content ?? r.content, ...by(caller) });
  }

  async delete(caller: Caller, instanceId: string, id: string): Promise<void> {
    await this.must("quickResponse", caller, instanceId, id, "QuickResponseId");
    await this.tx.delete("quickResponse", caller.accountId, instanceId, id);
  }

  /** Name order, paged; with words, only the matching ones (the page fills past the others). */
  search(caller: Caller, instanceId: string, queryText: string | undefined, nextToken?: string, maxResults?: number) {
    const words = queryWords(queryText);
    return this.page("quickResponse", caller, instanceId, nextToken, maxResults, (r) => matchesQuery(r, words));
  }
}

const by = (caller: Caller) => (caller.userId ? { modifiedBy: caller.userId } : {});
