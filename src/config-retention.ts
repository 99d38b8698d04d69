// The `retention` key of the configuration: how long the sweep keeps what only short-lived readers need (push-only
// items, flow runs of ended contacts, uploads never completed) — src/domain/retention.ts says who reads each and why
// the minimums are what they are.
import { z } from "zod";
import { RETENTION_DEFAULTS, RETENTION_MINIMUMS, type RetentionRules } from "./domain/retention.js";

const seconds = (ms: number) => Math.ceil(ms / 1000);

export const RetentionSchema = z
  .strictObject({
    pushOnlyItemsSeconds: z
      .number()
      .int()
      .min(seconds(RETENTION_MINIMUMS.pushOnlyItemsMs))
      .describe(`Push-only items (typing, receipt pushes) are purged this long after they were sent: a socket's catch-up reads at most a WebSocket URL's 100 s back (default ${seconds(RETENTION_DEFAULTS.pushOnlyItemsMs)})`)
      .optional(),
    flowRunsSeconds: z
      .number()
      .int()
      .min(0)
      .describe(`A contact's flow run, flow log and timer are purged this long after the contact ended (default ${seconds(RETENTION_DEFAULTS.flowRunsMs)}, 7 days)`)
      .optional(),
    unfinishedUploadsSeconds: z
      .number()
      .int()
      .min(seconds(RETENTION_MINIMUMS.unfinishedUploadsMs))
      .describe(`Attachment uploads never completed (row and bytes) are purged this long after they started; upload URLs live 300 s (default ${seconds(RETENTION_DEFAULTS.unfinishedUploadsMs)})`)
      .optional(),
    batchSize: z.number().int().min(1).max(10_000).describe(`Rows per purge transaction (default ${RETENTION_DEFAULTS.batch})`).optional(),
  })
  .describe("What the periodic sweep purges, and after how long");
export type RetentionConfig = z.infer<typeof RetentionSchema>;

export function retentionRules(c: RetentionConfig | undefined): RetentionRules {
  const ms = (s: number | undefined, fallback: number) => (s === undefined ? fallback : s * 1000);
  return {
    pushOnlyItemsMs: ms(c?.pushOnlyItemsSeconds, RETENTION_DEFAULTS.pushOnlyItemsMs),
    flowRunsMs: ms(c?.flowRunsSeconds, RETENTION_DEFAULTS.flowRunsMs),
    unfinishedUploadsMs: ms(c?.unfinishedUploadsSeconds, RETENTION_DEFAULTS.unfinishedUploadsMs),
    batch: c?.batchSize ?? RETENTION_DEFAULTS.batch,
  };
}
