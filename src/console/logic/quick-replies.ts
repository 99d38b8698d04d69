// Quick replies, pure: canned answers an agent picks with `/` in the reply box, searched by title and text, with
// `$.Attributes.name` placeholders filled from the contact's attributes (the flow language's reference syntax).
// A placeholder whose attribute the contact lacks is kept as written, so the agent sees what to fill in by hand.

export interface QuickReply {
  id: string;
  title: string;
  text: string;
}

const PLACEHOLDER = /\$\.Attributes\.([A-Za-z0-9_\-.]+?)(?=[^A-Za-z0-9_\-]|\.(?:\s|$)|$)/g;

export function fillPlaceholders(text: string, attributes: Record<string, string>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(PLACEHOLDER, (whole, key: string) => {
    if (Object.hasOwn(attributes, key)) return attributes[key];
    missing.push(key);
    return whole;
  });
  return { text: out, missing };
}

/** The reply box opens the picker when its text is "/" plus an optional search (nothing else typed before it). */
export function slashQuery(box: string): string | undefined {
  const m = /^\/(\S*(?: \S+)*)$/.exec(box);
  return m ? m[1] : undefined;
}

/** Title matches first, then text matches; every word of the query must appear (case-insensitive). */
export function searchReplies(all: readonly QuickReply[], query: string): QuickReply[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const has = (s: string) => words.every((w) => s.toLowerCase().includes(w));
  const inTitle = all.filter((r) => has(r.title));
  const inText = all.filter((r) => !inTitle.includes(r) && has(`${r.title} ${r.text}`));
  return [...inTitle, ...inText];
}

export function validReply(r: Pick<QuickReply, "title" | "text">): string | undefined {
  if (!r.title.trim()) return "Give it a title.";
  if (r.title.length > 100) return "A title has at most 100 characters.";
  if (!r.text.trim()) return "Write the reply.";
  if ([...r.text].length > 1024) return "At most 1024 characters.";
  return undefined;
}
