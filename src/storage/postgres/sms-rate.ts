// sms.messagesPerSecond shared by every node on the database: one GCRA bucket per sending number, a row holding
// its "theoretical arrival time" (tat, ms), reserved by one atomic upsert per send. The database's clock, not the
// nodes', so skewed nodes cannot overspend; the row lock is held for that one statement only (autocommit), never
// across the provider call. Same contract as channels/pace.ts: a wait ≥ 0 reserves a slot, a negative one does not.
import type pg from "pg";

const NOW = "(extract(epoch FROM statement_timestamp()) * 1000)";

// The upsert reserves when the slot is within maxWait ($4): tat moves to max(tat, now) + interval ($2). The wait
// before the reserved slot is (new tat - interval - tolerance) - now, at least 0. No row back: not reserved.
const RESERVE = `INSERT INTO sms_rate AS r (number, tat) VALUES ($1, ${NOW} + $2)
  ON CONFLICT (number) DO UPDATE SET tat = GREATEST(r.tat, ${NOW}) + $2
    WHERE r.tat - $3 - ${NOW} <= $4
  RETURNING GREATEST(0, r.tat - $2 - $3 - ${NOW}) AS wait`;
const NEXT_FREE = `SELECT r.tat - $2 - ${NOW} AS wait FROM sms_rate r WHERE number = $1`;

export async function reserveSmsSlot(pool: pg.Pool, number: string, perSecond: number, maxWaitMs: number): Promise<number> {
  const interval = 1000 / perSecond;
  const tolerance = (Math.max(1, Math.floor(perSecond)) - 1) * interval;
  const r = await pool.query<{ wait: number }>({ name: "cc_smsSlot", text: RESERVE, values: [number, interval, tolerance, maxWaitMs] });
  if (r.rows.length) return Math.ceil(Number(r.rows[0].wait));
  const next = await pool.query<{ wait: number }>({ name: "cc_smsSlotNext", text: NEXT_FREE, values: [number, tolerance] });
  // Never 0 here: 0 would mean "reserved"; a bucket that freed up since the upsert is tried again after 1 ms.
  return -Math.max(1, Math.ceil(Number(next.rows[0]?.wait ?? 1)));
}
