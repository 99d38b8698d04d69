// Command-line parsing with the semantics of the AWS CLI's three argparse passes (globals anywhere, then the
// service's operation name, then the operation's options): unique prefixes and `--opt=value` accepted, the
// last repeat wins, unknown tokens left over, and argparse's error texts (exit 2) reproduced.
import { UsageError } from "./errors.js";

export interface OptDef {
  name: string;
  kind: "value" | "flag" | "list" | "skeleton";
  choices?: readonly string[];
}

export const GLOBAL_OPTIONS: readonly OptDef[] = [
  { name: "debug", kind: "flag" },
  { name: "endpoint-url", kind: "value" },
  { name: "no-verify-ssl", kind: "flag" },
  { name: "no-paginate", kind: "flag" },
  { name: "output", kind: "value", choices: ["json", "text", "table", "yaml"] },
  { name: "query", kind: "value" },
  { name: "profile", kind: "value" },
  { name: "region", kind: "value" },
  { name: "color", kind: "value", choices: ["on", "off", "auto"] },
  { name: "no-sign-request", kind: "flag" },
  { name: "ca-bundle", kind: "value" },
  { name: "cli-read-timeout", kind: "value" },
  { name: "cli-connect-timeout", kind: "value" },
  { name: "v2-debug", kind: "flag" },
  { name: "version", kind: "flag" },
];

export interface Parsed {
  values: Map<string, string | string[] | true>;
  /** Tokens no option claimed, in argv order: unknown options and words (positional = not option-like). */
  rest: { tok: string; positional: boolean }[];
}

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

/** argparse's `%-40s` two-per-line choice list, with difflib-like close matches. */
export function invalidChoice(value: string, choices: readonly string[]): string {
  const lines = ["Invalid choice, valid choices are:\n"];
  for (let i = 0; i < choices.length; i += 2) {
    lines.push(choices.slice(i, i + 2).map((c) => c.padEnd(40)).join(" | "));
  }
  const close = closeMatches(value, choices);
  if (close.length) {
    lines.push(`\n\nInvalid choice: '${value}', maybe you meant:\n`);
    for (const c of close) lines.push(`  * ${c}`);
  }
  return lines.join("\n");
}

/** difflib.get_close_matches(word, possibilities, n=3, cutoff=0.8) using the ratio of matching characters. */
function closeMatches(word: string, choices: readonly string[]): string[] {
  const ratio = (a: string, b: string) => (2 * matching(a, b)) / (a.length + b.length);
  return choices
    .map((c) => [ratio(word, c), c] as const)
    .filter(([r]) => r >= 0.8)
    .sort((x, y) => y[0] - x[0])
    .slice(0, 3)
    .map(([, c]) => c);
}

function matching(a: string, b: string): number {
  // Longest common block, recursively on both sides (difflib's SequenceMatcher without junk heuristics).
  if (!a || !b) return 0;
  let best = 0, ai = 0, bi = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
      if (k > best) [best, ai, bi] = [k, i, j];
    }
  }
  if (best === 0) return 0;
  return best + matching(a.slice(0, ai), b.slice(0, bi)) + matching(a.slice(ai + best), b.slice(bi + best));
}

function isOptionLike(tok: string, opts: readonly OptDef[]): boolean {
  if (!tok.startsWith("-") || tok.length === 1) return false;
  if (match(tok, opts).length) return true;
  if (NEGATIVE_NUMBER.test(tok)) return false;
  return !tok.includes(" ");
}

/** Options that `tok` names: exact, `--x=v`, or a unique prefix (argparse allow_abbrev). */
function match(tok: string, opts: readonly OptDef[]): { opt: OptDef; explicit?: string; spelled: string }[] {
  const names = (o: OptDef) => [`--${o.name}`];
  const eq = tok.indexOf("=");
  const head = eq >= 0 ? tok.slice(0, eq) : tok;
  const explicit = eq >= 0 ? tok.slice(eq + 1) : undefined;
  for (const o of opts) for (const n of names(o)) if (n === tok) return [{ opt: o, spelled: n }];
  for (const o of opts) for (const n of names(o)) if (eq >= 0 && n === head) return [{ opt: o, explicit, spelled: n }];
  if (!tok.startsWith("--")) return [];
  const found: { opt: OptDef; explicit?: string; spelled: string }[] = [];
  for (const o of opts) for (const n of names(o)) if (n.startsWith(head)) found.push({ opt: o, explicit, spelled: n });
  return found;
}

/** One argparse pass (parse_known_args) over `argv` with the given options. */
export function parsePass(argv: readonly string[], opts: readonly OptDef[]): Parsed {
  const values = new Map<string, string | string[] | true>();
  const rest: { tok: string; positional: boolean }[] = [];
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i];
    if (tok === "--") {
      for (const t of argv.slice(i + 1)) rest.push({ tok: t, positional: true }); // argparse: all positional after "--"
      break;
    }
    if (!isOptionLike(tok, opts)) {
      rest.push({ tok, positional: true });
      continue;
    }
    const found = match(tok, opts);
    if (found.length > 1) {
      throw new UsageError(`ambiguous option: ${tok.split("=")[0]} could match ${found.map((f) => f.spelled).join(", ")}`);
    }
    if (found.length === 0) {
      rest.push({ tok, positional: false });
      continue;
    }
    const { opt, explicit, spelled } = found[0];
    if (opt.kind === "flag") {
      if (explicit !== undefined) throw new UsageError(`argument ${spelled}: ignored explicit argument '${explicit}'`);
      values.set(opt.name, true);
      continue;
    }
    const next = argv[i + 1];
    const nextIsValue = next !== undefined && next !== "--" && !isOptionLike(next, opts);
    if (opt.kind === "skeleton") {
      const v = explicit ?? (nextIsValue ? argv[++i] : "input");
      if (!["input", "output"].includes(v)) {
        throw new UsageError(`argument ${spelled}: ${invalidChoice(v, ["input", "output"])}`);
      }
      values.set(opt.name, v);
      continue;
    }
    if (opt.kind === "list") {
      const items: string[] = explicit !== undefined ? [explicit] : [];
      while (explicit === undefined && i + 1 < argv.length && !isOptionLike(argv[i + 1], opts)) items.push(argv[++i]);
      if (items.length === 0) throw new UsageError(`argument ${spelled}: expected at least one argument`);
      values.set(opt.name, items);
      continue;
    }
    let v: string;
    if (explicit !== undefined) v = explicit;
    else if (nextIsValue) v = argv[++i];
    else throw new UsageError(`argument ${spelled}: expected one argument`);
    if (opt.choices && !opt.choices.includes(v)) {
      throw new UsageError(`argument ${spelled}: ${invalidChoice(v, opt.choices.filter((c) => c !== "yaml"))}`);
    }
    values.set(opt.name, v);
  }
  return { values, rest };
}
