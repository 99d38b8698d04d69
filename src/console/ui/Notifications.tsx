// Unread messages in chats that are not in front (or while the page is hidden), and chats offered to the agent: the
// count in the title and on the favicon, a short chime (WebAudio, no file), and a desktop notification. The browser's permission is asked
// only when the agent turns desktop notifications on (a click: a user gesture), never at load.
import { useEffect, useRef, useState } from "preact/hooks";
import type { ChatConn } from "../chat.js";
import { lastMessageOf } from "../logic/transcript.js";
import { faviconFor, increases, loadPrefs, savePrefs, titleFor, type NotifyPrefs } from "../logic/notify.js";
import type { TabRef } from "../session.js";

let prefs: NotifyPrefs = loadPrefs(localStorage);
const prefListeners = new Set<() => void>();
const setPrefs = (p: NotifyPrefs) => {
  prefs = p;
  savePrefs(localStorage, p);
  for (const l of prefListeners) l();
};

let audio: AudioContext | undefined;
/** Two soft notes, a third of a second. */
function chime() {
  try {
    audio ??= new AudioContext();
    const t = audio.currentTime;
    for (const [i, f] of [880, 1320].entries()) {
      const o = audio.createOscillator();
      const g = audio.createGain();
      o.frequency.value = f;
      g.gain.setValueAtTime(0.0001, t + i * 0.12);
      g.gain.exponentialRampToValueAtTime(0.12, t + i * 0.12 + 0.02);
      g.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.12 + 0.2);
      o.connect(g).connect(audio.destination);
      o.start(t + i * 0.12);
      o.stop(t + i * 0.12 + 0.22);
    }
  } catch {
    // No audio device (or blocked): the title and favicon still say it.
  }
}

function setFavicon(href: string) {
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = document.createElement("link");
    link.rel = "icon";
    document.head.append(link);
  }
  if (link.href !== href) link.href = href;
}

export interface OfferAlert {
  contactId: string;
  customer?: string;
  message?: string;
}

function notify(title: string, body: string, tag: string, onClick: () => void) {
  if (!prefs.desktop || typeof Notification === "undefined" || Notification.permission !== "granted") return;
  const n = new Notification(title, { body, tag });
  n.onclick = () => {
    window.focus();
    onClick();
    n.close();
  };
}

/**
 * Keeps title and favicon in step with the tabs' unread counts plus the chats offered; chimes and notifies when an
 * unread count goes up or a new offer arrives.
 */
export function useUnreadAlerts(tabs: TabRef[], connOf: (t: TabRef) => ChatConn, onShow: (contactId: string) => void, offers: OfferAlert[] = []) {
  const before = useRef(new Map<string, number>());
  const show = useRef(onShow);
  show.current = onShow;
  const chimed = useRef(new Set<string>());
  const notified = useRef(new Set<string>());
  const offerCount = useRef(0);
  // An offer chimes when it arrives and notifies once its customer is known (the next SearchContacts poll).
  const offerKey = offers.map((o) => `${o.contactId}${o.customer ? "+" : ""}`).join(",");
  const latestOffers = useRef(offers);
  latestOffers.current = offers;
  useEffect(() => {
    const now = latestOffers.current;
    const ids = new Set(now.map((o) => o.contactId));
    if (now.some((o) => !chimed.current.has(o.contactId)) && prefs.sound) chime();
    for (const o of now)
      if (o.customer && !notified.current.has(o.contactId)) {
        notified.current.add(o.contactId);
        notify(`Chat offered from ${o.customer}`, o.message ?? "", `offer-${o.contactId}`, () => show.current("queue"));
      }
    chimed.current = ids;
    notified.current = new Set([...notified.current].filter((id) => ids.has(id)));
    offerCount.current = ids.size;
  }, [offerKey]);
  useEffect(() => {
    const update = () => {
      const now = new Map<string, number>();
      for (const t of tabs) {
        const c = connOf(t);
        // A chat still loading its transcript (after a reload) counts, but is not news.
        if (!c.loaded) before.current.set(t.contactId, c.state.unread);
        now.set(t.contactId, c.state.unread);
      }
      const total = [...now.values()].reduce((a, b) => a + b, 0) + offerCount.current;
      document.title = titleFor(total);
      setFavicon(faviconFor(total));
      const up = increases(before.current, now);
      before.current = now;
      if (!up.length) return;
      if (prefs.sound) chime();
      for (const [id] of up) {
        const t = tabs.find((x) => x.contactId === id);
        if (t) notify(`New message from ${t.customer}`, lastMessageOf(connOf(t).state.items)?.content ?? "", id, () => show.current(id));
      }
    };
    const offs = tabs.map((t) => connOf(t).subscribe(update));
    update();
    return () => offs.forEach((off) => off());
  }, [tabs, connOf, offerKey]);
  useEffect(() => () => void (document.title = titleFor(0)), []);
}

/** Sound and desktop notifications, switched by the agent (kept in localStorage for this browser). */
export function AlertSettings() {
  const [p, setP] = useState(prefs);
  const [note, setNote] = useState<string>();
  useEffect(() => {
    const l = () => setP(prefs);
    prefListeners.add(l);
    return () => void prefListeners.delete(l);
  }, []);
  const supported = typeof Notification !== "undefined";
  const toggleDesktop = async (on: boolean) => {
    setNote(undefined);
    if (!on) return setPrefs({ ...prefs, desktop: false });
    // Asked here, in the click that turns them on — the only time the page asks.
    const answer = Notification.permission === "default" ? await Notification.requestPermission() : Notification.permission;
    if (answer === "granted") setPrefs({ ...prefs, desktop: true });
    else setNote("The browser blocks notifications for this site; allow them in its site settings.");
  };
  return (
    <fieldset class="alerts" data-testid="alert-settings">
      <legend class="sr-only">Alerts for new messages</legend>
      <label class="check">
        <input type="checkbox" checked={p.sound} onChange={(e) => setPrefs({ ...prefs, sound: (e.target as HTMLInputElement).checked })} />
        Sound
      </label>
      {supported && (
        <label class="check">
          <input type="checkbox" checked={p.desktop && Notification.permission === "granted"} onChange={(e) => void toggleDesktop((e.target as HTMLInputElement).checked)} />
          Desktop notifications
        </label>
      )}
      {note && (
        <p class="fine warn" role="status">
          {note}
        </p>
      )}
    </fieldset>
  );
}
