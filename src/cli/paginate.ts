// AWS CLI v1 pagination, generic over any declared operation with a botocore paginator (src/cli/paginators.json):
// botocore's PageIterator (follow the output token, --page-size into the limit key, --max-items truncation with a
// resume token, --starting-token in botocore's own format: base64 of JSON, or the legacy `token___index`) and
// its build_full_result (result keys concatenated, non-aggregate keys from the first page, NextToken on resume).
import { RuntimeCliError } from "./errors.js";
import { isDict, pyJsonDumps, pyRepr, pyTypeName, type PyValue } from "./py.js";
import { pyJsonLoads } from "./pyjson.js";

export interface PaginatorConfig {
  input_token: string | string[];
  output_token: string | string[];
  result_key: string | string[];
  limit_key?: string;
  non_aggregate_keys?: string[];
  more_results?: string;
}

export interface Paging {
  startingToken?: string;
  pageSize?: number;
  maxItems?: number;
}

type Dict = Record<string, PyValue>;
const list = (x: string | string[] | undefined) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** The plain dotted paths botocore's paginators use as result and token expressions. */
const getPath = (d: PyValue, path: string): PyValue | undefined =>
  path.split(".").reduce<PyValue | undefined>((v, k) => (isDict(v) ? v[k] : undefined), d);
function setPath(d: Dict, path: string, value: PyValue): void {
  const keys = path.split(".");
  let cur = d;
  for (const k of keys.slice(0, -1)) cur = isDict(cur[k]) ? (cur[k] as Dict) : (cur[k] = {});
  cur[keys[keys.length - 1]] = value;
}

/** Python's seq[a:b] start/stop for one bound (negative counts from the end). */
const bound = (n: number, len: number) => (n < 0 ? Math.max(0, len + n) : Math.min(n, len));

/** botocore's TokenEncoder: base64 of json.dumps (default separators, ASCII). */
export const encodeToken = (token: Dict): string => Buffer.from(pyJsonDumps(token), "utf8").toString("base64");

/** Python's non-validating base64.b64decode: stray characters dropped, padding must still add up. */
function b64decode(s: string): Buffer {
  const clean = s.replace(/[^A-Za-z0-9+/=]/g, "");
  const data = clean.replace(/=/g, "");
  const pads = (4 - (data.length % 4)) % 4;
  if (data.length % 4 === 1 || clean.length - data.length < pads) throw new Error("Incorrect padding");
  return Buffer.from(data, "base64");
}

export class PageIterator {
  private readonly inputTokens: string[];
  private readonly outputTokens: string[];
  readonly resultKeys: string[];
  resumeToken: string | undefined;
  nonAggregatePart: Dict = {};

  constructor(private readonly cfg: PaginatorConfig, private readonly paging: Paging) {
    this.inputTokens = list(cfg.input_token);
    this.outputTokens = list(cfg.output_token);
    this.resultKeys = list(cfg.result_key);
  }

  /** The starting token and truncation index (botocore's _parse_starting_token, with its fallbacks). */
  parseStartingToken(): [Dict, number] {
    const token = this.paging.startingToken!;
    let decoded: PyValue;
    try {
      decoded = pyJsonLoads(new TextDecoder("utf-8", { fatal: true }).decode(b64decode(token)));
    } catch {
      return this.parseDeprecated(token);
    }
    if (isDict(decoded)) {
      const { boto_truncate_amount: index, ...rest } = decoded;
      return [rest, typeof index === "number" ? index : 0];
    }
    // TokenDecoder pops 'boto_encoded_keys': a list raises TypeError (caught: the legacy parser takes over),
    // any other non-dict has no pop() and the AttributeError ends the command.
    if (Array.isArray(decoded)) return this.parseDeprecated(token);
    throw new RuntimeCliError(`'${/'(.*)'/.exec(pyTypeName(decoded))![1]}' object has no attribute 'pop'`);
  }

  private parseDeprecated(token: string): [Dict, number] {
    let parts = token.split("___");
    let index = 0;
    if (parts.length === this.inputTokens.length + 1) {
      const last = parts[parts.length - 1];
      if (/^\s*[-+]?\d+(_\d+)*\s*$/.test(last)) index = Number(parts.pop()!.replace(/_/g, ""));
      else parts = [token];
    }
    if (parts.length > this.inputTokens.length) throw new RuntimeCliError(`Bad starting token: ${token}`);
    const next: Dict = {};
    this.inputTokens.forEach((name, i) => (next[name] = parts[i] === undefined || parts[i] === "None" ? null : parts[i]));
    return [next, index];
  }

