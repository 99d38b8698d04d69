// Timestamp parameters as botocore reads them (parse_to_aware_datetime): epoch seconds (a number or anything
// float() accepts) or a date string (dateutil; naive means UTC). The JSON protocols send int(epoch seconds).
const FLOAT = /^\s*[-+]?((\d+(_\d+)*)?\.?\d+(_\d+)*([eE][-+]?\d+)?|\d+(_\d+)*\.)\s*$/;

/** Milliseconds since the epoch, or undefined when botocore could not parse the value. */
export function parseTimestamp(v: unknown): number | undefined {
  if (typeof v === "number") return v * 1000;
  if (typeof v !== "string") return undefined;
  if (FLOAT.test(v)) return Number(v.replace(/_/g, "")) * 1000;
  const iso = /^\s*\d{4}-\d{2}-\d{2}(T[\d:.]+)?\s*$/.test(v) ? `${v.trim()}${v.includes("T") ? "Z" : "T00:00:00Z"}` : v;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** botocore's _timestamp_unixtimestamp: whole seconds (timetuple drops the fraction), as the Date the SDK serializes. */
export const wholeSeconds = (ms: number): Date => new Date(Math.floor(ms / 1000) * 1000);
