// urllib3's InsecureRequestWarning as `aws --no-verify-ssl` prints it on stderr (Python's warnings format: the
// file and line that warned, the category, the message, then the source line), once per HTTPS request, unless
// PYTHONWARNINGS ignores it: scripts silence `aws` that way, so the same setting silences us.
import { fileURLToPath } from "node:url";

const MESSAGE = (host: string) =>
  `Unverified HTTPS request is being made to host '${host}'. Adding certificate verification is strongly advised. See: https://urllib3.readthedocs.io/en/latest/advanced-usage.html#tls-warnings`;
/** The categories a -W / PYTHONWARNINGS filter can name that cover InsecureRequestWarning (its class chain). */
const CATEGORIES = new Set(["", "Warning", "urllib3.exceptions.HTTPWarning", "urllib3.exceptions.SecurityWarning", "urllib3.exceptions.InsecureRequestWarning"]);
const ACTIONS = ["default", "error", "ignore", "always", "module", "once"];

/** Where the warning says it came from: Python names urllib3's connectionpool.py; we name this module. */
const origin = (() => {
  try {
    return fileURLToPath(import.meta.url);
  } catch {
    return "connect-chat";
  }
})();

/** The two stderr lines urllib3 prints for a request to `host` made without certificate verification. */
export function insecureRequestWarning(host: string): string {
  return `${origin}:1: InsecureRequestWarning: ${MESSAGE(host)}\n  warnings.warn(\n`;
}

/** Whether PYTHONWARNINGS (comma-separated action:message:category:module:lineno; the last match wins) ignores it. */
export function insecureWarningIgnored(pythonWarnings: string | undefined, host: string): boolean {
  if (!pythonWarnings) return false;
  const text = MESSAGE(host).toLowerCase();
  let action = "default";
  for (const entry of pythonWarnings.split(",")) {
    const [act = "", message = "", category = "", module = ""] = entry.split(":").map((s) => s.trim());
    const full = ACTIONS.find((a) => act !== "" && a.startsWith(act.toLowerCase()));
    if (!full) continue; // Python reports and skips an invalid option
    if (!text.startsWith(message.toLowerCase())) continue;
    if (!CATEGORIES.has(category)) continue;
    if (module !== "" && module !== "urllib3.connectionpool") continue;
    action = full;
  }
  return action === "ignore";
}
