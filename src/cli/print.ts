// Printing an answer as awscli's formatters do: the whole result (json, table, yaml: FullyBufferedFormatter,
// with --query applied once), or page by page for a paginated call (text: TextFormatter, --query per page).
import type { CommandDef } from "./commands.js";
import type { CliIo } from "./main.js";
import { formatOutput, PartialOutputError } from "./output/index.js";
import type { PageIterator } from "./paginate.js";
import type { PyValue } from "./py.js";
import type { Globals } from "./run.js";

type Dict = Record<string, PyValue>;

async function render(cmd: CommandDef, value: PyValue, g: Globals, io: CliIo, format: string): Promise<string> {
  if (g.query !== undefined) value = await (await import("./query.js")).applyQuery(g.query, value);
  // The bundle may wrap yaml as CommonJS (its exports then sit under `default`).
  const yaml: any = format === "yaml" ? await import("yaml") : undefined;
  const yamlStringify: ((v: unknown) => string) | undefined = yaml && (yaml.stringify ?? yaml.default.stringify);
  try {
    return formatOutput(value, {
      format,
      title: cmd.operation.name,
      color: g.color === "on" || (g.color === "auto" && io.isTTY),
      terminalWidth: io.isTTY ? (io.columns ?? 80) : 80,
      yamlStringify,
    });
  } catch (e) {
    if (e instanceof PartialOutputError) io.stdout(e.stdout);
    throw e;
  }
}

export async function printResult(cmd: CommandDef, result: PyValue, g: Globals, io: CliIo, format: string): Promise<number> {
  io.stdout(await render(cmd, result, g, io, format));
  return 0;
}

/** A paginated call's output: text streams each page as it arrives (earlier pages stay printed when a later one fails). */
export async function printPages(cmd: CommandDef, it: PageIterator, pages: AsyncGenerator<Dict>, g: Globals, io: CliIo, format: string): Promise<number> {
  if (format !== "text") {
    const all: Dict[] = [];
    for await (const page of pages) all.push(page);
    return printResult(cmd, it.full(all), g, io, format);
  }
  let i = 0;
  for await (const page of pages) {
    // The first page carries the non-aggregate keys (botocore fills them in as that page arrives), then the result keys.
    const current: Dict = i++ === 0 ? it.nonAggregatePart : {};
    for (const key of it.resultKeys) setResult(current, key, page);
    io.stdout(await render(cmd, current, g, io, format));
  }
  if (it.resumeToken !== undefined) io.stdout(await render(cmd, { NextToken: { NextToken: it.resumeToken } }, g, io, format));
  return 0;
}

function setResult(current: Dict, path: string, page: Dict): void {
  const keys = path.split(".");
  let src: PyValue | undefined = page;
  for (const k of keys) src = src !== null && typeof src === "object" && !Array.isArray(src) ? (src as Dict)[k] : undefined;
  let cur = current;
  for (const k of keys.slice(0, -1)) cur = (cur[k] ??= {}) as Dict;
  cur[keys[keys.length - 1]] = src ?? null;
}
