// `help` pages built from the model documentation, laid out like the AWS CLI's manual (the seed page):
// description, synopsis, each option with its shape, shorthand and JSON syntax, global options, output.
import type { ServiceModel, Shape } from "../api/model.js";
import { GLOBAL_OPTIONS } from "./argv.js";
import { commandNames, manualPagingArgs, type CommandDef } from "./commands.js";

const GLOBAL_HELP: Record<string, string> = {
  debug: "Turn on debug logging.",
  "endpoint-url": "Override command's default URL with the given URL.",
  "no-verify-ssl": "Do not verify SSL certificates (they are verified by default).",
  "no-paginate": "Disable automatic pagination: a paginated operation (search-contacts) makes one call and prints that page as the service returned it.",
  output: "The formatting style for command output: json, text, table or yaml.",
  query: "A JMESPath query to use in filtering the response data.",
  profile: "Use a specific profile from your credential file.",
  region: "The region to use. Overrides config/env settings.",
  color: "Turn on/off color output: on, off, auto.",
  "no-sign-request": "Do not sign requests. Credentials will not be loaded if this argument is provided.",
  "ca-bundle": "The CA certificate bundle to use when verifying SSL certificates. Overrides config/env settings.",
  "cli-read-timeout": "The maximum socket read time in seconds (0 = no timeout). The default value is 60 seconds.",
  "cli-connect-timeout": "The maximum socket connect time in seconds (0 = no timeout). The default value is 60 seconds.",
  "v2-debug": "Accepted for compatibility; no effect.",
  version: "Display the version of this tool.",
};

