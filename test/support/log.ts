// The app's real logger (src/ops/logger.ts, pino underneath) writing into the test: every line is parsed back
// from its JSON, so tests read what an operator's log shipper would.
import { createLogger } from "../../src/ops/logger.js";

export type LogLine = Record<string, unknown>;

export function captureLogger(sink: (line: LogLine) => void, level: "debug" | "info" | "warn" | "error" = "debug") {
  return createLogger({ level, destination: { write: (s: string) => sink(JSON.parse(s) as LogLine) } });
}
