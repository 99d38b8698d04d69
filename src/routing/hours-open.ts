// Whether hours of operation are open at an instant (CheckHoursOfOperation). The hours are wall-clock times in the
// hours' TimeZone, read through Intl so that daylight saving time follows the zone's rules with no table of our own:
// 09:00–17:00 in America/New_York is 09:00–17:00 local before and after the change, whatever the UTC offset.
// A slice whose end is not after its start runs into the next day (Monday 20:00–02:00 ends Tuesday 02:00), and
// 00:00–00:00 is the whole day, as Connect's admin guide describes midnight ("How to specify midnight").
import type { HoursSlice } from "./types.js";

const DAY_INDEX: Record<HoursSlice["day"], number> = { SUNDAY: 0, MONDAY: 1, TUESDAY: 2, WEDNESDAY: 3, THURSDAY: 4, FRIDAY: 5, SATURDAY: 6 };
const WEEKDAY: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const DAY = 24 * 60;
const WEEK = 7 * DAY;

const formats = new Map<string, Intl.DateTimeFormat>();
/** One formatter per zone (building one costs far more than using it). */
function formatOf(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formats.set(timeZone, f);
  }
  return f;
}

/** The local minute of the week (0 = Sunday 00:00) at epoch milliseconds `at` in `timeZone`. */
export function localWeekMinute(timeZone: string, at: number): number {
  let day = 0;
  let hour = 0;
  let minute = 0;
  for (const p of formatOf(timeZone).formatToParts(new Date(at))) {
    if (p.type === "weekday") day = WEEKDAY[p.value] ?? 0;
    else if (p.type === "hour") hour = Number(p.value) % 24;
    else if (p.type === "minute") minute = Number(p.value);
  }
  return day * DAY + hour * 60 + minute;
}

/** Whether one slice covers the local minute of the week `m` (the start included, the end not). */
function covers(s: HoursSlice, m: number): boolean {
  const start = DAY_INDEX[s.day] * DAY + s.start.hours * 60 + s.start.minutes;
  const startOfDay = s.start.hours * 60 + s.start.minutes;
  const endOfDay = s.end.hours * 60 + s.end.minutes;
  // End at or before start: the slice ends on the next day (00:00–00:00: 24 hours).
  const length = endOfDay > startOfDay ? endOfDay - startOfDay : endOfDay + DAY - startOfDay;
  // Saturday's overnight slice runs into Sunday: the week wraps.
  return (m - start + WEEK) % WEEK < length;
}

/** Whether the hours are open at epoch milliseconds `at`. */
export function hoursOpenAt(h: { timeZone: string; config: readonly HoursSlice[] }, at: number): boolean {
  const m = localWeekMinute(h.timeZone, at);
  return h.config.some((s) => covers(s, m));
}