function wrap(text: string, indent: number, width = 79): string {
  const pad = " ".repeat(indent);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && pad.length + line.length + 1 + word.length > width) {
      lines.push(pad + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(pad + line);
  return lines.join("\n") + "\n";
}

function shorthandDoc(model: ServiceModel, shape: Shape, depth = 0): string {
  const s = (name: string) => shorthandDoc(model, model.shapes[name], depth + 1);
  if (shape.type === "structure") {
    const inner = Object.entries(shape.members ?? {}).map(([m, r]) => `${m}=${s(r.shape)}`).join(",");
    return depth === 0 ? inner : `{${inner}}`;
  }
  if (shape.type === "list") return depth <= 1 ? `${s(shape.member!.shape)},${s(shape.member!.shape)}` : `[${s(shape.member!.shape)},${s(shape.member!.shape)}]`;
  if (shape.type === "map") return `{KeyName1=${s(shape.value!.shape)},KeyName2=${s(shape.value!.shape)}}`;
  return shape.type;
}

function jsonDoc(model: ServiceModel, shape: Shape, indent: number): string {
  const pad = " ".repeat(indent);
  if (shape.type === "structure") {
    const members = Object.entries(shape.members ?? {}).map(([m, r]) => `${pad}  "${m}": ${jsonDoc(model, model.shapes[r.shape], indent + 2)}`);
    return `{\n${members.join(",\n")}\n${pad}}`;
  }
  if (shape.type === "list") return `[${jsonDoc(model, model.shapes[shape.member!.shape], indent)}, ...]`;
  if (shape.type === "map") return `{"string": ${jsonDoc(model, model.shapes[shape.value!.shape], indent)}\n${pad}  ...}`;
  if (shape.enum) return shape.enum.map((e) => `"${e}"`).join("|");
  return shape.type === "string" ? '"string"' : shape.type;
}

function membersDoc(model: ServiceModel, shape: Shape, indent: number): string {
  let out = "";
  for (const [m, ref] of Object.entries(shape.members ?? {})) {
    const ms = model.shapes[ref.shape];
    out += `${" ".repeat(indent)}${m} -> (${ms.type})\n`;
    const doc = ref.documentation ?? ms.documentation;
    if (doc) out += wrap(doc, indent + 2);
    if (ms.enum) out += wrap(`Possible values: ${ms.enum.join(", ")}`, indent + 2);
    if (ms.type === "structure") out += membersDoc(model, ms, indent + 2);
    out += "\n";
  }
  return out;
}

/** awscli's STARTING_TOKEN_HELP, PAGE_SIZE_HELP and MAX_ITEMS_HELP, as plain text. */
const PAGING_HELP = {
  StartingToken: "A token to specify where to start paginating. This is the NextToken from a previously truncated response.",
  PageSize: "The size of each page to get in the AWS service call. This does not affect the number of items returned in the command's output. Setting a smaller page size results in more calls to the AWS service, retrieving fewer items in each call. This can help prevent the AWS service calls from timing out.",
  MaxItems: "The total number of items to return in the command's output. If the total number of items available is more than the value specified, a NextToken is provided in the command's output. To resume pagination, provide the NextToken value in the starting-token argument of a subsequent command. Do not use the NextToken response element directly outside of the AWS CLI.",
};

function operationHelp(cmd: CommandDef): string {
  const { model, operation } = cmd;
  let out = `${cmd.cliName}\n\nDescription\n\n${wrap(operation.documentation ?? "", 2)}\nSynopsis\n\n  ${cmd.cliName}\n`;
  for (const a of cmd.args) if (!cmd.paginator || !manualPagingArgs(cmd.paginator).includes(a.name)) out += `${a.required ? "" : "["}--${a.name} <value>${a.required ? "" : "]"}\n`;
  for (const g of GLOBAL_OPTIONS) out += `[--${g.name}${g.kind === "flag" ? "" : " <value>"}]\n`;
  out += "\nOptions\n\n";
  // awscli hides the input tokens and the limit key of a paginated operation (its paging arguments replace them).
  const hidden = new Set(cmd.paginator ? manualPagingArgs(cmd.paginator) : []);
  for (const a of cmd.args) {
    if (a.paging) out += `--${a.name} (${a.pagingType})\n\n${wrap(PAGING_HELP[a.paging], 2)}\n`;
    if (!a.shape || hidden.has(a.name)) continue;
    out += `--${a.name} (${a.shape.type})\n\n`;
    const doc = a.member && operation.input ? model.shapes[operation.input.shape].members?.[a.member]?.documentation : undefined;
    if (doc) out += wrap(doc, 2) + "\n";
    if (a.shape.type === "structure" || a.shape.type === "map") {
      out += membersDoc(model, a.shape, 2);
      out += `Shorthand Syntax:\n\n  ${shorthandDoc(model, a.shape)}\n\nJSON Syntax:\n\n${jsonDoc(model, a.shape, 0)}\n\n`;
    }
  }
  out += "--cli-input-json | --cli-input-yaml (string)\n\n";
  out += wrap("Performs the operation from a JSON (or YAML) document in the format --generate-cli-skeleton prints. Options given on the command line override its top-level keys.", 2) + "\n";
  out += "--generate-cli-skeleton (string)\n\n";
  out += wrap("Prints a JSON skeleton to standard output without sending a request: `input` (the default) for --cli-input-json, `output` for a sample answer (validates the other options first).", 2) + "\n";
  out += "Global Options\n\n";
  for (const g of GLOBAL_OPTIONS) out += `--${g.name}${g.kind === "flag" ? " (boolean)" : " (string)"}\n\n${wrap(GLOBAL_HELP[g.name] ?? "", 2)}\n`;
  const outShape = operation.output ? model.shapes[operation.output.shape] : undefined;
  out += "Output\n\n" + (outShape ? membersDoc(model, outShape, 0) : "None\n");
  return out;
}

/** The manual of `cmd` (its model part loaded), or the program's list of operations. */
export function renderHelp(path: string[], cmd?: CommandDef): string {
  const table = commandNames();
  if (cmd) return operationHelp(cmd);
  let out = "connect-chat\n\nDescription\n\n";
  out += wrap("A drop-in for the AWS CLI v1 (`aws connect ...`) for the Connect operations connect-chat implements. Any `aws connect <operation> ...` command line works with the program name changed; the operation may also be given without `connect`.", 2);
  out += "\nSynopsis\n\n  connect-chat [options] [connect] <operation> [parameters]\n\nAvailable operations\n\n";
  for (const name of table.keys()) out += `  o ${name}\n`;
  out += "\nRun `connect-chat <operation> help` for an operation's options.\n";
  return out;
}
