// What the page shows about unread messages outside the chat in front: the count in the title and on the favicon
// (drawn as an SVG data URL, no file), and which chats just got new ones (for the sound and the notification).

export const BASE_TITLE = "connect-chat · Agent console";

export function titleFor(unread: number, base = BASE_TITLE): string {
  return unread > 0 ? `(${unread > 99 ? "99+" : unread}) ${base}` : base;
}

const BUBBLE = "<rect width='32' height='32' rx='8' fill='#2563eb'/><path d='M8 10h16v9H14l-5 4v-4H8z' fill='white'/>";

/** The console's icon, with a red badge and the count when there are unread messages. */
export function faviconFor(unread: number): string {
  const label = unread > 9 ? "9+" : String(unread);
  const badge = unread > 0 ? `<circle cx='23' cy='9' r='9' fill='#dc2626'/><text x='23' y='13' font-size='${label.length > 1 ? 10 : 13}' font-family='Arial,sans-serif' font-weight='700' fill='white' text-anchor='middle'>${label}</text>` : "";
  return `data:image/svg+xml,${encodeURIComponent(`<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'>${BUBBLE}${badge}</svg>`)}`;
}

/** Chats whose unread count went up since the last look (each with how many more). */
export function increases(before: ReadonlyMap<string, number>, now: ReadonlyMap<string, number>): [string, number][] {
  return [...now].flatMap(([id, n]) => (n > (before.get(id) ?? 0) ? [[id, n - (before.get(id) ?? 0)] as [string, number]] : []));
}

export interface NotifyPrefs {
  sound: boolean;
  desktop: boolean;
}

export function loadPrefs(storage: Pick<Storage, "getItem">): NotifyPrefs {
  try {
    const v = JSON.parse(storage.getItem("connect-chat.console.notify") ?? "{}");
    return { sound: v.sound !== false, desktop: v.desktop === true };
  } catch {
    return { sound: true, desktop: false };
  }
}

export const savePrefs = (storage: Pick<Storage, "setItem">, p: NotifyPrefs) => storage.setItem("connect-chat.console.notify", JSON.stringify(p));
