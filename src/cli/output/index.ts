// Output formats: json (json.dump indent=4, ensure_ascii=False; an empty dict prints nothing), text, table,
// and yaml as AWS CLI v2 prints it.
import { RuntimeCliError } from "../errors.js";
import { isDict, pyJsonDumpStream, type PyValue } from "../py.js";
import { formatTable } from "./table.js";
import { formatText } from "./text.js";

/** The formatter failed after writing `stdout` (awscli streams json.dump's chunks before the error). */
export class PartialOutputError extends RuntimeCliError {
  constructor(message: string, readonly stdout: string) {
    super(message);
  }
}

export interface OutputOptions {
  format: string;
  title: string;
  color: boolean;
  terminalWidth: number;
  yamlStringify?: (v: unknown) => string;
}

export function formatOutput(value: PyValue, o: OutputOptions): string {
  switch (o.format) {
    case "json": {
      if (isDict(value) && Object.keys(value).length === 0) return "";
      const { text, failed } = pyJsonDumpStream(value, 4, false);
      if (failed) throw new PartialOutputError("Encountered unrecognized type in JSON encoder.", text);
      return text + "\n";
    }
    case "text":
      return formatText(value);
    case "table":
      return formatTable(o.title, value, { color: o.color, terminalWidth: o.terminalWidth });
    case "yaml":
      return formatYaml(value, o.yamlStringify!);
    default:
      throw new Error(`Unknown output type: ${o.format}`);
  }
}

/** AWS CLI v2's yaml output: block style, `{}` for an empty result, keys in response order. */
function formatYaml(value: PyValue, stringify: (v: unknown) => string): string {
  const plain = (v: PyValue): unknown =>
    Array.isArray(v) ? v.map(plain) : isDict(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v !== null && typeof v === "object" && "value" in v ? v.value : v;
  return stringify(plain(value));
}
