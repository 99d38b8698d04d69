// What the agent console is served from the configuration (in /console/config.json, no secrets): the wrap-up
// dispositions per queue. Bounded: the page lists them all.
import { z } from "zod";

const Disposition = z.string().trim().min(1).max(100);

export const ConsoleSchema = z
  .strictObject({
    dispositions: z
      .record(z.string().min(1).max(127), z.array(Disposition).min(1).max(50))
      .refine((m) => Object.keys(m).length <= 200, "at most 200 queues")
      .describe('Wrap-up dispositions per queue, by queue name or id ("*": every queue without its own list), e.g. { Sales: [Sold, "No sale"] }')
      .optional(),
  })
  .describe("The agent console");
