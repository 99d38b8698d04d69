// Hours of operation open or closed at an instant: wall-clock slices in the hours' zone across daylight saving
// changes (America/New_York, Europe/Berlin), overnight slices, 00:00–00:00 as a whole day, the week's wrap.
import { test } from "node:test";
import assert from "node:assert/strict";
import { hoursOpenAt, localWeekMinute } from "./hours-open.js";
import type { HoursSlice } from "./types.js";

const t = (h: number, m = 0) => ({ hours: h, minutes: m });
const slice = (day: HoursSlice["day"], start: [number, number?], end: [number, number?]): HoursSlice => ({ day, start: t(...start), end: t(...end) });
const utc = (iso: string) => Date.parse(`${iso}Z`);
const WEEKDAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"] as const;
/** Which of these UTC instants the hours are open at. */
const openAt = (h: { timeZone: string; config: HoursSlice[] }, instants: string[]) => instants.filter((i) => hoursOpenAt(h, utc(i)));

test("the local minute of the week comes from the zone, not the machine", () => {
  // 2026-03-08 is a Sunday; 12:34 UTC is 08:34 in New York (EDT), 13:34 in Berlin (CET), 18:04 in Kolkata.
  assert.equal(localWeekMinute("UTC", utc("2026-03-08T12:34")), 12 * 60 + 34);
  assert.equal(localWeekMinute("America/New_York", utc("2026-03-08T12:34")), 8 * 60 + 34);
  assert.equal(localWeekMinute("Europe/Berlin", utc("2026-03-08T12:34")), 13 * 60 + 34);
  assert.equal(localWeekMinute("Asia/Kolkata", utc("2026-03-07T23:00")), 4 * 60 + 30, "Sunday 04:30 local while UTC is still Saturday");
  assert.equal(localWeekMinute("UTC", utc("2026-03-07T23:59")), 6 * 24 * 60 + 23 * 60 + 59, "Saturday 23:59 is the week's last minute");
});

test("America/New_York 09:00–17:00 on weekdays stays 09:00–17:00 local across the March change (UTC-5, then UTC-4)", () => {
  const h = { timeZone: "America/New_York", config: WEEKDAYS.map((d) => slice(d, [9], [17])) };
  // Friday 2026-03-06 is EST: open 14:00Z–22:00Z.
  assert.deepEqual(openAt(h, ["2026-03-06T13:59", "2026-03-06T14:00", "2026-03-06T21:59", "2026-03-06T22:00"]), ["2026-03-06T14:00", "2026-03-06T21:59"]);
  // Monday 2026-03-09 is EDT: open 13:00Z–21:00Z.
  assert.deepEqual(openAt(h, ["2026-03-09T12:59", "2026-03-09T13:00", "2026-03-09T20:59", "2026-03-09T21:00"]), ["2026-03-09T13:00", "2026-03-09T20:59"]);
  // The weekend between is closed.
  assert.deepEqual(openAt(h, ["2026-03-07T15:00", "2026-03-08T15:00"]), []);
});

test("America/New_York: a slice over the skipped hour lasts one real hour; over the repeated hour, two", () => {
  // 2026-03-08 02:00 EST does not happen (clocks go to 03:00 EDT at 07:00Z): Sunday 01:00–03:00 is open 06:00Z–07:00Z.
  const spring = { timeZone: "America/New_York", config: [slice("SUNDAY", [1], [3])] };
  assert.deepEqual(openAt(spring, ["2026-03-08T05:59", "2026-03-08T06:00", "2026-03-08T06:59", "2026-03-08T07:00"]), ["2026-03-08T06:00", "2026-03-08T06:59"]);
  // 2026-11-01 01:00–02:00 happens twice (EDT from 05:00Z, EST from 06:00Z): Sunday 01:00–02:00 is open 05:00Z–07:00Z.
  const fall = { timeZone: "America/New_York", config: [slice("SUNDAY", [1], [2])] };
  assert.deepEqual(openAt(fall, ["2026-11-01T04:59", "2026-11-01T05:00", "2026-11-01T06:30", "2026-11-01T06:59", "2026-11-01T07:00"]), ["2026-11-01T05:00", "2026-11-01T06:30", "2026-11-01T06:59"]);
});

