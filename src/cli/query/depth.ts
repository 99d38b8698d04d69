// Python's recursion limit as the AWS CLI meets it: jmespath's parser recurses once per nesting level, and
// `aws` fails past ~490 parens; we count the same Python 3.11 frames and C-level recursion checks.
import { JmesError } from "./errors.js";

/** sys.getrecursionlimit(). */
const LIMIT = 1000;
/** Depth of Parser._parse's frame when `aws` compiles --query (measured against the real command). */
const BASE_DEPTH = 17;
const EXCEEDED = "maximum recursion depth exceeded";

/** What a frame does first: call a Python function, compare in C, or instantiate an exception class. */
export type FirstAction = "call" | "cmp" | "new";
const SUFFIX: Record<FirstAction, string> = { call: "", cmp: " in comparison", new: " while calling a Python object" };

export class FrameCounter {
  private depth = BASE_DEPTH;

  /** Runs `f` as one Python function call (one more frame) whose first recursion-checked step is `first`. */
  frame<T>(f: () => T, first: FirstAction = "call"): T {
    this.depth++;
    try {
      if (this.depth > LIMIT) throw new JmesError(EXCEEDED);
      if (this.depth + 1 > LIMIT) throw new JmesError(EXCEEDED + SUFFIX[first]);
      return f();
    } finally {
      this.depth--;
    }
  }

  /** A call to a Python function that calls nothing further (ast.field, _advance). */
  leaf(): void {
    if (this.depth + 1 > LIMIT) throw new JmesError(EXCEEDED);
  }

  /** `SomeError(...)`: type call (C check), the Python __init__ frame, then its C super().__init__ call. */
  construct(): void {
    if (this.depth + 1 > LIMIT) throw new JmesError(EXCEEDED + SUFFIX.new);
    if (this.depth + 2 > LIMIT) throw new JmesError(EXCEEDED);
    if (this.depth + 3 > LIMIT) throw new JmesError(EXCEEDED + SUFFIX.new);
  }
}
