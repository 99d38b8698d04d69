// The CLI entry: `connect-chat [connect] <operation> [options]` with AWS CLI v1's argument passes, exit codes
// (0 ok, 2 usage, 255 everything else) and error printing. Loads nothing heavy: the SDK, the --query interpreter and yaml
// are imported only on the paths that need them.
import { GLOBAL_OPTIONS, invalidChoice, parsePass, type OptDef } from "./argv.js";
import { commandNames, loadCommand, manualPagingArgs, type ArgDef, type CommandDef } from "./commands.js";
import { CONNECT_OPERATIONS } from "./data/connect-operations.js";
import { CliError, RuntimeCliError, UnknownOptionsError, UsageError } from "./errors.js";
import { runOperation, type Globals } from "./run.js";

export interface CliIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** stdout is a terminal (colour "auto", table width). */
  isTTY: boolean;
  columns?: number;
}

const defaultIo = (): CliIo => ({
  env: process.env,
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  columns: process.stdout.columns,
});

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(e.render());
      return e.exitCode;
    }
    io.stderr(`\n${(e as Error).message ?? String(e)}\n`);
    return 255;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const top = parsePass(argv, GLOBAL_OPTIONS);
  if (top.values.has("version")) {
    const { versionLine } = await import("./version.js");
    io.stdout(versionLine() + "\n");
    return 0;
  }
  const rest = [...top.rest];
  const first = rest.findIndex((r) => r.positional);
  if (first < 0) throw new UsageError("the following arguments are required: command");
  const [command] = rest.splice(first, 1);
  const table = commandNames();
  let opName = command.tok;
  if (command.tok === "help") return help(io, []);
  if (command.tok !== "connect" && !table.has(command.tok)) {
    throw new UsageError(`argument command: ${invalidChoice(command.tok, ["connect", ...table.keys(), "help"])}`);
  }
  const globals = await resolveGlobals(top.values);
  if (command.tok === "connect") {
    const i = rest.findIndex((r) => r.positional);
    if (i < 0) throw new UsageError("the following arguments are required: operation");
    opName = rest.splice(i, 1)[0].tok;
    if (opName === "help") return help(io, ["connect"]);
    if (!table.has(opName)) {
      if (CONNECT_OPERATIONS.includes(opName)) throw new RuntimeCliError(`connect-chat does not implement the connect operation "${opName}"`);
      throw new UsageError(`argument operation: ${invalidChoice(opName, [...CONNECT_OPERATIONS, "help"])}`);
    }
  }
  const cmd = await loadCommand(opName);
  const opArgs = rest.map((r) => r.tok);
  if (opArgs[0] === "help") return help(io, [cmd.cliName], cmd);
  const opts: OptDef[] = cmd.args.map((a) => ({ name: a.name, kind: a.kind }));
  const parsed = parsePass(opArgs, opts);
  const lifted = opArgs.includes("--cli-input-json") || opArgs.includes("--cli-input-yaml") ||
    (opArgs.includes("--generate-cli-skeleton") && opArgs[opArgs.indexOf("--generate-cli-skeleton") + 1] !== "output");
  // awscli adds an optional positional "help" to the operation parser: the first stray word lands there and
  // is either the help request or reported last among the unknown options.
  const stray = parsed.rest.findIndex((r) => r.positional);
  if (stray >= 0) {
    const [word] = parsed.rest.splice(stray, 1);
    parsed.rest.push(word);
  }
  // argparse's type=int on the paging arguments, checked as each is consumed (before the required check).
  for (const a of cmd.args) {
    const v = parsed.values.get(a.name);
    if (a.paging && a.pagingType !== "string" && typeof v === "string" && !/^\s*[-+]?\d+(_\d+)*\s*$/.test(v)) {
      throw new UsageError(`argument --${a.name}: invalid int value: '${v}'`);
    }
  }
  const missing = cmd.args.filter((a) => a.required && !lifted && !parsed.values.has(a.name)).map((a) => `--${a.name}`);
  if (missing.length) throw new UsageError(`the following arguments are required: ${missing.join(", ")}`);
  if (stray >= 0 && parsed.rest[parsed.rest.length - 1].tok === "help") return help(io, [cmd.cliName], cmd);
  if (parsed.rest.length) throw new UnknownOptionsError(parsed.rest.map((r) => r.tok));
  return runOperation(pagingDecision(cmd, parsed.values, globals), parsed.values, globals, io, argv);
}

/**
 * awscli's check_should_enable_pagination: an input token or the limit key given by hand turns automatic
 * pagination off; with it off, a paging argument is an error and shadowed model arguments come back.
 */
function pagingDecision(cmd: CommandDef, values: Map<string, string | string[] | true>, g: Globals): CommandDef {
  if (!cmd.paginator) return cmd;
  if (manualPagingArgs(cmd.paginator).some((n) => values.has(n) && !["start-token", "max-items"].includes(n))) g.paginate = false;
  if (g.paginate) return cmd;
  const shadowed = new Set((cmd.shadowed ?? []).map((a) => a.name));
  const truthy = (a: ArgDef) => {
    const v = values.get(a.name);
    return typeof v === "string" && (a.pagingType === "string" ? v !== "" : Number(v.trim().replace(/_/g, "")) !== 0);
  };
  const used = ["starting-token", "page-size", "max-items"].filter((n) => !shadowed.has(n) && cmd.args.some((a) => a.name === n && truthy(a)));
  if (used.length) throw new RuntimeCliError(`Error during pagination: Cannot specify --no-paginate along with pagination arguments: ${used.map((n) => `--${n}`).join(", ")}`);
  return cmd.shadowed?.length ? { ...cmd, args: [...cmd.args.filter((a) => !shadowed.has(a.name)), ...cmd.shadowed] } : cmd;
}

/** Step 2 of the AWS CLI: global options checked before the operation's own parsing. */
async function resolveGlobals(v: Map<string, string | string[] | true>): Promise<Globals> {
  const s = (k: string) => (typeof v.get(k) === "string" ? (v.get(k) as string) : undefined);
  const query = s("query");
  if (query !== undefined) await (await import("./query.js")).compileQuery(query);
  const endpoint = s("endpoint-url");
  if (endpoint !== undefined && !/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(endpoint)) {
    throw new RuntimeCliError(`Bad value for --endpoint-url "${endpoint}": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/`);
  }
  const int = (k: string) => {
    const x = s(k);
    if (x === undefined) return undefined;
    if (!/^\s*[-+]?\d+(_\d+)*\s*$/.test(x)) throw new RuntimeCliError(`invalid literal for int() with base 10: '${x}'`);
    return Number(x.replace(/_/g, ""));
  };
  return {
    debug: v.has("debug"),
    paginate: !v.has("no-paginate"),
    endpointUrl: endpoint,
    verifySsl: !v.has("no-verify-ssl"),
    output: s("output"),
    query,
    profile: s("profile"),
    region: s("region"),
    color: s("color") ?? "auto",
    sign: !v.has("no-sign-request"),
    caBundle: s("ca-bundle"),
    readTimeout: int("cli-read-timeout"),
    connectTimeout: int("cli-connect-timeout"),
  };
}

async function help(io: CliIo, path: string[], cmd?: CommandDef): Promise<number> {
  const { renderHelp } = await import("./help.js");
  io.stdout(renderHelp(path, cmd));
  return 0;
}