test("Europe/Berlin 08:00–18:00 on Mondays before and after the March change; the repeated October hour counts twice", () => {
  const h = { timeZone: "Europe/Berlin", config: [slice("MONDAY", [8], [18])] };
  // 2026-03-23 is CET (UTC+1): open 07:00Z–17:00Z; 2026-03-30 is CEST (UTC+2): open 06:00Z–16:00Z.
  assert.deepEqual(openAt(h, ["2026-03-23T06:59", "2026-03-23T07:00", "2026-03-23T16:59", "2026-03-23T17:00"]), ["2026-03-23T07:00", "2026-03-23T16:59"]);
  assert.deepEqual(openAt(h, ["2026-03-30T05:59", "2026-03-30T06:00", "2026-03-30T15:59", "2026-03-30T16:00"]), ["2026-03-30T06:00", "2026-03-30T15:59"]);
  // 2026-10-25: 02:00–03:00 happens in CEST (00:00Z) and again in CET (01:00Z).
  const oct = { timeZone: "Europe/Berlin", config: [slice("SUNDAY", [2], [3])] };
  assert.deepEqual(openAt(oct, ["2026-10-24T23:59", "2026-10-25T00:00", "2026-10-25T01:30", "2026-10-25T02:00"]), ["2026-10-25T00:00", "2026-10-25T01:30"]);
});

test("an end before the start runs into the next day; Saturday's overnight slice wraps into Sunday", () => {
  const fri = { timeZone: "UTC", config: [slice("FRIDAY", [20], [2])] };
  // Friday 2026-03-06 20:00 to Saturday 02:00; not Thursday night, not Friday before 20:00.
  assert.deepEqual(openAt(fri, ["2026-03-05T23:00", "2026-03-06T19:59", "2026-03-06T20:00", "2026-03-07T01:59", "2026-03-07T02:00"]), ["2026-03-06T20:00", "2026-03-07T01:59"]);
  const sat = { timeZone: "America/New_York", config: [slice("SATURDAY", [22], [6])] };
  // Saturday 2026-03-14 22:00 EDT (02:00Z Sunday) to Sunday 06:00 EDT (10:00Z).
  assert.deepEqual(openAt(sat, ["2026-03-15T01:59", "2026-03-15T02:00", "2026-03-15T09:59", "2026-03-15T10:00"]), ["2026-03-15T02:00", "2026-03-15T09:59"]);
  const toMidnight = { timeZone: "UTC", config: [slice("TUESDAY", [22], [0])] };
  assert.deepEqual(openAt(toMidnight, ["2026-03-10T21:59", "2026-03-10T22:00", "2026-03-10T23:59", "2026-03-11T00:00"]), ["2026-03-10T22:00", "2026-03-10T23:59"]);
});

test("00:00–00:00 is the whole day in the zone; no slices is never open", () => {
  const h = { timeZone: "Asia/Kolkata", config: [slice("MONDAY", [0], [0])] };
  // Monday 2026-03-09 00:00 IST is Sunday 18:30Z; Tuesday 00:00 IST is Monday 18:30Z.
  assert.deepEqual(openAt(h, ["2026-03-08T18:29", "2026-03-08T18:30", "2026-03-09T18:29", "2026-03-09T18:30"]), ["2026-03-08T18:30", "2026-03-09T18:29"]);
  const basic = { timeZone: "UTC", config: (["SUNDAY", ...WEEKDAYS, "SATURDAY"] as const).map((d) => slice(d, [0], [0])) };
  assert.equal(openAt(basic, ["2026-03-08T00:00", "2026-03-11T12:00", "2026-03-14T23:59"]).length, 3, "Basic Hours: always open");
  assert.deepEqual(openAt({ timeZone: "UTC", config: [] }, ["2026-03-09T12:00"]), []);
});