  private inject(kwargs: Dict, next: Dict): void {
    for (const [name, token] of Object.entries(next)) {
      if (token !== null && token !== "None") kwargs[name] = token;
      else delete kwargs[name];
    }
  }

  /** The parameters of the first request (starting token and page size injected), or an error before any request. */
  firstParams(params: Dict): Dict {
    const kwargs = { ...params };
    if (this.paging.startingToken !== undefined) this.inject(kwargs, this.parseStartingToken()[0]);
    if (this.paging.pageSize !== undefined && this.cfg.limit_key) kwargs[this.cfg.limit_key] = this.paging.pageSize;
    return kwargs;
  }

  /** Every page, each as `call` answered it (truncated where --max-items ends). */
  async *pages(params: Dict, call: (kwargs: Dict) => Promise<Dict>): AsyncGenerator<Dict> {
    const kwargs = this.firstParams(params);
    let next: Dict = Object.fromEntries(this.inputTokens.map((k) => [k, null]));
    let startTruncation = 0;
    if (this.paging.startingToken !== undefined) [next, startTruncation] = this.parseStartingToken();
    const primary = this.resultKeys[0];
    const max = this.paging.maxItems;
    let previous: string | undefined;
    let total = 0;
    for (let first = true; ; first = false) {
      const page = await call({ ...kwargs });
      if (first) {
        if (this.paging.startingToken !== undefined) {
          const all = getPath(page, primary);
          setPath(page, primary, Array.isArray(all) ? all.slice(bound(startTruncation, all.length)) : typeof all === "string" ? all.slice(bound(startTruncation, all.length)) : null);
        }
        this.nonAggregatePart = {};
        for (const k of this.cfg.non_aggregate_keys ?? []) setPath(this.nonAggregatePart, k, getPath(page, k) ?? null);
      } else startTruncation = 0;
      const items = getPath(page, primary);
      const n = Array.isArray(items) || typeof items === "string" ? items.length : items == null ? 0 : NaN;
      const truncate = max !== undefined ? total + n - max : 0;
      if (truncate > 0) {
        const original = Array.isArray(items) ? items : [];
        const keep = original.length - truncate;
        setPath(page, primary, original.slice(0, keep < 0 ? bound(keep, original.length) : keep));
        this.resumeToken = encodeToken({ ...next, boto_truncate_amount: keep + startTruncation });
        yield page;
        return;
      }
      yield page;
      total += n;
      if (this.cfg.more_results && !getPath(page, this.cfg.more_results)) return;
      next = {};
      this.outputTokens.forEach((out, i) => {
        const t = getPath(page, out);
        next[this.inputTokens[i]] = t === undefined || t === null || t === "" ? null : t;
      });
      if (Object.values(next).every((t) => t === null)) return;
      if (max !== undefined && total === max) {
        this.resumeToken = encodeToken(next);
        return;
      }
      const key = pyRepr(next);
      if (previous === key) throw new RuntimeCliError(`Error during pagination: The same next token was received twice: ${key}`);
      this.inject(kwargs, next);
      previous = key;
    }
  }

  /** botocore's build_full_result over the pages. */
  full(pages: Dict[]): Dict {
    const complete: Dict = {};
    for (const page of pages) {
      for (const key of this.resultKeys) {
        const value = getPath(page, key);
        if (value === undefined || value === null) continue;
        const existing = getPath(complete, key);
        if (existing === undefined || existing === null) setPath(complete, key, Array.isArray(value) ? [...value] : value);
        else if (Array.isArray(value) && Array.isArray(existing)) existing.push(...value);
        else if (typeof value === "number" && typeof existing === "number") setPath(complete, key, existing + value);
        else if (typeof value === "string" && typeof existing === "string") setPath(complete, key, existing + value);
      }
    }
    mergeDicts(complete, this.nonAggregatePart);
    if (this.resumeToken !== undefined) complete.NextToken = this.resumeToken;
    return complete;
  }
}

function mergeDicts(a: Dict, b: Dict): void {
  for (const [k, v] of Object.entries(b)) {
    if (isDict(a[k]) && isDict(v)) mergeDicts(a[k] as Dict, v);
    else a[k] = v;
  }
}
