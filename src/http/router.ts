// Matches method + path to an operation using the model's requestUri templates ({Label} and greedy {Label+}).
import type { OperationSpec } from "../api/operations.js";

export interface Route {
  spec: OperationSpec;
  params: Record<string, string>;
}

interface Compiled {
  spec: OperationSpec;
  method: string;
  regex: RegExp;
  names: string[];
}

export class Router {
  private readonly routes: Compiled[];

  constructor(specs: readonly OperationSpec[]) {
    this.routes = specs.map((spec) => {
      const names: string[] = [];
      const template = spec.model.http.requestUri.split("?")[0];
      const pattern = template.replace(/[.*?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, (_, name: string) => {
        const greedy = name.endsWith("+");
        names.push(greedy ? name.slice(0, -1) : name);
        return greedy ? "(.+)" : "([^/]+)";
      });
      return { spec, method: spec.model.http.method, regex: new RegExp(`^${pattern}$`), names };
    });
  }

  /** undefined: no operation has this path; "method": the path exists with another method. */
  match(method: string, rawPath: string): Route | undefined | "method" {
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.regex.exec(rawPath);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => (params[n] = decode(m[i + 1])));
      return { spec: r.spec, params };
    }
    return pathMatched ? "method" : undefined;
  }
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
